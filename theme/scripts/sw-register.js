/**
 * The only script on article pages: registers the archive's service worker. It lives in `<prefix>assets/`, so the
 * site root (path prefix included) is one folder up from its own address; no configuration is needed.
 */
(() => {
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script || !script.src) return;
  const root = new URL("../", script.src);
  navigator.serviceWorker
    .register(new URL("sw.js", root).href, { scope: root.pathname })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // This page loaded before the worker controlled it, so the worker never saw it: ask it to keep a copy.
      if (!navigator.serviceWorker.controller && registration.active) {
        registration.active.postMessage({ type: "keep-page", url: location.href });
      }
    })
    .catch((error) => console.warn("news archive: offline reading is unavailable", error));
})();
