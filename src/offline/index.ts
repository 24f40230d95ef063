import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Asset } from "../assets.ts";
import { uiStrings } from "../i18n.ts";
import type { ArchiveBuild } from "../index.ts";
import { plainPage } from "../pages.ts";
import { appIcons, appIconSpecs } from "./icons.ts";
import { webAppManifest } from "./manifest.ts";
import { offlineManifest, type BuiltPage } from "./offline-manifest.ts";
import { buildId, outputFile, precacheList, shellPages } from "./precache.ts";
import { serviceWorkerSource } from "./service-worker.ts";
import { registrationScript, themeScript } from "./scripts.ts";
import { offlineManifestUrl, offlinePageUrl, serviceWorkerFile, webManifestUrl } from "./urls.ts";
import { perBuild } from "../per-build.ts";

export { appIcons, appIconSpecs, encodePng, parseHexColour } from "./icons.ts";
export { shortName, webAppManifest } from "./manifest.ts";
export { offlineManifest, pageTitle, type OfflineManifest } from "./offline-manifest.ts";
export { buildId, isPagefindIndexFile, isPagefindRuntime, pageDependencies, precacheList } from "./precache.ts";
export { serviceWorkerSource } from "./service-worker.ts";
export { registrationScript } from "./scripts.ts";

export { offlineManifestUrl, offlinePageUrl, serviceWorkerFile, webManifestUrl } from "./urls.ts";

type PageFn = (virtualPath: string, data: object, render: (data: { newsArchive: ArchiveBuild }) => string) => void;

interface BuildEvent {
  runMode?: string;
  directories?: { output: string };
  outputMode?: string;
  results?: { url?: string | false; content?: unknown }[];
}

interface OfflineHost {
  on(event: "eleventy.after", callback: (arg: BuildEvent) => unknown): void;
  setEventEmitterMode?(mode: "sequential" | "parallel"): void;
}

// One offline-page script per build, like the search bundle: the theme file may change between rebuilds while serving.
const offlineScript = perBuild<ArchiveBuild, Asset>(() => themeScript("offline"));

/** The offline page's context: the page, its script, and the strings its script shows. */
export function offlinePage(build: ArchiveBuild) {
  const t = uiStrings(build.options.locale);
  return {
    ...plainPage("offline", offlinePageUrl, t.offlinePageTitle, build.site),
    offline: {
      script: offlineScript(build).url,
      manifest: offlineManifestUrl,
      strings: {
        size: t.offlineSize,
        progress: t.offlineProgress,
        percent: t.offlinePercent,
        saved: t.offlineSaved,
        deleted: t.offlineDeleted,
        failed: t.offlineSaveFailed,
        outdated: t.offlineOutdated,
        includePages: t.offlineIncludePages,
      },
    },
  };
}

/** Every file under `dir`, relative to it with "/" separators, and its size. */
function listFiles(dir: string): { file: string; size: number }[] {
  if (!existsSync(dir)) return [];
  const found: { file: string; size: number }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    found.push({ file: path.relative(dir, full).split(path.sep).join("/"), size: statSync(full).size });
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** PNG icons in the brand colour; Eleventy templates write text, so these are written beside the pages. */
export function writeIcons(output: string, brandColour: string): void {
  for (const icon of appIcons(brandColour)) {
    const file = path.join(output, outputFile(icon.url));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, icon.png);
  }
}

/**
 * Writes what needs the finished site: `offline-manifest.json` (sizes of the index and the pages) and `sw.js`,
 * whose precache names Pagefind's runtime files and whose version hashes every precached file.
 */
export function writeServiceWorker(output: string, pages: BuiltPage[], pathPrefix: string): { version: string; precache: string[] } {
  const pagefindFiles = listFiles(path.join(output, "pagefind"));
  const manifest = offlineManifest({ pages, pagefindFiles, pathPrefix });
  writeFileSync(path.join(output, outputFile(offlineManifestUrl)), JSON.stringify(manifest));
  const shell = new Set<string>(shellPages);
  const precache = precacheList({
    pages: pages.filter((page) => shell.has(page.url)),
    pagefindFiles: pagefindFiles.map((f) => f.file),
    extra: [webManifestUrl, offlineManifestUrl, ...appIconSpecs.map((icon) => icon.url)],
    pathPrefix,
  }).filter((url) => existsSync(path.join(output, outputFile(url))));
  const version = buildId(precache.map((url) => ({ url, contents: readFileSync(path.join(output, outputFile(url))) })));
  const source = serviceWorkerSource({ version, precache, offlinePage: offlinePageUrl, offlineManifest: offlineManifestUrl });
  writeFileSync(path.join(output, serviceWorkerFile), source);
  return { version, precache };
}

/**
 * Offline reading: the offline page, the web app manifest and icons, the registration script every page loads,
 * and the service worker, written once Pagefind has written the index it precaches.
 */
export function registerOffline(eleventyConfig: OfflineHost, page: PageFn, currentBuild: () => ArchiveBuild | undefined): void {
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
    writeIcons(directories.output, build.site.themeColour);
    const pages = (results ?? []).flatMap((r) => (typeof r.url === "string" && typeof r.content === "string" ? [{ url: r.url, html: r.content }] : []));
    writeServiceWorker(directories.output, pages.filter((p) => p.url.endsWith("/") || p.url.endsWith(".html")), build.site.pathPrefix);
  });
}
