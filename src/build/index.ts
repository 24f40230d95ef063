/**
 * The build in parts: the article index is read once, pages are rendered by several Eleventy runs over disjoint
 * parts of it (only the pages whose fingerprint changed since the last build), and the build then finishes what
 * needs the whole archive: the search index, the service worker and the offline list. Everything is written
 * to a staging folder and moved into the output only when all of it succeeded.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBuild, readArchiveSources, type ArchiveBuild } from "../archive-build.ts";
import { loadSite } from "../commands/site.ts";
import { outputFile } from "../offline/precache.ts";
import { builtPage } from "../offline/offline-manifest.ts";
import { configFiles } from "../config-files.ts";
import { offlineFiles, writeOfflineFiles } from "../offline/index.ts";
import type { WrittenSearchParts } from "../search/index.ts";
import { themeDir } from "../theme.ts";
import { bodyStartOf } from "../articles.ts";
import { articleView, listingView } from "../pages.ts";
import { knownArticles, pageJson, writeArticleIndex, writePartPages } from "./article-index.ts";
import { buildKey, hash, hashFiles, pageFingerprint } from "./fingerprint.ts";
import {
  checkOutputFolder,
  listFilesBelow,
  manifestFile,
  oversizedFiles,
  promoteStaging,
  readManifest,
  removeWorkFolders,
  stagingFolder,
  type ManifestEntry,
  type OutputManifest,
} from "./output-folder.ts";
import { collectGarbage } from "./collect-garbage.ts";
import { runParts, runWorker, type PartRun, type WrittenFile } from "./parts.ts";
import type { SearchRun } from "./search-worker.ts";
import { encodeToCache, filesOfPictures, linkOrCopy as linkImage, prepareImages, pruneImageCache } from "../images/index.ts";
import { ArticleProblemsError } from "../problems.ts";

export { OutputFolderError } from "./output-folder.ts";

export interface BuildRequest {
  /** The site's Eleventy config file. */
  configPath: string;
  output: string;
  /** Eleventy's path prefix, from --path-prefix. */
  pathPrefix?: string;
  /** Folder for the build's working files; default `.cache/news-archive`. */
  cacheDir?: string;
  /** False: render every page, whatever the previous build left (--no-cache). */
  reuse?: boolean;
  /** Build part `index` (1-based) of `count` alone: its pages only, for --merge to join. */
  shard?: { index: number; count: number };
  /** Folders of parts built with --shard, whose pages are taken instead of rendered. */
  merge?: string[];
  /** An archive without articles is a mistake unless asked for. */
  allowEmpty?: boolean;
  /** Eleventy runs at once; default the number of cores. */
  jobs?: number;
  /** Pages per Eleventy run: bounds each run's memory. */
  partSize?: number;
}

export interface BuildReport {
  articles: number;
  /** Articles taken from the previous build's index, their files unchanged since: the others were parsed. */
  articlesReused: number;
  pagesRendered: number;
  pagesReused: number;
  pagesMerged: number;
  parts: number;
  /** Photo files encoded by this build; those found in the cache are not. */
  imagesEncoded: number;
  /** Photo files removed from the image cache: no photo of the archive uses them any more. */
  imagesPruned: number;
  searchReindexed: boolean;
  /** Seconds each phase took. */
  phases: Record<string, number>;
  /** MB of this process's JavaScript heap in use at the end of each phase: where the build's own memory goes. */
  heap: Record<string, number>;
}

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildError";
  }
}

/** The package's own code (compiled or not) and theme: a change to either may change any page. */
const codeFolder = path.resolve(import.meta.dirname, "..");
const codeFolders = [codeFolder, themeDir, path.join(codeFolder, "..", "package.json")];

const defaultPartSize = 4000;
// search-worker.ts beside this file, or search-worker.js once compiled.
const searchScript = path.join(import.meta.dirname, `search-worker${path.extname(import.meta.filename)}`);

interface Unit {
  url: string;
  file: string;
  fingerprint: string;
  /** The photo files the page shows (output paths). */
  images: string[];
  /** The page's data for its part's Eleventy run, made again only for the pages that are rendered. */
  data(): string;
  kind: "article" | "listing";
}

/**
 * Every page of the archive with its fingerprint. An article's fingerprint leaves out where its file is, so that
 * parts built on machines with other folders still merge.
 */
function planUnits(build: ArchiveBuild): Unit[] {
  const unit = (kind: Unit["kind"], url: string, fingerprint: string, images: string[], data: () => string): Unit => ({ kind, url, file: outputFile(url), fingerprint, images, data });
  return [
    ...build.archive.articles.map((a) =>
      unit("article", a.url, pageFingerprint(pageJson(articleView(a)), a.revision), filesOfPictures([a.picture, ...Object.values(a.bodyPictures ?? {})], "all"), () =>
        pageJson({ view: articleView(a), file: a.file, bodyStart: bodyStartOf(a) }),
      ),
    ),
    ...build.archive.listingPages.map((listing) =>
      unit("listing", listing.url, pageFingerprint(pageJson(listingView(listing))), filesOfPictures(listing.articles.map((a) => a.picture), "thumbnail"), () => pageJson(listingView(listing))),
    ),
  ];
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** A hard link where the file system allows one: merging parts of a large archive should not copy every page. */
function linkOrCopy(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

class PhaseTimer {
  readonly phases: Record<string, number> = {};
  readonly heap: Record<string, number> = {};
  private started = performance.now();
  /** Ends a phase and starts the next. */
  end(name: string): void {
    const now = performance.now();
    this.phases[name] = Math.round(now - this.started) / 1000;
    this.heap[name] = Math.round(process.memoryUsage().heapUsed / 1e6);
    this.started = now;
  }
  /** Notes how long a task running beside others has taken since the current phase began. */
  mark(name: string): void {
    this.phases[name] = Math.round(performance.now() - this.started) / 1000;
  }
}

/** Files (pages and photos) of the parts given to --merge, by output path, that were made under the same build key. */
function mergedFiles(folders: readonly string[], key: string): Map<string, { folder: string; entry: ManifestEntry }> {
  const pages = new Map<string, { folder: string; entry: ManifestEntry }>();
  for (const folder of folders) {
    const manifest = readManifest(folder);
    if (!manifest) throw new BuildError(`--merge ${folder}: the folder holds no part of a build (no ${manifestFile})`);
    if (manifest.buildKey !== key) {
      throw new BuildError(`--merge ${folder}: the part was built from other code, options or templates; build it again with this version`);
    }
    for (const [file, entry] of Object.entries(manifest.files)) pages.set(file, { folder, entry });
  }
  return pages;
}

export async function buildArchive(request: BuildRequest): Promise<BuildReport> {
  const started = Date.now();
  const timer = new PhaseTimer();
  const setup = await loadSite(request);
  const { options } = setup;
  checkOutputFolder(request.output, { articles: options.articles, input: setup.input, project: process.cwd() });
  const output = path.resolve(request.output);

  const cacheDir = path.resolve(request.cacheDir ?? path.join(".cache", "news-archive"));
  // The article index of the last build, kept in the cache: a file whose signature has not changed is not parsed again.
  const codeKey = hashFiles(codeFolders);
  const lastIndex = path.join(cacheDir, "articles.json");
  const readKey = hash(JSON.stringify([codeKey, options.timeZone, options.slugMaxLength]));
  const known = request.reuse === false ? () => undefined : knownArticles(lastIndex, readKey);
  let articlesReused = 0;
  const sources = readArchiveSources(options, options.drafts ?? false, (file, signature) => {
    const article = known(file, signature);
    if (article) articlesReused++;
    return article;
  });
  if (sources.length === 0 && !request.allowEmpty) {
    throw new BuildError(`the articles folder ${options.articles} holds no articles; nothing was built (pass --allow-empty to build an empty archive)`);
  }
  const runDir = path.join(cacheDir, `run-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const staging = stagingFolder(output);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // Photos first: their sizes are part of the pages' data, so a changed photo changes its pages' fingerprints.
    const images = await prepareImages(sources, { siteRoot: setup.input });
    if (images.problems.length) throw new ArticleProblemsError(images.problems);
    for (const [source, pictures] of images.pictures) Object.assign(source, pictures);
    timer.end("images: read");
    // Written before the archive places the articles, which links them into cycles. The parts read this run's
    // copy; the cache's is for the next build, and another build with the same cache may replace it meanwhile.
    const indexFile = path.join(runDir, "articles.json");
    writeArticleIndex(indexFile, sources, readKey);
    linkOrCopy(indexFile, `${lastIndex}.${process.pid}`);
    renameSync(`${lastIndex}.${process.pid}`, lastIndex);
    const build = createBuild(options, { pathPrefix: setup.pathPrefix, siteIncludes: setup.siteIncludes, includeDrafts: options.drafts ?? false }, sources);
    timer.end("read");

    const key = buildKey(hash(`${codeKey}\0${hashFiles([setup.siteIncludes, ...(setup.siteData ? [setup.siteData] : []), ...configFiles(request.configPath), ...(options.stylesheet ? [options.stylesheet] : [])])}`), options, build.site);
    const previous = readManifest(output);
    const reusable = request.reuse !== false && previous?.buildKey === key ? previous : undefined;
    let units = planUnits(build);
    if (request.shard) units = units.filter((_, i) => i % request.shard!.count === request.shard!.index - 1);
    const unchanged = (unit: Unit) => reusable?.files[unit.file]?.fingerprint === unit.fingerprint && existsSync(path.join(output, unit.file));
    let dirty = units.filter((unit) => !unchanged(unit));

    const merged = new Map<string, WrittenFile>();
    const parts = request.merge?.length ? mergedFiles(request.merge, key) : undefined;
    if (parts) {
      dirty = dirty.filter((unit) => {
        const found = parts.get(unit.file);
        if (found?.entry.fingerprint !== unit.fingerprint) return true;
        linkOrCopy(path.join(found.folder, unit.file), path.join(staging, unit.file));
        merged.set(unit.file, { path: unit.file, url: unit.url, size: found.entry.size, hash: found.entry.hash, ...(found.entry.title ? { title: found.entry.title } : {}) });
        return false;
      });
    }
    timer.end("plan");

    // Each photo file is encoded once into the cache (kept between builds and CI runs), then linked into the output.
    const imageFiles = new Set(units.flatMap((unit) => unit.images));
    const imageCache = path.join(cacheDir, "images");
    const imageEntries: Record<string, ManifestEntry> = {};
    const toEncode = [];
    const imageSources = new Map<string, string>();
    for (const file of [...imageFiles].sort()) {
      const prepared = images.files.get(file)!;
      const kept = reusable?.files[file];
      if (kept?.fingerprint === prepared.picture.key && existsSync(path.join(output, file))) {
        imageEntries[file] = kept;
        continue;
      }
      const fromPart = parts?.get(file);
      if (fromPart?.entry.fingerprint === prepared.picture.key) imageSources.set(file, path.join(fromPart.folder, file));
      else {
        imageSources.set(file, path.join(imageCache, path.basename(file)));
        toEncode.push(prepared);
      }
    }
    const encoding = await encodeToCache(toEncode, imageCache, request.jobs ?? os.availableParallelism());
    for (const [file, from] of imageSources) {
      linkImage(from, path.join(staging, file));
      const contents = readFileSync(from);
      imageEntries[file] = { unit: "image", fingerprint: images.files.get(file)!.picture.key, size: contents.length, hash: hash(contents) };
    }
    timer.end("images: encode");

    // The parts, the search process and Pagefind all start now: the garbage of reading and planning must not peak with them.
    collectGarbage();
    const partSize = request.partSize ?? defaultPartSize;
    const stylesheet = build.stylesheet;
    const run = (spec: Pick<PartRun, "site" | "index" | "pages">, n: number): PartRun => ({
      ...spec,
      stylesheet,
      ignore: [output, cacheDir],
      configPath: request.configPath,
      output: staging,
      ...(request.pathPrefix ? { pathPrefix: request.pathPrefix } : {}),
      report: path.join(runDir, `part-${n}.report.json`),
    });
    const runs: (() => PartRun)[] = [];
    // The site's own part first: it holds the longest single pages (feeds of every tag).
    if (!request.shard) runs.push(() => run({ site: true, index: indexFile }, 0));
    // At least one part per core, so that a small rebuild still uses every core.
    const jobs = request.jobs ?? os.availableParallelism();
    for (const part of chunk(dirty, Math.max(1, Math.min(partSize, Math.ceil(dirty.length / jobs))))) {
      const n = runs.length;
      runs.push(() => {
        const pages = path.join(runDir, `pages-${n}.json`);
        function* data(kind: Unit["kind"]) {
          for (const unit of part) if (unit.kind === kind) yield unit.data();
        }
        writePartPages(pages, data("article"), data("listing"));
        return run({ site: false, pages }, n);
      });
    }
    // The search index is written while the parts render: Pagefind is a process of its own, and neither needs the other.
    const [rendering, indexing] = await Promise.allSettled([
      runParts(runs, jobs, (n) => path.join(runDir, `part-${n}.json`)).finally(() => timer.mark("render")),
      options.search && !request.shard
        ? runWorker<WrittenSearchParts, SearchRun>(
            searchScript,
            {
              options,
              pathPrefix: setup.pathPrefix,
              stylesheet,
              index: indexFile,
              previous: reusable?.search ?? {},
              previousDir: output,
              outputDir: staging,
              cacheDir,
              report: path.join(runDir, "search.report.json"),
            } satisfies SearchRun,
            path.join(runDir, "search.json"),
          ).finally(() => timer.mark("search"))
        : Promise.resolve(undefined),
    ]);
    if (rendering.status === "rejected") throw rendering.reason;
    if (indexing.status === "rejected") throw indexing.reason;
    const written = rendering.value.flat();
    timer.end("render and search");

    const byFile = new Map<string, WrittenFile>([...merged, ...written.map((file) => [file.path, file] as const)]);
    const files: Record<string, ManifestEntry> = {};
    const entry = (unit: string, fingerprint: string, file: WrittenFile): ManifestEntry => ({
      unit,
      fingerprint,
      size: file.size,
      hash: file.hash,
      ...(file.title ? { title: file.title } : {}),
    });
    for (const unit of units) {
      const file = byFile.get(unit.file);
      if (file) files[unit.file] = entry(unit.url, unit.fingerprint, file);
      else if (reusable?.files[unit.file]) files[unit.file] = reusable.files[unit.file]!;
      else throw new BuildError(`${unit.url} was not written; this is a bug in the build`);
    }

    const pageOf = new Map(build.archive.articles.map((article) => [outputFile(article.url), article.file]));
    const oversized = oversizedFiles(written, (file) => pageOf.get(file));
    if (oversized.length) throw new ArticleProblemsError(oversized);

    Object.assign(files, imageEntries);
    let searchReindexed = false;
    const search: Record<string, string> = {};
    if (!request.shard) {
      if (indexing.value) {
        Object.assign(search, indexing.value.fingerprints);
        for (const part of indexing.value.parts) {
          searchReindexed ||= !part.reused;
          const fingerprint = indexing.value.fingerprints[part.id]!;
          for (const file of part.files) {
            const kept = part.reused ? reusable?.files[file] : undefined;
            if (kept) files[file] = kept;
            else {
              const contents = readFileSync(path.join(part.reused ? output : staging, file));
              files[file] = { unit: `search:${part.id}`, fingerprint, size: contents.length, hash: hash(contents) };
            }
          }
        }
      }
      // Everything else in staging is the site part's: its pages, feeds, sitemaps and copies of the site's files.
      for (const file of listFilesBelow(staging)) {
        if (files[file]) continue;
        const known = byFile.get(file);
        files[file] = entry("site", key, known ?? { path: file, ...builtPage(`/${file}`, readFileSync(path.join(staging, file))) });
      }

      const siteFile = (url: string) => {
        const file = outputFile(url);
        for (const folder of [staging, output]) {
          const full = path.join(folder, file);
          if (existsSync(full)) return readFileSync(full);
        }
        return undefined;
      };
      // In path order, whichever route (cold, incremental, merged) put the entries in the manifest.
      const pages = Object.entries(files)
        .filter(([file]) => file.endsWith(".html"))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([file, e]) => ({ url: `/${file.replace(/(^|\/)index\.html$/, "$1")}`, size: e.size, hash: e.hash, ...(e.title ? { title: e.title } : {}) }));
      const pagefindFiles = Object.entries(files)
        .filter(([file]) => file.startsWith("pagefind/"))
        .map(([file, e]) => ({ file: file.slice("pagefind/".length), size: e.size }))
        .sort((a, b) => (a.file < b.file ? -1 : 1));
      const photoFiles = Object.entries(imageEntries).map(([file, e]) => ({ file: file.slice("img/".length), size: e.size }));
      const offline = offlineFiles({ pages, pagefindFiles, photoFiles, pathPrefix: setup.pathPrefix, brandColour: build.site.themeColour, readSiteFile: siteFile });
      writeOfflineFiles(staging, offline);
      for (const file of offline) {
        const contents = Buffer.from(file.contents);
        files[outputFile(file.url)] = { unit: "offline", fingerprint: key, size: contents.length, hash: hash(contents) };
      }
      timer.end("offline");
    }

    const next: OutputManifest = { version: 2, buildKey: key, ...(request.shard ? { shard: `${request.shard.index}/${request.shard.count}` } : {}), files, search };
    promoteStaging(staging, output, previous, next);
    timer.end("write");
    // Only a build that saw the whole archive knows which cached photos no article uses; a --shard part does not.
    const imagesPruned = request.shard ? 0 : pruneImageCache(imageCache, new Set([...images.files.keys()].map((file) => path.basename(file))), started);
    return {
      articles: build.archive.articles.length,
      articlesReused,
      pagesRendered: written.length,
      pagesReused: units.length - dirty.length - merged.size,
      pagesMerged: merged.size,
      parts: runs.length,
      imagesEncoded: encoding.encoded,
      imagesPruned,
      searchReindexed,
      phases: timer.phases,
      heap: timer.heap,
    };
  } finally {
    removeWorkFolders([staging, runDir]);
  }
}

