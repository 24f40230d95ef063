/**
 * The search index of a build in parts, in a process of its own: rendering every body again for its search record
 * and talking to Pagefind make garbage in proportion to the archive, which the build's own process, holding the
 * article index and the page plan for the whole run, should never have to carry.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createBuild } from "../archive-build.ts";
import { partSpecVariable } from "../host.ts";
import type { Asset } from "../assets.ts";
import type { ResolvedOptions } from "../options.ts";
import { buildRecords, cachedDictionary, searchParts, writeSearchParts } from "../search/index.ts";
import { readArticleIndex } from "./article-index.ts";
import { collectGarbage } from "./collect-garbage.ts";

/** What the build passes: the article index it wrote, and where the previous build's search parts are. */
export interface SearchRun {
  options: ResolvedOptions;
  pathPrefix: string;
  stylesheet: Asset;
  index: string;
  previous: Record<string, string>;
  previousDir: string;
  outputDir: string;
  /** The build's cache folder, where the expanded dictionary is kept between builds. */
  cacheDir: string;
  report: string;
}

async function main(): Promise<void> {
  const specFile = process.env[partSpecVariable];
  if (!specFile) throw new Error(`${partSpecVariable} is not set`);
  const run = JSON.parse(readFileSync(specFile, "utf8")) as SearchRun;
  const build = createBuild(run.options, { pathPrefix: run.pathPrefix, includeDrafts: run.options.drafts ?? false }, readArticleIndex(run.index), {
    stylesheet: run.stylesheet,
    pages: { articles: [], listings: [] },
  });
  // The garbage of reading the index, before Pagefind's service starts beside this process.
  collectGarbage();
  const dictionary = cachedDictionary(run.cacheDir);
  const written = await writeSearchParts({
    parts: searchParts(build),
    previous: run.previous,
    previousDir: run.previousDir,
    outputDir: run.outputDir,
    language: run.options.locale,
    records: buildRecords(build, { keepBodies: false, dictionary }),
    bundleSize: run.options.searchBundleSize,
    indexChunkSize: run.options.searchIndexChunkSize,
    dictionary,
  });
  writeFileSync(run.report, JSON.stringify(written));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : error);
  process.exitCode = 1;
});
