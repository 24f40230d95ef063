/**
 * The offline page: lists what this browser has kept, and lets a reader save the whole search index (and, if
 * they choose, every page) before going offline, or remove that copy. Loaded only by /offline/.
 * Cache names follow theme/scripts/sw.js: "news-archive:<root path>:pages" and "…:saved".
 */
(() => {
  const box = document.getElementById("offline-save");
  if (!box) return;
  const root = box.dataset.root;
  const strings = JSON.parse(box.dataset.strings);
  const lang = box.dataset.lang;
  const manifestUrl = new URL(box.dataset.manifest, location.href).href;
  const pagesCache = `news-archive:${root}:pages`;
  const savedCache = `news-archive:${root}:saved`;
  // Not the manifest's own address: the worker's fallbacks look that up in every cache.
  const savedMarker = `${manifestUrl}?saved`;
  // Saving fetches skip the service worker's own caching (it would keep a second copy of every page).
  const saveHeaders = { "x-news-archive-save": "1" };
  const PARALLEL_DOWNLOADS = 4;

  const byId = (id) => document.getElementById(id);
  const sizeLabel = byId("offline-size");
  const includePages = byId("offline-include-pages");
  const includePagesLabel = byId("offline-include-pages-label");
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

  let manifest;
  const loadManifest = async () => {
    manifest ??= await fetch(manifestUrl).then((response) => {
      if (!response.ok) throw new Error(`${manifestUrl}: ${response.status}`);
      return response.json();
    });
    return manifest;
  };

  async function listSaved() {
    const titles = new Map();
    try {
      for (const file of (await loadManifest()).pages.files) titles.set(new URL(file.url, location.href).href, file.title);
    } catch {
      // Without the manifest the list still works, with addresses for titles.
    }
    const seen = new Set();
    for (const name of [pagesCache, savedCache]) {
      if (!(await caches.has(name))) continue;
      for (const request of await (await caches.open(name)).keys()) {
        const url = new URL(request.url);
        if (!(url.pathname.endsWith("/") || url.pathname.endsWith(".html"))) continue;
        if (url.pathname === box.dataset.offlinePage) continue;
        seen.add(url.href);
      }
    }
    const list = byId("offline-saved-list");
    list.replaceChildren(
      ...[...seen].sort().map((href) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = href;
        link.textContent = titles.get(href) ?? decodeURI(new URL(href).pathname);
        item.append(link);
        return item;
      }),
    );
    byId("offline-saved-empty").hidden = seen.size > 0;
  }

  function chosenFiles() {
    return [...manifest.index.files, ...(includePages.checked ? manifest.pages.files : [])];
  }

  function showSize() {
    const total = chosenFiles().reduce((sum, file) => sum + file.size, 0);
    sizeLabel.textContent = fill(strings.size, { size: formatSize(total) });
  }

  async function savedVersion() {
    if (!(await caches.has(savedCache))) return undefined;
    const marker = await (await caches.open(savedCache)).match(savedMarker);
    return marker ? (await marker.json()).version : undefined;
  }

  async function showState() {
    const version = await savedVersion();
    deleteButton.hidden = version === undefined;
    if (version !== undefined) status.textContent = version === manifest.version ? strings.saved : strings.outdated;
  }

  // Saving needs the network; a click offline would only end in "could not save".
  let saving = false;
  const showConnection = () => {
    saveButton.disabled = saving || !navigator.onLine;
  };
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);

  async function save() {
    const files = chosenFiles();
    const total = files.reduce((sum, file) => sum + file.size, 0);
    let done = 0;
    saving = true;
    showConnection();
    deleteButton.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    const cache = await caches.open(savedCache);
    const queue = [...files];
    const report = () => {
      progress.value = total ? done / total : 1;
      status.textContent = `${fill(strings.percent, { percent: percentFormat.format(progress.value * 100) })} ${fill(strings.progress, {
        done: formatSize(done),
        total: formatSize(total),
      })}`;
    };
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const response = await fetch(file.url, { headers: saveHeaders, cache: "no-cache" });
        if (!response.ok) throw new Error(`${file.url}: ${response.status}`);
        await cache.put(file.url, response);
        done += file.size;
        report();
      }
    };
    try {
      report();
      await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
      // The manifest, kept last, marks the copy complete and says which build it came from.
      await cache.put(savedMarker, new Response(JSON.stringify({ version: manifest.version }), { headers: { "content-type": "application/json" } }));
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
  loadManifest()
    .then(() => {
      includePagesLabel.textContent = fill(strings.includePages, { size: formatSize(manifest.pages.size) });
      showSize();
      box.hidden = false;
      showConnection();
      includePages.addEventListener("change", showSize);
      saveButton.addEventListener("click", () => void save());
      deleteButton.addEventListener("click", () => void remove());
      return showState();
    })
    .catch((error) => console.warn("news archive: the offline manifest is unavailable", error));
})();
