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

/** One file of the list "save the archive" downloads: its address, and the count and bytes of what it lists. */
export interface OfflineListPart {
  /** `2021`, `2021-2`, `site`, or a search part's folder: what the part lists. */
  id: string;
  /** Address with the path prefix. */
  url: string;
  files: number;
  size: number;
}

export interface OfflineGroup {
  files: number;
  size: number;
  parts: OfflineListPart[];
}

/**
 * `/offline/list.json`: the totals of what "save the archive" downloads, and where each part of its list is. The
 * lists themselves are fetched only when a reader saves, so what every reader gets stays small however large the
 * archive grows.
 */
export interface OfflineSummary {
  /** Changes whenever anything listed does, so a saved copy knows it is out of date. */
  version: string;
  /** Pagefind's runtime and every index chunk: enough to search the whole archive offline. */
  index: OfflineGroup;
  /** Every page of the archive. */
  pages: OfflineGroup;
}

/** A part of the list, as its file holds it. */
export interface OfflineListFile {
  files: OfflineFile[];
}

/** A page the build wrote, as the offline list needs it: never its HTML, which a large archive cannot hold at once. */
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

/** The record of one written page: its HTML is read here once and then let go. */
export function builtPage(url: string, html: string | Buffer): BuiltPage {
  const text = typeof html === "string" ? html : html.toString("utf8");
  const title = pageTitle(text);
  return { url, size: Buffer.byteLength(text), hash: createHash("sha256").update(text).digest("hex").slice(0, 20), ...(title ? { title } : {}) };
}

/** No file of the list is larger than this (1 MB), whatever the archive's size. */
export const maxListPartBytes = 1_000_000;

/**
 * Splits one group's entries into parts of at most `maxBytes` as JSON, in order: `id`, `id-2`, `id-3`… An entry
 * larger than the limit on its own (titles are at most 300 characters, so none is) would get a part of its own.
 */
export function splitList(id: string, files: readonly OfflineFile[], maxBytes = maxListPartBytes): { id: string; files: OfflineFile[] }[] {
  const envelope = Buffer.byteLength(JSON.stringify({ files: [] }));
  const parts: { id: string; files: OfflineFile[] }[] = [];
  let current: OfflineFile[] = [];
  let bytes = envelope;
  for (const file of files) {
    const entry = Buffer.byteLength(JSON.stringify(file));
    if (current.length && bytes + 1 + entry > maxBytes) {
      parts.push({ id: parts.length ? `${id}-${parts.length + 1}` : id, files: current });
      current = [];
      bytes = envelope;
    }
    // Entries after the first are preceded by a comma.
    bytes += (current.length ? 1 : 0) + entry;
    current.push(file);
  }
  if (current.length) parts.push({ id: parts.length ? `${id}-${parts.length + 1}` : id, files: current });
  return parts;
}

/** Pages go into one part per year of publication (the first folder of an article's address); the rest into `site`. */
export function pageGroup(url: string): string {
  const first = /^\/(\d{4})\//.exec(url)?.[1];
  return first ?? "site";
}

/** Groups entries by key, keeping their order within a group; groups in order of their keys. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const short = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);

export interface OfflineList {
  summary: OfflineSummary;
  /** The list's parts: site paths (without the path prefix) and contents. */
  files: { url: string; contents: string }[];
}

/**
 * What "save the archive" downloads, as a small summary and a list in parts of at most 1 MB: the search index by
 * its parts (Pagefind's folders), the pages by year. Each part's file is named by its contents' hash.
 */
export function offlineList(input: {
  pages: BuiltPage[];
  /** Files in `pagefind/` (relative to it) with their sizes. */
  pagefindFiles: { file: string; size: number }[];
  pathPrefix: string;
}): OfflineList {
  const files: OfflineList["files"] = [];
  const group = (kind: "search" | "pages", groups: [string, OfflineFile[]][]): OfflineGroup => {
    const parts = groups.flatMap(([id, entries]) => splitList(id, entries)).map((part): OfflineListPart => {
      const contents = JSON.stringify({ files: part.files } satisfies OfflineListFile);
      const url = `/offline/${kind}-${part.id}.${short(contents)}.json`;
      files.push({ url, contents });
      return { id: part.id, url: withPathPrefix(url, input.pathPrefix), files: part.files.length, size: part.files.reduce((sum, f) => sum + f.size, 0) };
    });
    return { files: parts.reduce((sum, p) => sum + p.files, 0), size: parts.reduce((sum, p) => sum + p.size, 0), parts };
  };
  const indexFiles = input.pagefindFiles.filter((f) => isPagefindIndexFile(f.file)).sort((a, b) => (a.file < b.file ? -1 : 1));
  // Each search part lives in a folder of its own; its entries list it whole.
  const index = group(
    "search",
    groupBy(indexFiles, (f) => (f.file.includes("/") && /^[\w.-]+$/.test(f.file.split("/")[0]!) ? f.file.split("/")[0]! : "index")).map(([id, entries]) => [
      id,
      entries.map((f) => ({ url: withPathPrefix(`/pagefind/${f.file}`, input.pathPrefix), size: f.size })),
    ]),
  );
  const savable = input.pages.filter((page) => isSavablePage(page.url));
  const pages = group(
    "pages",
    groupBy(savable, (page) => pageGroup(page.url)).map(([id, entries]) => [
      id,
      entries.map((page) => ({ url: withPathPrefix(page.url, input.pathPrefix), size: page.size, ...(page.title ? { title: page.title } : {}) })),
    ]),
  );
  // Index chunks are named by their content, pages are not: their bytes' hashes go in.
  const version = createHash("sha256");
  for (const file of indexFiles) version.update(`${file.file}\0${file.size}\0`);
  for (const page of savable) version.update(`${page.url}\0${page.hash}\0`);
  return { summary: { version: version.digest("hex").slice(0, 12), index, pages }, files };
}
