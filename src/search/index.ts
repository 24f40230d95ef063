import { readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../archive.ts";
import type { Asset } from "../assets.ts";
import type { ArchiveBuild } from "../archive-build.ts";
import type { EleventyHost, PageRegistrar } from "../host.ts";
import { writeSearchParts, type WrittenSearchParts } from "./indexer.ts";
import { searchPage } from "./page.ts";
import { partFingerprint, partFolder, planSearchParts, type SearchPart } from "./parts.ts";
import { cachedDictionary, lemmatize, type Dictionary } from "./dictionary.ts";
import { lemmaTablePlan } from "./lemma-table.ts";
import { namesVersion } from "./names.ts";
import { searchWordsVersion } from "./words.ts";
import { searchRecords } from "./records.ts";
import { bundleSearchScript } from "./script.ts";
import { perBuild } from "../per-build.ts";

export { isPagefindIndexFile, isPagefindLoader, isPagefindRuntime, isPartIndexFile } from "./bundle.ts";
export {
  SearchIndexError,
  writeSearchIndex,
  writeSearchParts,
  type SearchPartsInput,
  type WrittenSearchPart,
  type WrittenSearchParts,
} from "./indexer.ts";
export { defaultPartSize, partFingerprint, partFolder, planSearchParts, primaryPart, type SearchPart, type SearchPartPlan } from "./parts.ts";
export { cachedDictionary, type Dictionary } from "./dictionary.ts";
export { searchRecord, searchRecords, sortInstant, type SearchRecord } from "./records.ts";
export { stemQuery, stemWord } from "./stemmer.ts";

// One bundle per build: the theme script may change between rebuilds while serving, never within one.
const searchScript = perBuild<ArchiveBuild, Asset>(() => bundleSearchScript());

/** Pagefind's version goes into every fingerprint: an upgrade may change the index format and its loader. */
const pagefindVersion = (JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.resolve("pagefind"))), "..", "package.json"), "utf8")) as { version: string })
  .version;

/**
 * The build's search parts with their fingerprints, newest first. Known from the articles alone, so the search
 * page names the parts' folders before the index is written.
 */
export const searchParts = perBuild<ArchiveBuild, SearchPart[]>((build) => {
  const settings = { options: build.options, pathPrefix: build.site.pathPrefix, pagefind: pagefindVersion, names: namesVersion, searchWords: searchWordsVersion };
  return planSearchParts(build.archive.articles).map((part) => ({ ...part, fingerprint: partFingerprint(part.articles, settings) }));
});

/**
 * The records of some of the build's articles, their bodies rendered as their pages show them. `keepBodies` shares
 * the bodies with the pages and feeds of the same Eleventy run; a build in parts renders each only once here and
 * must not hold every body of a large archive.
 */
export function buildRecords(build: ArchiveBuild, { keepBodies = true, dictionary }: { keepBodies?: boolean; dictionary?: Dictionary } = {}): (articles: readonly Article[]) => ReturnType<typeof searchRecords> {
  const bodyHtml = keepBodies ? (article: Article) => build.bodyHtml(article) : (article: Article) => build.renderBody(article.body);
  return (articles) => searchRecords(articles, { language: build.options.locale, pathPrefix: build.site.pathPrefix, bodyHtml, lemmatize: (words) => lemmatize(words, dictionary) });
}

/** The build's cache folder when Eleventy runs the plugin itself (`npm start`), as the build command's default. */
const defaultCacheDir = path.join(".cache", "news-archive");

/**
 * Writes the build's search index into `<outputDir>/pagefind/`, indexing again only the parts whose folder
 * (named by its fingerprint) is not there yet, and removes whatever else is there.
 */
export async function indexArchive(build: ArchiveBuild, outputDir: string): Promise<WrittenSearchParts> {
  const parts = searchParts(build);
  const dictionary = cachedDictionary(defaultCacheDir);
  const root = path.join(outputDir, "pagefind");
  const present = new Set(readdirSafe(root));
  const previous = Object.fromEntries([...parts, lemmaTablePlan(parts)].filter((p) => present.has(partFolder(p))).map((p) => [p.id, p.fingerprint]));
  const result = await writeSearchParts({
    parts,
    previous,
    previousDir: outputDir,
    outputDir,
    language: build.options.locale,
    records: buildRecords(build, { dictionary }),
    bundleSize: build.options.searchBundleSize,
    indexChunkSize: build.options.searchIndexChunkSize,
    dictionary,
  });
  // Folders of parts this build no longer has, and files a reused part no longer needs (the loader of a former primary).
  const kept = new Set(result.parts.flatMap((p) => p.files));
  const folders = new Set(result.parts.map((p) => p.folder));
  for (const name of readdirSafe(root)) {
    if (!folders.has(name)) rmSync(path.join(root, name), { recursive: true, force: true });
    else for (const file of readdirSync(path.join(root, name), { recursive: true, encoding: "utf8" })) {
      const relative = `pagefind/${name}/${file.split(path.sep).join("/")}`;
      if (!kept.has(relative) && statSync(path.join(root, name, file)).isFile()) rmSync(path.join(root, name, file));
    }
  }
  return result;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Adds the search page, its script and the Pagefind index to the plugin. The index is written after
 * Eleventy has written the pages, from the same archive the pages came from.
 */
export function registerSearch(eleventyConfig: Pick<EleventyHost, "on">, page: PageRegistrar, currentBuild: () => ArchiveBuild | undefined): void {
  page("search", { permalink: "/search/" }, ({ newsArchive: build }) =>
    build.render("search.njk", searchPage(build.archive, build.site, searchScript(build).url, searchParts(build))),
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
