/** Fixed addresses of the offline feature (site paths, without the path prefix). */
export const offlinePageUrl = "/offline/";
export const webManifestUrl = "/manifest.webmanifest";
export const offlineManifestUrl = "/offline-manifest.json";
export const serviceWorkerFile = "sw.js";
