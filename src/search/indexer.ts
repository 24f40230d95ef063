import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { isPagefindLoader, isPartIndexFile } from "./bundle.ts";
import type { Dictionary } from "./dictionary.ts";
import { lemmasOfRecords, lemmaTablePlan, partLemmasFile, partNamesFile, writeLemmaTable } from "./lemma-table.ts";
import { nameLines } from "./names.ts";
import { partWordsFile, writePartMap, writePartWords } from "./part-map.ts";
import { partFolder, primaryPart, type SearchPart } from "./parts.ts";
import type { SearchRecord } from "./records.ts";

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`search index: ${message}`);
    this.name = "SearchIndexError";
  }
}

/** Pagefind's environment variable for the size of its index chunks, in word occurrences (Pagefind 1.5 and later). */
const CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE";

/** Records in flight at once: enough to keep Pagefind's service busy without queueing the whole part in memory. */
const CONCURRENCY = 64;

function failOn(errors: readonly string[], doing: string): void {
  if (errors.length) throw new SearchIndexError(`Pagefind failed while ${doing}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
}

interface EntryFile {
  languages: Record<string, { page_count: number }>;
}

/** Pages in a written bundle, or undefined when its entry file is missing or unreadable. */
function entryPageCount(folder: string): number | undefined {
  try {
    const entry = JSON.parse(readFileSync(path.join(folder, "pagefind-entry.json"), "utf8")) as EntryFile;
    return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
  } catch {
    return undefined;
  }
}

/** Files under `dir`, relative to it with "/" separators, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .sort();
}

const keeps = (primary: boolean) => (file: string) =>
  isPartIndexFile(file) || file === partLemmasFile || file === partNamesFile || file === partWordsFile || (primary && isPagefindLoader(file));

/**
 * Indexes one record per article with Pagefind's Node API and writes the bundle to `outputPath`. Anything
 * Pagefind reports fails the build, and so does a page count that differs from the record count: a reader must
 * be able to find every article.
 */
export async function writeSearchIndex(
  records: readonly SearchRecord[],
  outputPath: string,
  language: string,
  { bundleSize = 1, whileWriting }: { bundleSize?: number; whileWriting?: () => void } = {},
): Promise<{ outputPath: string; pageCount: number }> {
  const urls = new Set<string>();
  for (const record of records) {
    if (urls.has(record.url)) throw new SearchIndexError(`two articles share the address ${record.url}; only one of them would be searchable`);
    urls.add(record.url);
  }

  // Pagefind bundles the fragments (each article's excerpt and metadata) of consecutive pages into at most this many files.
  const maxFragments = bundleSize > 1 ? Math.max(1, Math.ceil(records.length / bundleSize)) : undefined;
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language, ...(maxFragments ? { maxFragments } : {}) });
  failOn(errors, "starting");
  if (!index) throw new SearchIndexError("Pagefind did not create an index");
  try {
    const failed: string[] = [];
    for (let start = 0; start < records.length; start += CONCURRENCY) {
      const batch = records.slice(start, start + CONCURRENCY);
      const responses = await Promise.all(batch.map((record) => index.addCustomRecord(record)));
      responses.forEach((response, i) => {
        if (response.errors.length) failed.push(`${batch[i]!.url}: ${response.errors.join("; ")}`);
      });
    }
    if (failed.length) throw new SearchIndexError(`Pagefind rejected ${failed.length} article(s):\n${failed.map((f) => `  - ${f}`).join("\n")}`);

    // Pagefind adds to what is already there; an index of a previous build would leave stale chunks behind.
    rmSync(outputPath, { recursive: true, force: true });
    const writing = index.writeFiles({ outputPath });
    // Writing the files is most of Pagefind's time for a part, and needs nothing more from this process.
    whileWriting?.();
    const written = await writing;
    failOn(written.errors, `writing ${outputPath}`);

    const pageCount = entryPageCount(outputPath) ?? 0;
    if (pageCount !== records.length) {
      const indexed = await indexedUrls(index);
      const missing = records.filter((r) => !indexed.has(r.url)).map((r) => r.url);
      throw new SearchIndexError(
        `${records.length} articles but ${pageCount} pages indexed in ${outputPath}; missing from search:\n${missing.map((url) => `  - ${url}`).join("\n")}`,
      );
    }
    return { outputPath, pageCount };
  } finally {
    // Deleting the index returns its memory to the service as well as closing the service would (measured by
    // scripts/search-parts-bench.ts), without starting a new service for every part.
    await index.deleteIndex();
  }
}

/** Addresses of every page in the written index, read back from its fragments. */
async function indexedUrls(index: pagefind.PagefindIndex): Promise<Set<string>> {
  const { files } = await index.getFiles();
  const urls = new Set<string>();
  for (const file of files) {
    if (!file.path.endsWith(".pf_fragment")) continue;
    // Fragments are gzipped JSON behind a "pagefind_dcd" signature; a bundle maps each of its pages' hashes to one.
    const json = JSON.parse(gunzipSync(file.content).toString("utf8").replace(/^pagefind_dcd/, "")) as { url: string } | Record<string, { url: string }>;
    for (const fragment of typeof json.url === "string" ? [json as { url: string }] : Object.values(json as Record<string, { url: string }>)) urls.add(fragment.url);
  }
  return urls;
}

export interface SearchPartsInput<A> {
  /** Newest first, as planSearchParts gives them; the last is the primary part, which carries Pagefind's loader. */
  parts: readonly SearchPart<A>[];
  /** The previous build's fingerprints by part id (`{}` for a first build). */
  previous: Readonly<Record<string, string>>;
  /** Site folder of the previous build, where unchanged parts are found; may be `outputDir` itself. */
  previousDir?: string;
  /** Site folder to write changed parts into (as `pagefind/<folder>/`): the output itself or a fresh staging folder. */
  outputDir: string;
  language: string;
  /** The records of a part's articles; called only for parts that are indexed again. */
  records: (articles: readonly A[]) => SearchRecord[];
  /** Articles per fragment file (the `searchBundleSize` option); default 1, a file per article. */
  bundleSize?: number;
  /** Word occurrences per index chunk (the `searchIndexChunkSize` option); default Pagefind's own, 20,000. */
  indexChunkSize?: number;
  /** Where the lemma table's paradigms come from; default the installed dictionary, expanded in this process. */
  dictionary?: Dictionary;
}

export interface WrittenSearchPart {
  id: string;
  /** `pagefind/<folder>/` holds the part. */
  folder: string;
  /** True when the part's files are the previous build's, in `previousDir`; false when written to `outputDir`. */
  reused: boolean;
  /** The part's files, relative to the site folder (`pagefind/2021.1a2b3c4d5e6f/index/uk_1.pf_index`). */
  files: string[];
}

export interface WrittenSearchParts {
  /** To pass as `previous` to the next build. */
  fingerprints: Record<string, string>;
  parts: WrittenSearchPart[];
}

/**
 * Writes the search index in parts, one Pagefind index at a time so that the service never holds more than one
 * part (see planSearchParts). A part whose fingerprint matches the previous build's and whose files are all in
 * `previousDir` is reused as it is; every other part is indexed again into `outputDir`. Nothing is moved or
 * deleted outside the folders of the parts written: the caller takes the files listed.
 */
export async function writeSearchParts<A>(input: SearchPartsInput<A>): Promise<WrittenSearchParts> {
  // Pagefind's Node API has no setting for the index chunk size: its service reads it from its environment when it
  // starts. So no service may be left running from before, and it starts (with the first part) after this is set.
  await pagefind.close();
  const given = process.env[CHUNK_SIZE_VARIABLE];
  if (input.indexChunkSize) process.env[CHUNK_SIZE_VARIABLE] = String(input.indexChunkSize);
  try {
    return await writeParts(input);
  } finally {
    // The service is a child process: left open it would keep a one-off build from exiting.
    await pagefind.close();
    if (given === undefined) delete process.env[CHUNK_SIZE_VARIABLE];
    else process.env[CHUNK_SIZE_VARIABLE] = given;
  }
}

async function writeParts<A>(input: SearchPartsInput<A>): Promise<WrittenSearchParts> {
  const primary = primaryPart(input.parts);
  const previousFolder = (part: SearchPart<A>) => (input.previousDir ? path.join(input.previousDir, "pagefind", partFolder(part)) : undefined);
  const reusable = new Set(
    input.parts.filter((part) => {
      const previous = previousFolder(part);
      return previous && input.previous[part.id] === part.fingerprint && isComplete(previous, part.articles.length, part === primary);
    }),
  );
  const toIndex = input.parts.filter((part) => !reusable.has(part));
  // The next part's records are made while Pagefind writes this one's files, so that neither process waits for
  // the other; at most two parts' records are held at once.
  let prepared: SearchRecord[] | undefined;
  let nextToIndex = 1;
  const written: WrittenSearchPart[] = [];
  for (const part of input.parts) {
    const folder = partFolder(part);
    const keep = keeps(part === primary);
    if (reusable.has(part)) {
      written.push({ id: part.id, folder, reused: true, files: filesUnder(previousFolder(part)!).filter(keep).map((f) => `pagefind/${folder}/${f}`) });
      continue;
    }
    const target = path.join(input.outputDir, "pagefind", folder);
    const records = prepared ?? input.records(part.articles);
    const next = toIndex[nextToIndex++];
    prepared = undefined;
    await writeSearchIndex(records, target, input.language, {
      bundleSize: input.bundleSize ?? 1,
      whileWriting: next && (() => (prepared = input.records(next.articles))),
    });
    const lemmas = lemmasOfRecords(records);
    writeFileSync(path.join(target, partLemmasFile), lemmas.join("\n"));
    writeFileSync(path.join(target, partNamesFile), nameLines(lemmas));
    writePartWords(target);
    const files = filesUnder(target);
    for (const file of files.filter((f) => !keep(f))) rmSync(path.join(target, file));
    written.push({ id: part.id, folder, reused: false, files: files.filter(keep).map((f) => `pagefind/${folder}/${f}`) });
  }
  // The query side's form→lemma table and parts map, from the lists of the parts just written or reused.
  const table = lemmaTablePlan(input.parts);
  const tableFolder = partFolder(table);
  const previousTable = input.previousDir ? path.join(input.previousDir, "pagefind", tableFolder) : undefined;
  if (previousTable && input.previous[table.id] === table.fingerprint && existsSync(previousTable)) {
    written.push({ id: table.id, folder: tableFolder, reused: true, files: filesUnder(previousTable).map((f) => `pagefind/${tableFolder}/${f}`) });
  } else {
    const partDirs = written.map((part) => path.join(part.reused ? input.previousDir! : input.outputDir, "pagefind", part.folder));
    const target = path.join(input.outputDir, "pagefind", tableFolder);
    const files = [...writeLemmaTable(partDirs, target, table.chunks, input.dictionary), ...writePartMap(partDirs, target, table.chunks)];
    written.push({ id: table.id, folder: tableFolder, reused: false, files: files.map((f) => `pagefind/${tableFolder}/${f}`) });
  }
  const fingerprints = Object.fromEntries([...input.parts, table].map((p) => [p.id, p.fingerprint]));
  return { fingerprints, parts: written };
}

/** Whether a previous build left a whole part in `folder`: its entry file, metadata, chunks and, if needed, the loader. */
function isComplete(folder: string, articleCount: number, primary: boolean): boolean {
  if (entryPageCount(folder) !== articleCount) return false;
  const files = filesUnder(folder);
  const has = (pattern: RegExp) => files.some((f) => pattern.test(f));
  return (
    files.includes(partLemmasFile) &&
    files.includes(partNamesFile) &&
    files.includes(partWordsFile) &&
    has(/^pagefind\.[\w-]+\.pf_meta$/) &&
    has(/^index\//) &&
    has(/^fragment\//) &&
    (!primary || (has(/^pagefind\.js$/) && has(/^pagefind-worker\.js$/) && has(/^wasm\.[\w-]+\.pagefind$/)))
  );
}
