import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { launchBrowser } from "../../test/browser.ts";
import { serveStatic, siteFile } from "../../test/static-server.ts";

/**
 * Queries of the bench's corpus (lib/generate-articles.ts): "уряд", its most common word, in every article, and
 * "рогорепо", one of its made-up words, in about 1.6% of the articles (8 of 500), so found in every year's part.
 */
export const benchQueries = ["уряд", "рогорепо"];

/** What a file of the search page's first query is for; "other" is a file of the index not known here. */
export const queryFileKinds = [
  "page",
  "search script",
  "pagefind runtime",
  "entry",
  "pf_meta",
  "index chunks",
  "filter chunks",
  "fragments",
  "lemma table",
  "parts map",
  "other",
] as const;
export type QueryFileKind = (typeof queryFileKinds)[number];

/** The kind of a file the search page fetched, from its site path (without the path prefix). */
export function queryFileKind(sitePath: string): QueryFileKind {
  const file = sitePath.split("?")[0]!;
  if (/^\/assets\/search\.[\w-]+\.js$/.test(file)) return "search script";
  // The page and what every page loads: its stylesheet, the offline helper, the icon.
  if (!file.startsWith("/pagefind/")) return "page";
  if (/^\/pagefind\/lemmas\.[\w-]+\/p\d+\.txt$/.test(file)) return "parts map";
  if (/^\/pagefind\/lemmas\.[\w-]+\/[^/]+\.txt$/.test(file)) return "lemma table";
  if (/\/(pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)$/.test(file)) return "pagefind runtime";
  if (file.endsWith("/pagefind-entry.json")) return "entry";
  if (file.endsWith(".pf_meta")) return "pf_meta";
  if (file.endsWith(".pf_index")) return "index chunks";
  if (file.endsWith(".pf_filter")) return "filter chunks";
  if (file.endsWith(".pf_fragment")) return "fragments";
  return "other";
}

/** The search index part a file belongs to (`2021`, `2021-2`), from its folder `/pagefind/<id>.<fingerprint>/`. */
export function queryFilePart(sitePath: string): string | undefined {
  const folder = /^\/pagefind\/([\w-]+)\.[\w-]+\//.exec(sitePath)?.[1];
  return folder === "lemmas" ? undefined : folder;
}

export interface Tally {
  bytes: number;
  requests: number;
}

export interface FirstQuery {
  query: string;
  /** What the status line said once the results were shown. */
  status: string;
  /** Results on the first page. */
  shown: number;
  bytes: number;
  requests: number;
  byKind: Record<QueryFileKind, Tally>;
  /** By search index part, newest first as the page lists them; the parts' files only (the loader's too). */
  byPart: { part: string; bytes: number; requests: number }[];
  /** Every response, in the order served. */
  files: { path: string; bytes: number }[];
}

/** Counts of files served, by kind and by part. */
export function tallyFiles(files: readonly { path: string; bytes: number }[]): Pick<FirstQuery, "bytes" | "requests" | "byKind" | "byPart"> {
  const byKind = Object.fromEntries(queryFileKinds.map((kind) => [kind, { bytes: 0, requests: 0 }])) as Record<QueryFileKind, Tally>;
  const parts = new Map<string, Tally>();
  for (const file of files) {
    const kind = byKind[queryFileKind(file.path)];
    kind.bytes += file.bytes;
    kind.requests++;
    const id = queryFilePart(file.path);
    if (id === undefined) continue;
    const part = parts.get(id) ?? { bytes: 0, requests: 0 };
    part.bytes += file.bytes;
    part.requests++;
    parts.set(id, part);
  }
  // Newest first: years descending, and a year's later chunks (2021-2) before its first.
  const order = (id: string) => {
    const [year, n] = id.split("-");
    return Number(year) * 1000 + Number(n ?? 1);
  };
  const byPart = [...parts].sort((a, b) => order(b[0]) - order(a[0])).map(([part, tally]) => ({ part, ...tally }));
  return { bytes: files.reduce((sum, f) => sum + f.bytes, 0), requests: files.length, byKind, byPart };
}

/** Quiet for this long after the results are shown: nothing more belongs to the query. */
const QUIET_MS = 500;

/**
 * What a reader's first search downloads: `/search/?q=<query>` of the built archive in `site`, opened in Chromium
 * with an empty cache and no service worker (its install is the first visit's cost, not the query's), until the
 * results are on screen and the network is quiet. Files are served as a CDN would, with the archive's `_headers`;
 * bytes are the files' as stored (Pagefind's own are gzipped), without HTTP compression. One fresh browser
 * context per query. A query that starts with "?" is the page's whole query string (`?q=уряд&year=2020&sort=date`).
 */
export async function firstQuery(site: string, queries: readonly string[] = benchQueries, { pathPrefix = "/", timeoutMs = 120_000 } = {}): Promise<FirstQuery[]> {
  let served: { path: string; bytes: number }[] = [];
  const server = await serveStatic(site, pathPrefix, { hostHeaders: true, onServe: (pathname, bytes) => served.push({ path: pathname, bytes }) });
  const browser = await launchBrowser();
  try {
    const measured: FirstQuery[] = [];
    for (const query of queries) {
      const context = await browser.newContext({ serviceWorkers: "block" });
      try {
        const page = await context.newPage();
        served = [];
        await page.goto(`${server.url}search/${query.startsWith("?") ? query : `?q=${encodeURIComponent(query)}`}`);
        // The search started on load and has ended: the list is no longer busy and the status says how it went.
        await page.waitForFunction(
          () => {
            const status = document.getElementById("search-status")?.textContent?.trim();
            return Boolean(status) && !document.getElementById("search-results")?.hasAttribute("aria-busy");
          },
          undefined,
          { timeout: timeoutMs },
        );
        for (let count = -1; count !== served.length; ) {
          count = served.length;
          await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        }
        const status = (await page.locator("#search-status").textContent())?.trim() ?? "";
        const shown = await page.locator("#search-results > li").count();
        const files = served.map((file) => ({ ...file, path: `/${file.path.slice(pathPrefix.length)}` }));
        measured.push({ query, status, shown, files, ...tallyFiles(files) });
      } finally {
        await context.close();
      }
    }
    return measured;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** A file's size three ways: as stored, with Pagefind's gzip undone, and as a CDN sends it. */
export interface FileWeight {
  stored: number;
  /** Pagefind's gzipped files (every `.pf_*` file and its wasm) unpacked; other files as stored. */
  uncompressed: number;
  /** What crosses the network: Pagefind's gzipped files as stored, text gzipped (level 6, as CDNs do), images as stored. */
  transferred: number;
}

const IMAGE = /\.(png|jpe?g|webp|avif|gif|ico)$/i;

/** The weights of one file's bytes; `name` tells an image, which no CDN compresses again. */
export function fileWeight(bytes: Uint8Array, name: string): FileWeight {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzipped) return { stored: bytes.length, uncompressed: gunzipSync(bytes).length, transferred: bytes.length };
  return { stored: bytes.length, uncompressed: bytes.length, transferred: IMAGE.test(name) ? bytes.length : gzipSync(bytes, { level: 6 }).length };
}

/** The weight of a file the search page was served, found in the built `site` by its site path, as serveStatic finds it. */
export function servedFileWeight(site: string, sitePath: string): FileWeight {
  let file = siteFile(site, sitePath.split("?")[0]!);
  if (!existsSync(file)) file = path.join(site, "404.html");
  return fileWeight(readFileSync(file), file);
}
