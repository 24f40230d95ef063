import { readFileSync } from "node:fs";
import path from "node:path";
import { photoFileName, pictureFolder } from "../images/pictures.ts";
import { themeDir } from "../theme.ts";

export const serviceWorkerRuntime = path.join(themeDir, "scripts", "sw.js");

export interface ServiceWorkerConfig {
  /** Build id: names the shell cache, so a deploy that changes the shell replaces it. */
  version: string;
  /** Site paths without the path prefix; the worker resolves them against its scope. */
  precache: string[];
  offlinePage: string;
  /** The search index's part folders in `/pagefind/`: cached chunks of any other folder are stale. */
  searchFolders: string[];
}

/** Site paths become scope-relative ("/x/" → "x/"), so one worker file serves any path prefix. */
function scopeRelative(url: string): string {
  return url.replace(/^\/+/, "");
}

/**
 * `sw.js`: the theme's worker runtime after a line of configuration. The file is not content-hashed (browsers
 * find updates at a fixed address), so the build id in that line is what makes a new deploy a new worker.
 */
export function serviceWorkerSource(config: ServiceWorkerConfig, runtime = readFileSync(serviceWorkerRuntime, "utf8")): string {
  const settings = {
    version: config.version,
    precache: config.precache.map(scopeRelative),
    offlinePage: scopeRelative(config.offlinePage),
    searchFolders: config.searchFolders,
    // How photo files are named, so that offline the worker finds the one saved size of any photo asked for.
    photoFolder: scopeRelative(pictureFolder),
    photoFileName: photoFileName.source,
  };
  return `self.NEWS_ARCHIVE_OFFLINE = ${JSON.stringify(settings)};\n${runtime}`;
}
