import { readFileSync } from "node:fs";
import path from "node:path";
import { Archive, type Article, type ListingPage } from "./archive.ts";
import { readArticles, readBody, type ArticleSource } from "./articles.ts";
import { readArticleIndex, readPartPages, type PartPages } from "./build/article-index.ts";
import { compileStylesheet, type Asset } from "./assets.ts";
import { createArticleRenderer, type ArticleRenderer } from "./markdown.ts";
import { OptionsError, pathPrefixProblem, resolveOptions, type NewsArchiveOptions, type ResolvedOptions } from "./options.ts";
import { articlePage, articleView, listingPage, plainPage, siteContext, termsPage, yearsPage, type ArticleView, type ListingView, type SiteContext } from "./pages.ts";
import { ArticleProblemsError, formatProblem, type Problem } from "./problems.ts";
import { createRenderer, themeDir, type Renderer } from "./theme.ts";
import { uiStrings } from "./i18n.ts";
import { archiveFeedLinks, listingFeedLinks, registerPublishing } from "./publishing/index.ts";
import { registerSearch } from "./search/index.ts";
import { registerOffline } from "./offline/index.ts";
import { attachAndWriteImages } from "./images/index.ts";

export { Archive } from "./archive.ts";
export type { Article, ListingPage, Term } from "./archive.ts";
export { parseArticle, readArticles } from "./articles.ts";
export { formatDateline, formatMonthHeading, parseArticleDate } from "./dates.ts";
export { countArticles, uiStrings } from "./i18n.ts";
export { resolveOptions, OptionsError, type NewsArchiveOptions } from "./options.ts";
export { romanize, slugify } from "./slugs.ts";

/**
 * Everything one build knows, made once per build from the articles' front matter: the archive index feeds
 * every page template, so adding a listing never means another pass over the articles.
 */
export class ArchiveBuild {
  /** Markdown to safe HTML, without keeping the result: for work that needs each body once. */
  readonly renderBody: ArticleRenderer;
  private readonly bodies = new Map<Article, string>();
  /** The article pages this Eleventy run writes: all of them, or one part's (see PartSpec). */
  readonly pageArticles: ArticlePageItem[];
  readonly pageListings: (ListingPage | ListingView)[];

  constructor(
    readonly options: ResolvedOptions,
    readonly archive: Archive,
    readonly site: SiteContext,
    readonly stylesheet: Asset,
    readonly render: Renderer,
    pages?: PartPages,
  ) {
    this.renderBody = createArticleRenderer({ embedHosts: options.embedHosts, pathPrefix: site.pathPrefix });
    this.pageArticles = pages
      ? pages.articles.map(({ view, file, bodyStart }) => ({ url: view.url, view, bodyHtml: () => this.renderBody(readBody(file, bodyStart), view.bodyPictures) }))
      : archive.articles.map((article) => ({ url: article.url, view: articleView(article), bodyHtml: () => this.bodyHtml(article) }));
    this.pageListings = pages ? pages.listings : archive.listingPages;
  }

  /**
   * An article's body as safe HTML, rendered once per build: its page, its search record and the feeds all need it,
   * and Markdown plus sanitizing (plus reading the file again) is the costliest step of a page.
   */
  bodyHtml(article: Article): string {
    let html = this.bodies.get(article);
    if (html === undefined) {
      html = this.renderBody(article.body, article.bodyPictures);
      this.bodies.set(article, html);
    }
    return html;
  }

  /** Drops the rendered bodies once every output that needs them is written. */
  forgetBodies(): void {
    this.bodies.clear();
  }
}

interface EleventyConfig {
  pathPrefix?: string;
  directories: { input: string; includes: string; output: string };
  ignores: Set<string>;
  passthroughCopies: Record<string, unknown>;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: object): void;
  addWatchTarget(target: string): void;
  on(event: string, callback: (arg: { runMode?: string }) => unknown): void;
}

/** Normalises Eleventy's path prefix to "/" or "/sub/". */
function normalisePathPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/**
 * One Eleventy run of a build in parts (src/build/): the article index to load instead of reading every article,
 * and the pages this run writes. `site` is the one run that also writes everything else (feeds, sitemaps, the site's
 * own templates and copies); search, the service worker and the offline manifest are then the build's own work.
 */
export interface PartSpec {
  site: boolean;
  /** The site's part: the article index (src/build/article-index.ts), for feeds, sitemaps and the other whole-archive pages. */
  index?: string;
  /** The other parts: their pages, prepared by the build (PartPages), so that they never hold the whole archive. */
  pages?: string;
  /** Compiled once by the build rather than by every part. */
  stylesheet: Asset;
}

/** One article page to write: what its template shows, and its body, rendered only when the page is. */
export interface ArticlePageItem {
  url: string;
  view: ArticleView;
  bodyHtml(): string;
}

export const partSpecVariable = "NEWS_ARCHIVE_PART";

function readPartSpec(): PartSpec | undefined {
  const file = process.env[partSpecVariable];
  return file ? (JSON.parse(readFileSync(file, "utf8")) as PartSpec) : undefined;
}

export interface BuildSettings {
  pathPrefix: string;
  siteIncludes?: string;
  includeDrafts: boolean;
}

/** Reads and checks every article; any error stops the build before anything is written. */
export function readArchiveSources(options: ResolvedOptions, includeDrafts: boolean): ArticleSource[] {
  const { articles: sources, problems, skipped } = readArticles(options.articles, { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength });
  if (problems.some((p) => p.severity === "error")) throw new ArticleProblemsError(problems);
  reportWarnings(problems);
  if (skipped.length) console.info(`[news-archive] ${skipped.length} files in ${options.articles} are not articles and were skipped; \`npm run check\` lists them with the reason`);
  return sources.filter((a) => includeDrafts || !a.draft);
}

export function createBuild(
  options: ResolvedOptions,
  settings: BuildSettings,
  sources = readArchiveSources(options, settings.includeDrafts),
  part?: { stylesheet: Asset; pages?: PartPages },
): ArchiveBuild {
  const archive = new Archive(sources, { pageSize: options.pageSize, relatedCount: options.relatedCount });
  if (!part) reportWarnings(archive.problems);
  const stylesheet = part?.stylesheet ?? compileStylesheet(options.brand);
  const site = siteContext(options, settings.pathPrefix, stylesheet.url);
  site.feeds = archiveFeedLinks(site);
  const render = createRenderer({ locale: options.locale, pathPrefix: settings.pathPrefix, ...(settings.siteIncludes ? { siteIncludes: settings.siteIncludes } : {}) });
  return new ArchiveBuild(options, archive, site, stylesheet, render, part?.pages);
}

/** The build of one part: the site's part loads the whole index, the others only their own pages. */
function createPartBuild(options: ResolvedOptions, settings: BuildSettings, part: PartSpec): ArchiveBuild {
  if (part.index) return createBuild(options, settings, readArticleIndex(part.index), { stylesheet: part.stylesheet, pages: { articles: [], listings: [] } });
  return createBuild(options, settings, [], { stylesheet: part.stylesheet, pages: part.pages ? readPartPages(part.pages) : { articles: [], listings: [] } });
}

/** What the plugin learned from the site's config, for the build in parts (src/build/), which reads it after Eleventy's init. */
export interface PluginSetup {
  options: ResolvedOptions;
  pathPrefix: string;
  siteIncludes: string;
  input: string;
}

const setupKey = Symbol.for("news-archive.setup");

export function registeredSetup(): PluginSetup | undefined {
  return (globalThis as { [setupKey]?: PluginSetup })[setupKey];
}

/** Warnings never stop a build; a long list would bury the build's own output, so only the first few are shown. */
function reportWarnings(warnings: Problem[], shown = 10): void {
  for (const warning of warnings.slice(0, shown)) console.warn(`[news-archive] ${formatProblem(warning)}`);
  if (warnings.length > shown) console.warn(`[news-archive] … and ${warnings.length - shown} more warnings; \`npm run check\` lists them all`);
}

type PageData = { newsArchive: ArchiveBuild };

/** The Eleventy plugin: `eleventyConfig.addPlugin(newsArchive, { siteName, siteUrl, … })`. */
export default function newsArchive(eleventyConfig: EleventyConfig, userOptions: NewsArchiveOptions = {}): void {
  const options = resolveOptions(userOptions);
  const prefixProblem = pathPrefixProblem(eleventyConfig.pathPrefix);
  if (prefixProblem) throw new OptionsError([prefixProblem]);
  const pathPrefix = normalisePathPrefix(eleventyConfig.pathPrefix);
  const siteIncludes = path.resolve(eleventyConfig.directories.includes);
  const input = path.resolve(eleventyConfig.directories.input);
  (globalThis as { [setupKey]?: PluginSetup })[setupKey] = { options, pathPrefix, siteIncludes, input };
  const part = readPartSpec();
  let runMode = process.env.ELEVENTY_RUN_MODE ?? "build";
  let current: ArchiveBuild | undefined;

  ignoreArticlesFolder(eleventyConfig, options.articles, input);
  if (part && !part.site) {
    // The other runs of a build in parts write only their articles' and listings' pages.
    eleventyConfig.ignores.add(`${ignoreGlob(input)}/**`);
    for (const copy of Object.keys(eleventyConfig.passthroughCopies)) delete eleventyConfig.passthroughCopies[copy];
  }

  eleventyConfig.addWatchTarget(options.articles);
  eleventyConfig.addWatchTarget(themeDir);
  // Outside a build in parts (`npm start`), the photos are prepared here; in parts the build's parent did it.
  let sources: ArticleSource[] | undefined;
  eleventyConfig.on("eleventy.before", async ({ runMode: mode }) => {
    runMode = mode ?? runMode;
    current = undefined;
    if (part) return;
    sources = readArchiveSources(options, options.drafts ?? runMode === "serve");
    const output = path.resolve(eleventyConfig.directories.output);
    await attachAndWriteImages(sources, { siteRoot: input, cacheDir: path.join(".cache", "news-archive", "images"), output });
  });
  eleventyConfig.addGlobalData("newsArchive", () => {
    const settings = { pathPrefix, siteIncludes, includeDrafts: options.drafts ?? runMode === "serve" };
    current ??= part ? createPartBuild(options, settings, part) : createBuild(options, settings, sources);
    return current;
  });

  const page = (virtualPath: string, data: object, render: (data: PageData & Record<string, never>) => string) => {
    if (part && !part.site && virtualPath !== "article" && virtualPath !== "listing") return;
    eleventyConfig.addTemplate(`news-archive/${virtualPath}.11ty.js`, { data: () => ({ eleventyExcludeFromCollections: true, ...data }), render });
  };

  page(
    "article",
    {
      pagination: { data: "newsArchive.pageArticles", size: 1, alias: "article", addAllPagesToCollections: false },
      permalink: (data: { article: ArticlePageItem }) => data.article.url,
    },
    (data) => {
      const { newsArchive: build, article } = data as unknown as PageData & { article: ArticlePageItem };
      return build.render("article.njk", articlePage(article.view, build.site, article.bodyHtml()));
    },
  );
  page(
    "listing",
    {
      pagination: { data: "newsArchive.pageListings", size: 1, alias: "listing" },
      permalink: (data: { listing: { url: string } }) => data.listing.url,
    },
    (data) => {
      const { newsArchive: build, listing } = data as unknown as PageData & { listing: ListingPage | ListingView };
      return build.render("listing.njk", listingPage(listing, build.site, listingFeedLinks(listing, build.site)));
    },
  );
  page("tags", { permalink: "/tags/" }, ({ newsArchive: build }) => build.render("terms.njk", termsPage("tags", build.archive.tags, build.site)));
  page("authors", { permalink: "/authors/" }, ({ newsArchive: build }) =>
    build.render("terms.njk", termsPage("authors", build.archive.authors, build.site)),
  );
  page("years", { permalink: "/archive/" }, ({ newsArchive: build }) => build.render("years.njk", yearsPage(build.archive.years, build.site)));
  page("not-found", { permalink: "/404.html" }, ({ newsArchive: build }) =>
    build.render("404.njk", plainPage("not-found", "/404.html", uiStrings(build.options.locale).notFoundTitle, build.site)),
  );
  page("stylesheet", { permalink: (data: PageData) => data.newsArchive.stylesheet.url }, ({ newsArchive: build }) => build.stylesheet.contents);
  registerPublishing(page);
  // A build in parts indexes and writes the service worker itself, once every part is written.
  const finishing = part ? () => undefined : () => current;
  if (options.search) registerSearch(eleventyConfig, page, finishing);
  // After search: the service worker precaches the index Pagefind has just written.
  registerOffline(eleventyConfig, page, finishing);
}

/** Eleventy's ignore globs are relative to the project, with "/" separators. */
function ignoreGlob(folder: string): string {
  return `./${path.relative(process.cwd(), folder).split(path.sep).join("/")}`;
}

/**
 * Articles kept inside Eleventy's input folder would also be Eleventy templates of their own: Liquid would run in them and
 * their raw HTML would skip the sanitizer. Eleventy is told to ignore the folder; articles reach pages only through the plugin.
 */
function ignoreArticlesFolder(eleventyConfig: EleventyConfig, articles: string, input: string): void {
  const folder = path.resolve(articles);
  const relative = path.relative(input, folder);
  const overlaps = relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative)) || !path.relative(folder, input).startsWith("..");
  if (!overlaps) return;
  eleventyConfig.ignores.add(`${ignoreGlob(folder)}/**`);
  console.warn(
    `[news-archive] the articles folder ${articles} is inside Eleventy's input folder; Eleventy ignores it and the articles become pages only through the plugin. Keep articles outside the input folder to avoid surprises.`,
  );
}
