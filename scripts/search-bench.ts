/**
 * `npx tsx scripts/search-bench.ts --articles DIR --site DIR [--queries "уряд,переговорах"]`
 *
 * Measures search on a large archive. Make one with `npm run bench -- --sizes 10000 --keep`, then pass its
 * `articles` and `out` folders. Reports:
 *  - indexing: wall time of records + Pagefind for every article, written in parts as the build does (the build's
 *    own records, with their lemma search words, and its lemma table), and the peak memory of this process and of
 *    Pagefind's service process (which holds one part while it is built);
 *  - the first query: bytes a browser with an empty cache downloads from /pagefind/ (and in all) to show the
 *    results of one query typed on /search/, and what a second query adds.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createBuild } from "../src/archive-build.ts";
import { flagValue, parseArgs } from "../src/cli.ts";
import { resolveOptions } from "../src/options.ts";
import { buildRecords, cachedDictionary, searchParts, writeSearchParts } from "../src/search/index.ts";
import { launchBrowser } from "../test/browser.ts";
import { watchDescendants } from "./lib/descendant-memory.ts";
import { serveStatic } from "../test/static-server.ts";

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function measureIndexing(articlesDir: string): Promise<void> {
  const started = performance.now();
  // The build's own archive, parts, records and dictionary: the index measured is the one a build writes.
  const build = createBuild(resolveOptions({ articles: articlesDir }), { pathPrefix: "/", includeDrafts: false });
  const read = performance.now();
  const output = mkdtempSync(path.join(tmpdir(), "search-bench-"));
  const parts = searchParts(build);
  const dictionary = cachedDictionary(path.join(".cache", "news-archive"));
  const records = buildRecords(build, { keepBodies: false, dictionary });
  const stopWatching = watchDescendants();
  let recordsMs = 0;
  // A first build: every part is indexed. Pagefind's service exits after each part; its peak is that of the largest part.
  const result = await writeSearchParts({
    parts,
    previous: {},
    outputDir: output,
    language: build.options.locale,
    records: (list) => {
      const start = performance.now();
      const made = records(list);
      recordsMs += performance.now() - start;
      return made;
    },
    bundleSize: build.options.searchBundleSize,
    dictionary,
  });
  const servicePeakKb = stopWatching();
  const done = performance.now();
  const files = result.parts.flatMap((p) => p.files).length;
  console.log(`articles: ${build.archive.articles.length} in ${parts.length} parts (largest ${Math.max(...parts.map((p) => p.articles.length))})`);
  console.log(`read + archive: ${((read - started) / 1000).toFixed(1)} s`);
  console.log(`records (bodies to text, lemma search words): ${(recordsMs / 1000).toFixed(1)} s`);
  console.log(`Pagefind index + lemma table + write: ${((done - read - recordsMs) / 1000).toFixed(1)} s (${files} files)`);
  console.log(`indexing total: ${((done - started) / 1000).toFixed(1)} s`);
  console.log(`peak memory: node ${mb(process.resourceUsage().maxRSS)}, Pagefind service ${mb(servicePeakKb)}`);
  rmSync(output, { recursive: true, force: true });
}

async function measureQueries(site: string, queries: string[]): Promise<void> {
  const server = await serveStatic(path.resolve(site));
  const browser = await launchBrowser();
  try {
    for (const [i, query] of queries.entries()) {
      // A fresh context per query: an empty cache, as for a reader's first search. The offline helper's service
      // worker is blocked so that it neither precaches nor hides requests.
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`${server.url}search/`, { waitUntil: "networkidle" });
      // Requests of Pagefind's web worker count too; sizes come from the served files (the server sends them as is).
      const fetched: { url: string; bytes: number; wire: number }[] = [];
      const seen = new Set<string>();
      context.on("request", (request) => {
        const url = new URL(request.url());
        if (seen.has(url.pathname) || !url.pathname.startsWith("/")) return;
        seen.add(url.pathname);
        try {
          const file = path.join(site, decodeURIComponent(url.pathname));
          const bytes = statSync(file).size;
          // Pagefind's index files are gzipped already; a CDN compresses its scripts and JSON on the way.
          const wire = /\.(js|json|html|css)$/.test(file) ? gzipSync(readFileSync(file)).length : bytes;
          fetched.push({ url: url.pathname, bytes, wire });
        } catch {
          fetched.push({ url: url.pathname, bytes: 0, wire: 0 });
        }
      });
      await page.locator("#search-input").fill(query);
      await page.locator("#search-input").press("Enter");
      await page.waitForFunction(() => /\d|Нічого/.test(document.getElementById("search-status")?.textContent ?? ""), null, { timeout: 60_000 });
      await page.waitForLoadState("networkidle");
      const status = await page.locator("#search-status").textContent();
      const pagefind = fetched.filter((f) => f.url.includes("/pagefind/"));
      const sum = (list: typeof fetched) => list.reduce((total, f) => total + f.bytes, 0);
      const wire = (list: typeof fetched) => list.reduce((total, f) => total + f.wire, 0);
      console.log(`\nquery ${i + 1} "${query}" → ${status}`);
      console.log(
        `  /pagefind/ downloads: ${kb(sum(pagefind))} as files, ${kb(wire(pagefind))} gzipped, in ${pagefind.length} requests; everything after the page loaded: ${kb(sum(fetched))} (${kb(wire(fetched))} gzipped)`,
      );
      const byKind = new Map<string, number>();
      for (const f of pagefind) {
        const kind = /\.(pf_\w+|pagefind|js|json)$/.exec(f.url)?.[1] ?? f.url;
        byKind.set(kind, (byKind.get(kind) ?? 0) + f.bytes);
      }
      console.log(`  by kind: ${[...byKind].map(([kind, bytes]) => `${kind} ${kb(bytes)}`).join(", ")}`);

      // The same reader's next query reuses the loaded wasm and metadata.
      fetched.length = 0;
      await page.locator("#search-input").fill(`${query} переговорах`);
      await page.locator("#search-input").press("Enter");
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      console.log(`  a second query ("${query} переговорах") adds ${kb(sum(fetched.filter((f) => f.url.includes("/pagefind/"))))}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { articles: "value", site: "value", queries: "value" });
  const articles = flagValue(args, "articles");
  const site = flagValue(args, "site");
  if (!articles && !site) throw new Error("give --articles DIR (indexing) and/or --site DIR (first-query bytes)");
  if (articles) await measureIndexing(articles);
  if (site) await measureQueries(site, (flagValue(args, "queries") ?? "уряд,переговорах").split(","));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
