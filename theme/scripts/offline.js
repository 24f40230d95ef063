/**
 * The offline page: lists what this browser has kept, and lets a reader save the whole search index (and, if
 * they choose, every page, and with the pages their photos) before going offline, or remove that copy. Loaded only
 * by /offline/.
 * Cache names follow theme/scripts/sw.js: "news-archive:<root path>:pages" and "…:saved".
 * The summary (`offline/list.json`) gives the sizes; the list of files, in parts, is fetched only to save.
 */
(() => {
  const box = document.getElementById("offline-save");
  if (!box) return;
  const root = box.dataset.root;
  const strings = JSON.parse(box.dataset.strings);
  const lang = box.dataset.lang;
  const summaryUrl = new URL(box.dataset.list, location.href).href;
  const pagesCache = `news-archive:${root}:pages`;
  const savedCache = `news-archive:${root}:saved`;
  // Not the summary's own address: the worker's fallbacks look that up in every cache.
  const savedMarker = `${summaryUrl}?saved`;
  // The parts of the list kept with a saved copy: they name the saved pages' titles.
  const isListPart = (url) => /\/offline\/(pages|search)-[\w.-]+\.json$/.test(new URL(url).pathname);
  // Saving fetches skip the service worker's own caching (it would keep a second copy of every page).
  const saveHeaders = { "x-news-archive-save": "1" };
  const PARALLEL_DOWNLOADS = 4;
  // One pixel of AVIF: whether this browser shows AVIF decides the format photos are saved in.
  const tinyAvif =
    "data:image/avif;base64,AAAAHGZ0eXBhdmlmAAAAAG1pZjFhdmlmbWlhZgAAANZtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAABAAAAImlsb2MAAAAAREAAAQABAAAAAAD6AAEAAAAAAAAAGQAAACNpaW5mAAAAAAABAAAAFWluZmUCAAAAAAEAAGF2MDEAAAAAVmlwcnAAAAA4aXBjbwAAAAxhdjFDgSACAAAAABRpc3BlAAAAAAAAAAEAAAABAAAAEHBpeGkAAAAAAwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAgMAAAAhbWRhdBIACgc4AAYQENBpMgwYAAooooQAALATS9g=";

  const byId = (id) => document.getElementById(id);
  const sizeLabel = byId("offline-size");
  const includePages = byId("offline-include-pages");
  const includePagesLabel = byId("offline-include-pages-label");
  const includePhotos = byId("offline-include-photos");
  const includePhotosLabel = byId("offline-include-photos-label");
  const saveButton = byId("offline-save-button");
  const deleteButton = byId("offline-delete-button");
  const progress = byId("offline-progress");
  const status = byId("offline-status");

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const percentFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  function formatSize(bytes) {
    const [unit, amount] =
      bytes >= 1e6 ? ["megabyte", bytes / 1e6] : bytes >= 1e3 ? ["kilobyte", bytes / 1e3] : ["byte", bytes];
    return new Intl.NumberFormat(lang, { style: "unit", unit, maximumFractionDigits: 1 }).format(amount);
  }

  // Served in place of a page that was not saved: say so. Opened on purpose while online: it is a tools page.
  const standIn = location.pathname !== box.dataset.offlinePage;
  if (standIn || !navigator.onLine) byId("offline-notice").hidden = false;

  if (!("caches" in window) || !("serviceWorker" in navigator)) {
    byId("offline-unsupported").hidden = false;
    return;
  }

  let summary;
  const getJson = async (url, init) => {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response;
  };
  const loadSummary = async () => {
    summary ??= await getJson(summaryUrl).then((response) => response.json());
    return summary;
  };

  /** A saved page's title: from the lists saved with the archive, else from the page's own `<title>`. */
  async function savedTitles() {
    const titles = new Map();
    if (!(await caches.has(savedCache))) return titles;
    const cache = await caches.open(savedCache);
    for (const request of await cache.keys()) {
      if (!isListPart(request.url)) continue;
      const list = await (await cache.match(request)).json();
      for (const file of list.files) if (file.title) titles.set(new URL(file.url, location.href).href, file.title);
    }
    return titles;
  }

  async function pageTitle(response) {
    const html = await response.text();
    const head = html.slice(0, html.indexOf("</title>") + "</title>".length);
    return new DOMParser().parseFromString(head, "text/html").title || undefined;
  }

  async function listSaved() {
    const titles = await savedTitles();
    const seen = new Map();
    for (const name of [pagesCache, savedCache]) {
      if (!(await caches.has(name))) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (!(url.pathname.endsWith("/") || url.pathname.endsWith(".html"))) continue;
        if (url.pathname === box.dataset.offlinePage || seen.has(url.href)) continue;
        seen.set(url.href, titles.get(url.href) ?? (await cache.match(request).then(pageTitle).catch(() => undefined)));
      }
    }
    const list = byId("offline-saved-list");
    list.replaceChildren(
      ...[...seen.keys()].sort().map((href) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = href;
        link.textContent = seen.get(href) ?? decodeURI(new URL(href).pathname);
        item.append(link);
        return item;
      }),
    );
    byId("offline-saved-empty").hidden = seen.size > 0;
  }

  /**
   * Photos are saved one file each: in AVIF if this browser shows it, else WebP, at the width the article page's
   * srcset needs for the column on this screen (src/offline/offline-manifest.ts, savedPhotoWidth). A browser may
   * pick another width or format of the same photo (a listing's thumbnail, a search result's, a rotated phone):
   * offline, the service worker answers any of them with the saved file, found through an alias kept beside it.
   */
  const photoFormat = (() => {
    const probe = new Image();
    probe.src = tinyAvif;
    return probe.decode().then(
      () => "avif",
      () => "webp",
    );
  })();
  let photoChoice;

  /** The width the theme's `sizes` (e.g. "(min-width: 50rem) 46rem, calc(100vw - 2rem)") gives on this screen. */
  function columnWidth(sizes) {
    for (const item of sizes.split(/,\s*(?![^()]*\))/)) {
      const conditional = /^(\(.*?\))\s+(.+)$/.exec(item.trim());
      if (conditional && !matchMedia(conditional[1]).matches) continue;
      const probe = document.createElement("div");
      probe.style.cssText = "position:absolute;visibility:hidden;height:0";
      probe.style.width = conditional ? conditional[2] : item.trim();
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      if (width > 0) return width;
    }
    return window.innerWidth;
  }

  const savedWidth = (widths, target) => widths.find((width) => width >= target) ?? widths[widths.length - 1];

  async function choosePhotos() {
    const { widths, column, bytes } = summary.photos;
    const needed = columnWidth(column) * (window.devicePixelRatio || 1);
    const target = savedWidth(widths, needed);
    const format = await photoFormat;
    return { format, target, size: bytes[format][widths.indexOf(target)] };
  }

  /** The saved file of one listed photo, and the alias the service worker finds it by. */
  function photoFile(photo) {
    if (photo.size !== undefined) return { url: photo.url, size: photo.size };
    const width = savedWidth(photo.widths, photoChoice.target);
    const url = `${photo.url}-${width}.${photoChoice.format}`;
    return { url, size: photo[photoChoice.format][photo.widths.indexOf(width)], alias: photo.url };
  }

  const withPhotos = () => includePages.checked && includePhotos.checked;

  /** The parts of the list to download: the index's, and the pages' if chosen. */
  function chosenParts() {
    return [...summary.index.parts, ...(includePages.checked ? summary.pages.parts : [])];
  }

  function chosenSize() {
    return chosenParts().reduce((sum, part) => sum + part.size, 0) + (withPhotos() ? photoChoice.size : 0);
  }

  function showSize() {
    // Photos come with the pages that show them.
    includePhotos.disabled = !includePages.checked;
    if (!includePages.checked) includePhotos.checked = false;
    sizeLabel.textContent = fill(strings.size, { size: formatSize(chosenSize()) });
  }

  async function savedVersion() {
    if (!(await caches.has(savedCache))) return undefined;
    const marker = await (await caches.open(savedCache)).match(savedMarker);
    return marker ? (await marker.json()).version : undefined;
  }

  async function showState() {
    const version = await savedVersion();
    deleteButton.hidden = version === undefined;
    if (version !== undefined) status.textContent = version === summary.version ? strings.saved : strings.outdated;
  }

  // Saving needs the network; a click offline would only end in "could not save".
  let saving = false;
  const showConnection = () => {
    saveButton.disabled = saving || !navigator.onLine;
  };
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);

  async function save() {
    const parts = chosenParts();
    const photoParts = withPhotos() ? summary.photos.parts : [];
    const total = chosenSize();
    let done = 0;
    saving = true;
    showConnection();
    deleteButton.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    const cache = await caches.open(savedCache);
    const queue = [];
    const report = () => {
      progress.value = total ? done / total : 1;
      status.textContent = `${fill(strings.percent, { percent: percentFormat.format(progress.value * 100) })} ${fill(strings.progress, {
        done: formatSize(done),
        total: formatSize(total),
      })}`;
    };
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const response = await getJson(file.url, { headers: saveHeaders, cache: "no-cache" });
        await cache.put(file.url, response);
        if (file.alias) await cache.put(file.alias, new Response(new URL(file.url, location.href).href, { headers: { "content-type": "text/plain" } }));
        done += file.size;
        report();
      }
    };
    const listText = async (part) => (await getJson(part.url, { headers: saveHeaders, cache: "no-cache" })).text();
    const photoFolder = `${root}img/`;
    try {
      report();
      const lists = await Promise.all(parts.map(listText));
      const photos = (await Promise.all(photoParts.map(listText))).flatMap((text) => JSON.parse(text).photos.map(photoFile));
      // An earlier save's lists name files this build may no longer have; its photos go unless saved again now.
      const keep = new Set(photos.flatMap((photo) => [photo.url, ...(photo.alias ? [photo.alias] : [])].map((url) => new URL(url, location.href).href)));
      for (const request of await cache.keys()) {
        const stalePhoto = new URL(request.url).pathname.startsWith(photoFolder) && !keep.has(request.url);
        if (isListPart(request.url) || stalePhoto) await cache.delete(request);
      }
      // The lists of pages and index are kept with the copy, for the titles they give.
      for (const [i, text] of lists.entries()) {
        await cache.put(parts[i].url, new Response(text, { headers: { "content-type": "application/json" } }));
        queue.push(...JSON.parse(text).files);
      }
      queue.push(...photos);
      await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
      // The marker, kept last, marks the copy complete and says which build it came from.
      await cache.put(savedMarker, new Response(JSON.stringify({ version: summary.version }), { headers: { "content-type": "application/json" } }));
      // Shown together: a reader told the copy is saved can at once remove it.
      deleteButton.hidden = false;
      status.textContent = strings.saved;
    } catch (error) {
      console.warn("news archive: saving for offline failed", error);
      status.textContent = strings.failed;
    } finally {
      saving = false;
      showConnection();
      deleteButton.disabled = false;
      progress.hidden = true;
      await showState().catch(() => undefined);
      await listSaved();
    }
  }

  async function remove() {
    await caches.delete(savedCache);
    deleteButton.hidden = true;
    status.textContent = strings.deleted;
    await listSaved();
  }

  listSaved().catch((error) => console.warn("news archive: cannot list saved pages", error));
  loadSummary()
    .then(async () => {
      photoChoice = await choosePhotos();
      includePagesLabel.textContent = fill(strings.includePages, { size: formatSize(summary.pages.size) });
      includePhotosLabel.textContent = fill(strings.includePhotos, { size: formatSize(photoChoice.size) });
      byId("offline-include-photos-row").hidden = summary.photos.photos === 0;
      showSize();
      box.hidden = false;
      showConnection();
      includePages.addEventListener("change", showSize);
      includePhotos.addEventListener("change", showSize);
      saveButton.addEventListener("click", () => void save());
      deleteButton.addEventListener("click", () => void remove());
      return showState();
    })
    .catch((error) => console.warn("news archive: the offline list is unavailable", error));
})();
