/**
 * `npx tsx scripts/search-parts-bench.ts --articles 10000 [--modes single,parts,parts-close] [--keep DIR]`
 *
 * Compares one Pagefind index of every article with one index per year (src/search/parts.ts), on synthetic
 * records shaped like the archive's (about 250 words from a Zipf-like vocabulary of 40,000 words, tags, authors,
 * year, date sort) spread over ten years. Reports for each layout:
 *  - Pagefind's service: peak resident memory of its process and wall time to index and write;
 *  - the bundle: files and bytes, and the `pf_meta` files a reader loads before the first result;
 *  - a reader's first query in Chromium (empty cache): bytes fetched from the bundle, by kind, with the other
 *    parts merged into the newest with `mergeIndex`, as the search page does.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { flagValue, parseArgs } from "../src/cli.ts";
import type { SearchRecord } from "../src/search/records.ts";
import { launchBrowser } from "../test/browser.ts";
import { serveStatic } from "../test/static-server.ts";
import { watchDescendants } from "./lib/descendant-memory.ts";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const YEARS = 10;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Deterministic records, newest last; a word's rank is log-uniform, so frequencies fall off roughly as 1/rank. */
const syllables = "ко на ра ві ст ри по ле ми до ка та ні го ло ва ре ти бу жи зе ха ку ме".split(" ");
const vocabulary = Array.from({ length: 40_000 }, (_, i) => {
  let word = "";
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
  return word;
});

function syntheticRecords(count: number): SearchRecord[] {
  const next = random(7);
  const word = () => vocabulary[Math.floor(Math.pow(vocabulary.length, next())) - 1]!;
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2015 + YEARS, 0, 1) - start;
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start + Math.floor((span * i) / count));
    const year = String(date.getUTCFullYear());
    const title = Array.from({ length: 6 }, word).join(" ");
    return {
      url: `/${year}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/a${i}/`,
      content: `${title}\n\n${Array.from({ length: 250 }, word).join(" ")}`,
      language: "uk",
      meta: { title, date: date.toISOString().slice(0, 10) },
      filters: { tag: [`тема ${Math.floor(next() * 300)}`, `тема ${Math.floor(next() * 300)}`], author: [`Автор ${Math.floor(next() * 40)}`], year: [year] },
      sort: { date: date.toISOString() },
    };
  });
}

async function writeIndex(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "uk" });
  if (!index || errors.length) throw new Error(errors.join("\n"));
  for (let i = 0; i < records.length; i += 64) await Promise.all(records.slice(i, i + 64).map((r) => index.addCustomRecord(r)));
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(written.errors.join("\n"));
  await index.deleteIndex();
}

type Mode = "single" | "parts" | "parts-close";

/** Writes the bundle(s) of one layout under `dir`; returns the index folders, newest first. */
async function build(mode: Mode, records: SearchRecord[], dir: string): Promise<string[]> {
  if (mode === "single") {
    await writeIndex(records, path.join(dir, "pagefind"));
    await pagefind.close();
    return ["pagefind"];
  }
  const years = [...new Set(records.map((r) => r.filters.year![0]!))].sort().reverse();
  for (const year of years) {
    await writeIndex(records.filter((r) => r.filters.year![0] === year), path.join(dir, "pagefind", year));
    // "parts" keeps one service for every part (deleteIndex only); "parts-close" starts a fresh one per part.
    if (mode === "parts-close") await pagefind.close();
  }
  await pagefind.close();
  return years.map((year) => `pagefind/${year}`);
}

function files(dir: string): { file: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => ({ file, size: statSync(path.join(dir, file)).size }))
    .filter((f) => statSync(path.join(dir, f.file)).isFile());
}

/** Bytes a reader with an empty cache fetches from the bundle for one query, by kind of file. */
async function firstQuery(dir: string, folders: string[], query: string): Promise<Map<string, number>> {
  const [primary, ...merged] = folders.map((f) => `/${f}/`);
  writeFileSync(
    path.join(dir, "harness.html"),
    `<!doctype html><html lang="uk"><script type="module">
const pf = await import("${primary}pagefind.js");
await pf.options({ baseUrl: "/" });
await pf.init();
await Promise.all(${JSON.stringify(merged)}.map((p) => pf.mergeIndex(p)));
const found = await pf.search(${JSON.stringify(query)});
await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
window.done = { results: found.results.length };
</script></html>`,
  );
  const server = await serveStatic(dir);
  const browser = await launchBrowser();
  const byKind = new Map<string, number>();
  try {
    const context = await browser.newContext();
    context.on("requestfinished", async (request) => {
      const url = new URL(request.url());
      if (!url.pathname.includes("/pagefind/")) return;
      const size = statSync(path.join(dir, decodeURIComponent(url.pathname))).size;
      const kind = /(pf_\w+|\.pagefind|\.js|\.json)$/.exec(url.pathname)?.[1] ?? url.pathname;
      byKind.set(kind, (byKind.get(kind) ?? 0) + size);
      byKind.set("requests", (byKind.get("requests") ?? 0) + 1);
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => console.log(`  [page] ${error.message}`));
    await page.goto(`${server.url}harness.html`);
    const results = await page.waitForFunction(() => (window as { done?: { results: number } }).done, null, { timeout: 30_000 });
    byKind.set("results", (await results.jsonValue())!.results);
    await page.waitForLoadState("networkidle");
  } finally {
    await browser.close();
    await server.close();
  }
  return byKind;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { articles: "value", modes: "value", keep: "value", query: "value" });
  const count = Number(flagValue(args, "articles") ?? 10_000);
  const modes = (flagValue(args, "modes") ?? "single,parts").split(",") as Mode[];
  const root = flagValue(args, "keep") ?? mkdtempSync(path.join(tmpdir(), "search-parts-"));
  const records = syntheticRecords(count);
  console.log(`${count} records over ${YEARS} years in ${root}`);
  for (const mode of modes) {
    const dir = path.join(root, mode);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const stop = watchDescendants();
    const started = performance.now();
    const folders = await build(mode, records, dir);
    const seconds = (performance.now() - started) / 1000;
    const peak = stop();
    const all = files(path.join(dir, "pagefind"));
    const meta = all.filter((f) => f.file.endsWith(".pf_meta"));
    console.log(`\n${mode}: Pagefind peak ${(peak / 1024).toFixed(0)} MB, ${seconds.toFixed(1)} s, ${all.length} files, ${kb(all.reduce((s, f) => s + f.size, 0))}`);
    console.log(`  pf_meta: ${meta.length} file(s), ${kb(meta.reduce((s, f) => s + f.size, 0))} in all, largest ${kb(Math.max(...meta.map((f) => f.size)))}`);
    for (const query of (flagValue(args, "query")?.split(",") ?? [vocabulary[30]!, vocabulary[3000]!])) {
      const fetched = await firstQuery(dir, folders, query);
      const { requests, results, ...kinds } = Object.fromEntries(fetched);
      const total = Object.values(kinds).reduce((s, v) => s + v, 0);
      console.log(`  first query "${query}" (${results} results): ${kb(total)} in ${requests} requests; ${Object.entries(kinds).map(([k, v]) => `${k} ${kb(v)}`).join(", ")}`);
    }
  }
  if (!flagValue(args, "keep")) rmSync(root, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
