import { createHash } from "node:crypto";
import { withPathPrefix } from "../theme.ts";
import { isPagefindIndexFile } from "../search/bundle.ts";

export interface OfflineFile {
  /** Address with the path prefix, ready to fetch. */
  url: string;
  /** Bytes, so the reader sees the size before downloading. */
  size: number;
  title?: string;
}

export interface OfflineGroup {
  files: OfflineFile[];
  size: number;
}

/** `/offline-manifest.json`: what "save the archive" downloads, and the titles of pages for the offline page's list. */
export interface OfflineManifest {
  /** Changes whenever anything listed does, so a saved copy knows it is out of date. */
  version: string;
  /** Pagefind's runtime and every index chunk: enough to search the whole archive offline. */
  index: OfflineGroup;
  /** Every page of the archive. */
  pages: OfflineGroup;
}

/** A page the build wrote, as the offline manifest needs it: never its HTML, which a large archive cannot hold at once. */
export interface BuiltPage {
  url: string;
  size: number;
  /** Hash of the page's bytes. */
  hash: string;
  title?: string;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of a page's `<title>`, unescaped: the offline page shows it with textContent. */
export function pageTitle(html: string): string | undefined {
  const raw = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (raw === undefined) return undefined;
  return raw
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec: string, hex: string, name: string) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (entities[name.toLowerCase()] ?? whole),
    )
    .trim();
}

/** Pages a reader would want saved: every HTML page but the error page and the offline page itself. */
export function isSavablePage(url: string): boolean {
  return (url.endsWith("/") || url.endsWith(".html")) && url !== "/404.html" && url !== "/offline/";
}

function group(files: OfflineFile[]): OfflineGroup {
  return { files, size: files.reduce((sum, file) => sum + file.size, 0) };
}

/** The record of one written page: its HTML is read here once and then let go. */
export function builtPage(url: string, html: string | Buffer): BuiltPage {
  const text = typeof html === "string" ? html : html.toString("utf8");
  const title = pageTitle(text);
  return { url, size: Buffer.byteLength(text), hash: createHash("sha256").update(text).digest("hex").slice(0, 20), ...(title ? { title } : {}) };
}

export function offlineManifest(input: {
  pages: BuiltPage[];
  /** Files in `pagefind/` (relative to it) with their sizes. */
  pagefindFiles: { file: string; size: number }[];
  pathPrefix: string;
}): OfflineManifest {
  const index = group(
    input.pagefindFiles
      .filter((f) => isPagefindIndexFile(f.file))
      .map((f) => ({ url: withPathPrefix(`/pagefind/${f.file}`, input.pathPrefix), size: f.size }))
      .sort((a, b) => (a.url < b.url ? -1 : 1)),
  );
  const pages = group(
    input.pages
      .filter((page) => isSavablePage(page.url))
      .map((page) => ({ url: withPathPrefix(page.url, input.pathPrefix), size: page.size, ...(page.title ? { title: page.title } : {}) })),
  );
  // Index chunks are named by their content, pages are not: their bytes' hashes go in.
  const version = createHash("sha256");
  for (const file of index.files) version.update(`${file.url}\0${file.size}\0`);
  for (const page of input.pages) if (isSavablePage(page.url)) version.update(`${page.url}\0${page.hash}\0`);
  return { version: version.digest("hex").slice(0, 12), index, pages };
}
