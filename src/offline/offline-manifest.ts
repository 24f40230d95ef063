import { createHash } from "node:crypto";
import { withPathPrefix } from "../site-paths.ts";
import { isPagefindIndexFile } from "../search/bundle.ts";
import { imageSettings, photoFileName, pictureFolder, sizes as pictureSizes } from "../images/pictures.ts";

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
  /** The photos the pages show, each saved as one file: a format and a width this browser would load. */
  photos: OfflinePhotoGroup;
}

/** The formats a saved photo may take: the browser's own pick of the page's `<picture>`. */
export const offlinePhotoFormats = ["avif", "webp"] as const;
export type OfflinePhotoFormat = (typeof offlinePhotoFormats)[number];
const isOfflinePhotoFormat = (format: string | undefined): format is OfflinePhotoFormat => offlinePhotoFormats.includes(format as OfflinePhotoFormat);

/**
 * A photo as "save the archive" lists it. A raster photo names the start of its files' addresses (a file is
 * `<url>-<width>.<format>`), its served widths and each one's bytes per format; an SVG is one file.
 */
export type OfflinePhoto = ({ url: string; widths: number[] } & Record<OfflinePhotoFormat, number[]>) | OfflineFile;

export interface OfflinePhotoGroup {
  photos: number;
  /**
   * The article column's `sizes`: the offline page works out the width a photo fills on this screen, and saves the
   * smallest of `widths` that covers it at the screen's pixel density (see `savedPhotoWidth`).
   */
  column: string;
  /** The standard widths a screen's need is rounded up to. */
  widths: number[];
  /** Bytes of every photo saved, by format, for each of `widths`: the size a reader is shown before saving. */
  bytes: Record<OfflinePhotoFormat, number[]>;
  parts: { id: string; url: string; photos: number }[];
}

/** A part of the list, as its file holds it. */
export interface OfflineListFile {
  files: OfflineFile[];
}

/** A part of the photos' list, as its file holds it. */
export interface OfflinePhotoListFile {
  photos: OfflinePhoto[];
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
 * Splits one group's entries into parts of at most `maxBytes` as JSON (`{"files":[…]}`), in order: `id`, `id-2`,
 * `id-3`… An entry larger than the limit on its own (titles are at most 300 characters, so none is) would get a part
 * of its own.
 */
export function splitList<T>(id: string, files: readonly T[], maxBytes = maxListPartBytes, envelopeKey = "files"): { id: string; files: T[] }[] {
  const envelope = Buffer.byteLength(JSON.stringify({ [envelopeKey]: [] }));
  const parts: { id: string; files: T[] }[] = [];
  let current: T[] = [];
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
 * The width of a photo saved for a screen that needs `target` (one of the standard widths): the smallest served
 * width that covers it, else the largest. theme/scripts/offline.js makes the same choice.
 */
export function savedPhotoWidth(widths: readonly number[], target: number): number {
  return widths.find((width) => width >= target) ?? widths.at(-1)!;
}

/**
 * The photos of the build, from its files in `img/`: per photo, the AVIF and WebP of each served width. The
 * fallback JPEG/PNG and the link-preview image are left out: every browser that can save the archive shows WebP.
 */
export function offlinePhotos(photoFiles: readonly { file: string; size: number }[], pathPrefix: string): OfflinePhoto[] {
  const raster = new Map<string, Map<number, Partial<Record<OfflinePhotoFormat, number>>>>();
  const photos: OfflinePhoto[] = [];
  for (const { file, size } of photoFiles) {
    const [, key, width, format] = photoFileName.exec(file) ?? [];
    if (format === "svg" && width === undefined) {
      photos.push({ url: withPathPrefix(`${pictureFolder}${file}`, pathPrefix), size });
      continue;
    }
    if (!key || !width || !isOfflinePhotoFormat(format)) continue;
    let widths = raster.get(key);
    if (!widths) raster.set(key, (widths = new Map()));
    widths.set(Number(width), { ...widths.get(Number(width)), [format]: size });
  }
  for (const [key, byWidth] of raster) {
    // A width is listed only when both formats were written, so either choice finds its file.
    const widths = [...byWidth].filter(([, sizes]) => offlinePhotoFormats.every((f) => sizes[f] !== undefined)).map(([w]) => w).sort((a, b) => a - b);
    if (widths.length === 0) continue;
    const sizesOf = (format: OfflinePhotoFormat) => widths.map((w) => byWidth.get(w)![format]!);
    photos.push({ url: withPathPrefix(`${pictureFolder}${key}`, pathPrefix), widths, avif: sizesOf("avif"), webp: sizesOf("webp") });
  }
  return photos.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * What "save the archive" downloads, as a small summary and a list in parts of at most 1 MB: the search index by
 * its parts (Pagefind's folders), the pages by year, the photos. Each part's file is named by its contents' hash.
 */
export function offlineList(input: {
  pages: BuiltPage[];
  /** Files in `pagefind/` (relative to it) with their sizes. */
  pagefindFiles: { file: string; size: number }[];
  /** Files in `img/` (relative to it) with their sizes. */
  photoFiles?: { file: string; size: number }[];
  pathPrefix: string;
}): OfflineList {
  const files: OfflineList["files"] = [];
  const writePart = (kind: "search" | "pages" | "photos", id: string, contents: string): string => {
    const url = `/offline/${kind}-${id}.${short(contents)}.json`;
    files.push({ url, contents });
    return withPathPrefix(url, input.pathPrefix);
  };
  const group = (kind: "search" | "pages", groups: [string, OfflineFile[]][]): OfflineGroup => {
    const parts = groups.flatMap(([id, entries]) => splitList(id, entries)).map((part): OfflineListPart => {
      const url = writePart(kind, part.id, JSON.stringify({ files: part.files } satisfies OfflineListFile));
      return { id: part.id, url, files: part.files.length, size: part.files.reduce((sum, f) => sum + f.size, 0) };
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
  const photoList = offlinePhotos(input.photoFiles ?? [], input.pathPrefix);
  const widths = [...imageSettings.widths];
  const bytes = Object.fromEntries(
    offlinePhotoFormats.map((format) => [
      format,
      widths.map((target) => photoList.reduce((sum, photo) => sum + ("size" in photo ? photo.size : photo[format][photo.widths.indexOf(savedPhotoWidth(photo.widths, target))]!), 0)),
    ]),
  ) as Record<OfflinePhotoFormat, number[]>;
  const photos: OfflinePhotoGroup = {
    photos: photoList.length,
    column: pictureSizes.article,
    widths,
    bytes,
    parts: splitList("all", photoList, maxListPartBytes, "photos").map((part) => ({
      id: part.id,
      url: writePart("photos", part.id, JSON.stringify({ photos: part.files } satisfies OfflinePhotoListFile)),
      photos: part.files.length,
    })),
  };
  // Index chunks are named by their content, pages are not: their bytes' hashes go in.
  const version = createHash("sha256");
  for (const file of indexFiles) version.update(`${file.file}\0${file.size}\0`);
  for (const page of savable) version.update(`${page.url}\0${page.hash}\0`);
  return { summary: { version: version.digest("hex").slice(0, 12), index, pages, photos }, files };
}
