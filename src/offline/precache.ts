import { createHash } from "node:crypto";

export { isPagefindIndexFile, isPagefindLoader, isPagefindRuntime } from "../search/bundle.ts";

/** Site paths of the pages every reader gets offline, whatever they have opened. */
export const shellPages = ["/", "/search/", "/offline/"] as const;

/**
 * Site-absolute local addresses a page loads with itself: scripts, stylesheets, icons and the manifest.
 * Links to other pages are not followed: the precache holds the shell, not the archive.
 */
export function pageDependencies(html: string, pathPrefix: string): string[] {
  const found = new Set<string>();
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const element = tag[0];
    const isScript = tag[1]!.toLowerCase() === "script";
    if (!isScript) {
      const rel = /\srel\s*=\s*"([^"]*)"/i.exec(element)?.[1]?.toLowerCase().split(/\s+/) ?? [];
      if (!rel.some((r) => ["stylesheet", "icon", "manifest", "apple-touch-icon", "modulepreload", "preload"].includes(r))) continue;
    }
    const url = new RegExp(`\\s${isScript ? "src" : "href"}\\s*=\\s*"([^"]*)"`, "i").exec(element)?.[1];
    if (!url || !url.startsWith(pathPrefix) || url.startsWith("//")) continue;
    found.add(`/${url.slice(pathPrefix.length).split(/[?#]/)[0]}`);
  }
  return [...found];
}

export interface PrecacheInput {
  /** The shell pages that were built, with their HTML. */
  pages: { url: string; html: string }[];
  /** Other files every reader needs: the web app manifest, the offline list's summary. */
  extra: string[];
  pathPrefix: string;
}

/**
 * The shell the service worker stores on install, as site paths without the path prefix, sorted and unique: the
 * shell pages and what they load. Nothing here grows with the archive. Search needs every part's metadata, which
 * lists every page of the part, so the search index (Pagefind's loader included) is kept when a search first loads
 * it, and whole when a reader saves it: precaching the loader alone would cost every reader 145 KB and make no
 * search possible offline.
 */
export function precacheList(input: PrecacheInput): string[] {
  const urls = new Set<string>(input.extra);
  for (const page of input.pages) {
    urls.add(page.url);
    // The search page's hint to fetch Pagefind's loader early is no part of the shell (see above).
    for (const dependency of pageDependencies(page.html, input.pathPrefix)) if (!dependency.startsWith("/pagefind/")) urls.add(dependency);
  }
  return [...urls].sort();
}

/**
 * The service worker's version: a hash of every precached file's bytes. A deploy that changes any of them
 * installs a new worker and a new cache; one that changes nothing the shell holds leaves readers' caches alone.
 */
export function buildId(files: { url: string; contents: Buffer | string }[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))) {
    hash.update(file.url).update("\0").update(createHash("sha256").update(file.contents).digest()).update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}

/** The output file behind a site path: `/x/` is `x/index.html`. */
export function outputFile(url: string): string {
  const relative = url.replace(/^\/+/, "");
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}
