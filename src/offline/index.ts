import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Asset } from "../assets.ts";
import type { ArchiveBuild } from "../archive-build.ts";
import type { EleventyHost, PageRegistrar } from "../host.ts";
import { plainPage } from "../pages.ts";
import { appIcons, appIconSpecs } from "./icons.ts";
import { webAppManifest } from "./manifest.ts";
import { builtPage, offlineList, type BuiltPage } from "./offline-manifest.ts";
import { buildId, outputFile, precacheList, shellPages } from "./precache.ts";
import { serviceWorkerSource } from "./service-worker.ts";
import { registrationScript, themeScript } from "./scripts.ts";
import { offlineListUrl, offlinePageUrl, serviceWorkerFile, webManifestUrl } from "./urls.ts";
import { perBuild } from "../per-build.ts";

export { appIcons, appIconSpecs, encodePng, parseHexColour } from "./icons.ts";
export { shortName, webAppManifest } from "./manifest.ts";
export {
  builtPage,
  maxListPartBytes,
  offlineList,
  offlinePhotoFormats,
  offlinePhotos,
  pageGroup,
  pageTitle,
  savedPhotoWidth,
  splitList,
  type BuiltPage,
  type OfflineListFile,
  type OfflinePhoto,
  type OfflinePhotoListFile,
  type OfflineSummary,
} from "./offline-manifest.ts";
export { buildId, isPagefindIndexFile, isPagefindRuntime, pageDependencies, precacheList } from "./precache.ts";
export { serviceWorkerSource } from "./service-worker.ts";
export { registrationScript } from "./scripts.ts";

export { offlineListUrl, offlinePageUrl, serviceWorkerFile, webManifestUrl } from "./urls.ts";

// One offline-page script per build, like the search bundle: the theme file may change between rebuilds while serving.
const offlineScript = perBuild<ArchiveBuild, Asset>(() => themeScript("offline"));

/** The offline page's context: the page, its script, and the strings its script shows. */
export function offlinePage(build: ArchiveBuild) {
  const t = build.site.strings;
  return {
    ...plainPage("offline", offlinePageUrl, t.offlinePageTitle, build.site),
    offline: {
      script: offlineScript(build).url,
      list: offlineListUrl,
      strings: {
        size: t.offlineSize,
        progress: t.offlineProgress,
        percent: t.offlinePercent,
        saved: t.offlineSaved,
        deleted: t.offlineDeleted,
        failed: t.offlineSaveFailed,
        outdated: t.offlineOutdated,
        includePages: t.offlineIncludePages,
        includePhotos: t.offlineIncludePhotos,
      },
    },
  };
}

/** Every file under `dir`, relative to it with "/" separators, and its size. */
export function listFiles(dir: string): { file: string; size: number }[] {
  if (!existsSync(dir)) return [];
  const found: { file: string; size: number }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    found.push({ file: path.relative(dir, full).split(path.sep).join("/"), size: statSync(full).size });
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : 1));
}

export interface OfflineInput {
  pages: BuiltPage[];
  /** Files in `pagefind/`, relative to it, with their sizes. */
  pagefindFiles: { file: string; size: number }[];
  /** Files in `img/`, relative to it, with their sizes. */
  photoFiles?: { file: string; size: number }[];
  pathPrefix: string;
  brandColour: string;
  /** A file of the finished site by its site path, wherever the build keeps it now; undefined if there is none. */
  readSiteFile: (url: string) => Buffer | undefined;
}

/**
 * What needs the finished site: the icons, the list of what "save the archive" downloads (`offline/list.json` and
 * its parts) and `sw.js`, whose precache names the shell (never the list's parts or the search index, which grow
 * with the archive) and
 * whose version hashes every precached file. Returned as site paths and contents, so that a build can write them
 * wherever it stages its output.
 */
export function offlineFiles(input: OfflineInput): { url: string; contents: Buffer | string }[] {
  const icons = appIcons(input.brandColour).map((icon) => ({ url: icon.url, contents: icon.png }));
  const list = offlineList(input);
  const summary = { url: offlineListUrl, contents: JSON.stringify(list.summary) };
  const written = new Map<string, Buffer | string>([...icons, summary].map((file) => [file.url, file.contents]));
  const read = (url: string) => written.get(url) ?? input.readSiteFile(url);
  const shell = shellPages.flatMap((url) => {
    const html = read(url);
    return html === undefined ? [] : [{ url, html: html.toString() }];
  });
  const precache = precacheList({
    pages: shell,
    // The summary is a few kilobytes and grows only with the number of parts: the offline page shows the size offline.
    // The large icons are fetched by a browser that installs the archive, online.
    extra: [webManifestUrl, offlineListUrl],
    pathPrefix: input.pathPrefix,
  }).filter((url) => read(url) !== undefined);
  const version = buildId(precache.map((url) => ({ url, contents: read(url)! })));
  const searchFolders = [...new Set(input.pagefindFiles.flatMap((f) => (f.file.includes("/") ? [f.file.split("/")[0]!] : [])))].sort();
  const worker = {
    url: `/${serviceWorkerFile}`,
    contents: serviceWorkerSource({ version, precache, offlinePage: offlinePageUrl, searchFolders }),
  };
  return [...icons, summary, ...list.files, worker];
}

/** Writes `offlineFiles` into a site folder. */
export function writeOfflineFiles(output: string, files: { url: string; contents: Buffer | string }[]): void {
  for (const file of files) {
    const target = path.join(output, outputFile(file.url));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
}

/**
 * Offline reading: the offline page, the web app manifest and icons, the registration script every page loads,
 * and the service worker, written once Pagefind has written the index it precaches.
 */
export function registerOffline(eleventyConfig: Pick<EleventyHost, "on" | "setEventEmitterMode">, page: PageRegistrar, currentBuild: () => ArchiveBuild | undefined): void {
  // Eleventy runs `eleventy.after` handlers in parallel by default; the worker must be written after the search
  // index (registered before this), so the handlers run one after another, in the order they were added.
  eleventyConfig.setEventEmitterMode?.("sequential");

  page("offline", { permalink: offlinePageUrl }, ({ newsArchive: build }) => build.render("offline.njk", offlinePage(build)));
  page("offline-script", { permalink: (data: { newsArchive: ArchiveBuild }) => offlineScript(data.newsArchive).url }, ({ newsArchive: build }) =>
    offlineScript(build).contents,
  );
  page("sw-register", { permalink: registrationScript().url }, () => registrationScript().contents);
  page("web-manifest", { permalink: webManifestUrl }, ({ newsArchive: build }) =>
    JSON.stringify(
      webAppManifest({
        name: build.options.siteName,
        description: build.options.siteDescription,
        lang: build.options.locale,
        pathPrefix: build.site.pathPrefix,
        themeColour: build.site.themeColour,
        backgroundColour: "#ffffff",
        icons: [...appIconSpecs],
      }),
    ),
  );

  eleventyConfig.on("eleventy.after", ({ directories, outputMode, results }) => {
    if (outputMode && outputMode !== "fs") return;
    const build = currentBuild();
    if (!build) return;
    if (!directories?.output) throw new Error("offline: Eleventy did not say where the site was written");
    const output = directories.output;
    const pages = (results ?? []).flatMap((r) =>
      typeof r.url === "string" && typeof r.content === "string" && (r.url.endsWith("/") || r.url.endsWith(".html")) ? [builtPage(r.url, r.content)] : [],
    );
    const files = offlineFiles({
      pages,
      pagefindFiles: listFiles(path.join(output, "pagefind")),
      photoFiles: listFiles(path.join(output, "img")),
      pathPrefix: build.site.pathPrefix,
      brandColour: build.site.themeColour,
      readSiteFile: (url) => {
        const file = path.join(output, outputFile(url));
        return existsSync(file) ? readFileSync(file) : undefined;
      },
    });
    writeOfflineFiles(output, files);
  });
}
