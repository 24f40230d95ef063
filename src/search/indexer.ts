import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import type { SearchRecord } from "./records.ts";

export class SearchIndexError extends Error {
  constructor(message: string) {
    super(`search index: ${message}`);
    this.name = "SearchIndexError";
  }
}

export interface IndexResult {
  outputPath: string;
  pageCount: number;
}

/** Records in flight at once: enough to keep Pagefind's service busy without queueing the whole archive in memory. */
const CONCURRENCY = 64;

function failOn(errors: readonly string[], doing: string): void {
  if (errors.length) throw new SearchIndexError(`Pagefind failed while ${doing}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
}

interface EntryFile {
  languages: Record<string, { page_count: number }>;
}

/**
 * Indexes one record per article with Pagefind's Node API and writes the bundle to `outputPath`
 * (`<site>/pagefind`). Anything Pagefind reports fails the build, and so does a page count that differs
 * from the record count: a reader must be able to find every article.
 */
export async function writeSearchIndex(records: readonly SearchRecord[], outputPath: string, language: string): Promise<IndexResult> {
  const urls = new Set<string>();
  for (const record of records) {
    if (urls.has(record.url)) throw new SearchIndexError(`two articles share the address ${record.url}; only one of them would be searchable`);
    urls.add(record.url);
  }

  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
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
    const written = await index.writeFiles({ outputPath });
    failOn(written.errors, `writing ${outputPath}`);

    const entry = JSON.parse(readFileSync(path.join(outputPath, "pagefind-entry.json"), "utf8")) as EntryFile;
    const pageCount = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
    if (pageCount !== records.length) {
      const indexed = await indexedUrls(index);
      const missing = records.filter((r) => !indexed.has(r.url)).map((r) => r.url);
      throw new SearchIndexError(
        `${records.length} articles but ${pageCount} pages indexed; missing from search:\n${missing.map((url) => `  - ${url}`).join("\n")}`,
      );
    }
    return { outputPath, pageCount };
  } finally {
    await index.deleteIndex();
    // The service is a child process; left open it would keep a one-off build from exiting.
    await pagefind.close();
  }
}

/** Addresses of every page in the written index, read back from its fragments. */
async function indexedUrls(index: pagefind.PagefindIndex): Promise<Set<string>> {
  const { files } = await index.getFiles();
  const urls = new Set<string>();
  for (const file of files) {
    if (!file.path.endsWith(".pf_fragment")) continue;
    // Fragments are gzipped JSON behind a "pagefind_dcd" signature.
    const json = gunzipSync(file.content).toString("utf8").replace(/^pagefind_dcd/, "");
    urls.add((JSON.parse(json) as { url: string }).url);
  }
  return urls;
}
