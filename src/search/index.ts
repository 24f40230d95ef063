import path from "node:path";
import type { Asset } from "../assets.ts";
import type { ArchiveBuild } from "../index.ts";
import { writeSearchIndex, type IndexResult } from "./indexer.ts";
import { searchPage } from "./page.ts";
import { searchRecords } from "./records.ts";
import { bundleSearchScript } from "./script.ts";
import { perBuild } from "../per-build.ts";

export { SearchIndexError, writeSearchIndex } from "./indexer.ts";
export { searchRecord, searchRecords, sortInstant, type SearchRecord } from "./records.ts";
export { stemQuery, stemWord } from "./stemmer.ts";

type PageFn = (virtualPath: string, data: object, render: (data: { newsArchive: ArchiveBuild }) => string) => void;

interface SearchHost {
  on(event: "eleventy.after", callback: (arg: { runMode?: string; directories?: { output: string }; outputMode?: string }) => unknown): void;
}

// One bundle per build: the theme script may change between rebuilds while serving, never within one.
const searchScript = perBuild<ArchiveBuild, Asset>(() => bundleSearchScript());

/** Indexes every article of the build into `<outputDir>/pagefind/`. */
export function indexArchive(build: ArchiveBuild, outputDir: string): Promise<IndexResult> {
  const records = searchRecords(build.archive.articles, {
    language: build.options.locale,
    pathPrefix: build.site.pathPrefix,
    bodyHtml: (article) => build.bodyHtml(article),
  });
  return writeSearchIndex(records, path.join(outputDir, "pagefind"), build.options.locale);
}

/**
 * Adds the search page, its script and the Pagefind index to the plugin. The index is written after
 * Eleventy has written the pages, from the same archive the pages came from.
 */
export function registerSearch(eleventyConfig: SearchHost, page: PageFn, currentBuild: () => ArchiveBuild | undefined): void {
  page("search", { permalink: "/search/" }, ({ newsArchive: build }) =>
    build.render("search.njk", searchPage(build.archive, build.site, searchScript(build).url)),
  );
  page("search-script", { permalink: (data: { newsArchive: ArchiveBuild }) => searchScript(data.newsArchive).url }, ({ newsArchive: build }) =>
    searchScript(build).contents,
  );
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }) => {
    // JSON/NDJSON runs write no site to search.
    if (outputMode && outputMode !== "fs") return;
    const build = currentBuild();
    if (!build) return;
    if (!directories?.output) throw new Error("search index: Eleventy did not say where the site was written");
    await indexArchive(build, directories.output);
    build.forgetBodies();
  });
}
