/** Fixed addresses of the offline feature (site paths, without the path prefix). */
export const offlinePageUrl = "/offline/";
export const webManifestUrl = "/manifest.webmanifest";
/** Totals of what "save the archive" downloads and where its list's parts are; the parts sit beside it. */
export const offlineListUrl = "/offline/list.json";
export const serviceWorkerFile = "sw.js";
