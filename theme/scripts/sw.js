/**
 * The archive's service worker. src/offline/service-worker.ts writes it to the site root as `sw.js`, after a line
 * that sets `self.NEWS_ARCHIVE_OFFLINE` (build id, shell files, the search index's folders). Pages come from the network first so readers
 * always see the latest text when online; the cache is only the fallback. Hashed assets and everything in
 * `/pagefind/` (each part of the index lives in a folder named by its fingerprint) never change under one name, so
 * they come from the cache first.
 */
const config = self.NEWS_ARCHIVE_OFFLINE;
const scope = self.registration.scope;
const scopePath = new URL(scope).pathname;
// Two archives on one origin (different path prefixes) must not share or delete each other's caches.
const cachePrefix = `news-archive:${scopePath}:`;
const shellCache = `${cachePrefix}shell:${config.version}`;
const pagesCache = `${cachePrefix}pages`;
const savedCache = `${cachePrefix}saved`;
const at = (relative) => new URL(relative, scope).href;
const offlinePage = at(config.offlinePage);
// The offline page's "save the archive" downloads carry this header and go straight to the network:
// it stores them itself, and the pages cache should not hold a second copy.
const saveHeader = "x-news-archive-save";

/** Which way a request is answered; pure, so the rules read in one place. */
function routeFor(request, url) {
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.href.startsWith(scope)) return "browser";
  if (request.headers.has(saveHeader)) return "browser";
  const path = url.pathname.slice(scopePath.length);
  if (path === "sw.js") return "browser";
  if (request.mode === "navigate" || path === "" || path.endsWith("/") || path.endsWith(".html")) return "page";
  // Photo files are named by their content (src/images/): a reader's copy of one never goes stale.
  if (path.startsWith("pagefind/") || path.startsWith("img/")) return "cache-first";
  if (/^assets\/.+\.[\w-]{8,}\.\w+$/.test(path)) return "cache-first";
  return "network-first";
}

/** Pages are stored without their query: `/search/?q=…` is one page. */
function withoutQuery(url) {
  const bare = new URL(url);
  bare.search = "";
  bare.hash = "";
  return bare.href;
}

function storable(response) {
  return response.ok && response.type === "basic" && !response.redirected;
}

async function store(cacheName, key, response) {
  const cache = await caches.open(cacheName);
  await cache.put(key, response);
}

/**
 * Looks in the archive's caches in the order given. `caches.match` would search in the order the caches were
 * made, which can put a copy from an earlier deploy first.
 */
async function lookup(url, order) {
  for (const name of order) {
    if (!(await caches.has(name))) continue;
    const hit = await (await caches.open(name)).match(url, { ignoreSearch: true });
    if (hit) return hit;
  }
  return undefined;
}

/** The newest copy of a page: the reader's last visit, else this build's shell, else "save the archive". */
const cachedPage = (url) => lookup(url, [pagesCache, shellCache, savedCache]);

async function page(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (storable(response)) event.waitUntil(store(pagesCache, withoutQuery(request.url), response.clone()));
    return response;
  } catch (offline) {
    const cached = await cachedPage(request.url);
    if (cached) return cached;
    if (request.mode === "navigate") {
      const fallback = await lookup(offlinePage, [shellCache, pagesCache]);
      if (fallback) return fallback;
    }
    throw offline;
  }
}

const photoFileName = new RegExp(config.photoFileName);

/**
 * "Save the archive" keeps each photo at one width and format (offline.js), with an alias `img/<key>` naming that
 * file: offline, a request for any other size of the photo (a thumbnail, another screen's width) gets the saved one.
 */
async function savedPhoto(url) {
  const path = new URL(url).pathname.slice(scopePath.length);
  const [, key, size] = (path.startsWith(config.photoFolder) && photoFileName.exec(path.slice(config.photoFolder.length))) || [];
  const alias = key && size && (await lookup(at(`${config.photoFolder}${key}`), [savedCache]));
  return alias ? lookup(await alias.text(), [savedCache]) : undefined;
}

/** This build's shell goes first: it was fetched at install, so it is never older than another copy. */
async function cacheFirst(event) {
  const cached = await lookup(event.request.url, [shellCache, pagesCache, savedCache]);
  if (cached) return cached;
  let response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const saved = await savedPhoto(event.request.url);
    if (saved) return saved;
    throw offline;
  }
  if (storable(response)) event.waitUntil(store(pagesCache, withoutQuery(event.request.url), response.clone()));
  return response;
}

async function networkFirst(event) {
  try {
    const response = await fetch(event.request);
    if (storable(response)) event.waitUntil(store(pagesCache, event.request.url, response.clone()));
    return response;
  } catch (offline) {
    const cached = await caches.match(event.request);
    if (cached) return cached;
    throw offline;
  }
}

const handlers = { page, "cache-first": cacheFirst, "network-first": networkFirst };

self.addEventListener("fetch", (event) => {
  const route = routeFor(event.request, new URL(event.request.url));
  if (route !== "browser") event.respondWith(handlers[route](event));
});

/**
 * A file whose name changes with its contents (hashed assets, anything in a search part's folder) is taken from any
 * of the archive's caches, else from the HTTP cache, which the page that registered the worker has just filled (its
 * stylesheet): a deploy then costs a returning reader only the shell files that changed. Other files skip the
 * HTTP cache, which may still hold the previous deploy's copy.
 */
async function fetchForShell(relative) {
  const url = at(relative);
  const immutable = routeFor(new Request(url), new URL(url)) === "cache-first";
  if (immutable) {
    const shells = (await caches.keys()).filter((name) => name.startsWith(`${cachePrefix}shell:`));
    const kept = await lookup(url, [...shells, pagesCache, savedCache]);
    if (kept) return kept;
  }
  const response = await fetch(new Request(url, { cache: immutable ? "default" : "reload" }));
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const responses = await Promise.all(config.precache.map(fetchForShell));
      const cache = await caches.open(shellCache);
      await Promise.all(config.precache.map((relative, i) => cache.put(at(relative), responses[i])));
      // A new deploy takes over at once; pages are network-first, so readers see new text on their next load.
      await self.skipWaiting();
    })(),
  );
});

/**
 * Old shells go, but their hashed assets move to the pages cache first: pages saved under an older deploy
 * still link the stylesheet of that deploy. Index chunks the current index no longer names are dropped.
 */
async function tidy() {
  const names = (await caches.keys()).filter((name) => name.startsWith(`${cachePrefix}shell:`) && name !== shellCache);
  const pages = await caches.open(pagesCache);
  for (const name of names) {
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      if (new URL(request.url).pathname.startsWith(`${scopePath}assets/`)) {
        const response = await old.match(request);
        if (response) await pages.put(request, response);
      }
    }
    await caches.delete(name);
  }
  // The new shell was fetched at install, so it is newer than any copy of the same file kept before.
  for (const name of [pagesCache, savedCache]) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const relative of config.precache) await cache.delete(at(relative), { ignoreSearch: true });
  }
  // Search parts live in folders named by their contents: a folder this build no longer has is stale.
  const folders = new Set(config.searchFolders);
  const stale = (url) => {
    const path = new URL(url).pathname;
    return path.startsWith(`${scopePath}pagefind/`) && !folders.has(path.slice(`${scopePath}pagefind/`.length).split("/")[0]);
  };
  for (const name of [pagesCache, savedCache]) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (stale(request.url)) await cache.delete(request);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await tidy();
      await self.clients.claim();
    })(),
  );
});

/** The first page a reader opens loads before the worker exists; sw-register.js asks for it to be kept. */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep-page" || typeof data.url !== "string") return;
  const url = new URL(data.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(scope)) return;
  event.waitUntil(
    (async () => {
      const response = await fetch(url.href);
      if (storable(response)) await store(pagesCache, withoutQuery(url.href), response);
    })().catch(() => undefined),
  );
});
