import path from "node:path";
import { Archive, type Article } from "./archive.ts";
import { readArticles } from "./articles.ts";
import { compileStylesheet, type Asset } from "./assets.ts";
import { createArticleRenderer } from "./markdown.ts";
import { resolveOptions, type NewsArchiveOptions, type ResolvedOptions } from "./options.ts";
import { articlePage, listingPage, plainPage, siteContext, termsPage, yearsPage, type SiteContext } from "./pages.ts";
import { ArticleProblemsError, formatProblem, type Problem } from "./problems.ts";
import { createRenderer, themeDir, type Renderer } from "./theme.ts";
import { uiStrings } from "./i18n.ts";
import { archiveFeedLinks, listingFeedLinks, registerPublishing } from "./publishing/index.ts";
import { registerSearch } from "./search/index.ts";
import { registerOffline } from "./offline/index.ts";

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
  private readonly renderBody: (markdown: string) => string;
  private readonly bodies = new Map<Article, string>();

  constructor(
    readonly options: ResolvedOptions,
    readonly archive: Archive,
    readonly site: SiteContext,
    readonly stylesheet: Asset,
    readonly render: Renderer,
  ) {
    this.renderBody = createArticleRenderer({ embedHosts: options.embedHosts, pathPrefix: site.pathPrefix });
  }

  /**
   * An article's body as safe HTML, rendered once per build: its page, its search record and the feeds all need it,
   * and Markdown plus sanitizing (plus reading the file again) is the costliest step of a page.
   */
  bodyHtml(article: Article): string {
    let html = this.bodies.get(article);
    if (html === undefined) {
      html = this.renderBody(article.body);
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

export function createBuild(options: ResolvedOptions, settings: { pathPrefix: string; siteIncludes?: string; includeDrafts: boolean }): ArchiveBuild {
  const { articles: sources, problems } = readArticles(options.articles, { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength });
  if (problems.some((p) => p.severity === "error")) throw new ArticleProblemsError(problems);
  const archive = new Archive(
    sources.filter((a) => settings.includeDrafts || !a.draft),
    { pageSize: options.pageSize, relatedCount: options.relatedCount },
  );
  reportWarnings([...problems, ...archive.problems]);
  const stylesheet = compileStylesheet(options.brand);
  const site = siteContext(options, settings.pathPrefix, stylesheet.url);
  site.feeds = archiveFeedLinks(site);
  const render = createRenderer({ locale: options.locale, pathPrefix: settings.pathPrefix, ...(settings.siteIncludes ? { siteIncludes: settings.siteIncludes } : {}) });
  return new ArchiveBuild(options, archive, site, stylesheet, render);
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
  const pathPrefix = normalisePathPrefix(eleventyConfig.pathPrefix);
  const siteIncludes = path.resolve(eleventyConfig.directories.includes);
  let runMode = process.env.ELEVENTY_RUN_MODE ?? "build";
  let current: ArchiveBuild | undefined;

  eleventyConfig.addWatchTarget(options.articles);
  eleventyConfig.addWatchTarget(themeDir);
  eleventyConfig.on("eleventy.before", ({ runMode: mode }) => {
    runMode = mode ?? runMode;
    current = undefined;
  });
  eleventyConfig.addGlobalData("newsArchive", () => {
    current ??= createBuild(options, { pathPrefix, siteIncludes, includeDrafts: options.drafts ?? runMode === "serve" });
    return current;
  });

  const page = (virtualPath: string, data: object, render: (data: PageData & Record<string, never>) => string) =>
    eleventyConfig.addTemplate(`news-archive/${virtualPath}.11ty.js`, { data: () => ({ eleventyExcludeFromCollections: true, ...data }), render });

  page(
    "article",
    {
      pagination: { data: "newsArchive.archive.articles", size: 1, alias: "article", addAllPagesToCollections: false },
      permalink: (data: { article: { url: string } }) => data.article.url,
    },
    (data) => {
      const { newsArchive: build, article } = data as unknown as PageData & { article: Archive["articles"][number] };
      return build.render("article.njk", articlePage(article, build.site, build.bodyHtml(article)));
    },
  );
  page(
    "listing",
    {
      pagination: { data: "newsArchive.archive.listingPages", size: 1, alias: "listing" },
      permalink: (data: { listing: { url: string } }) => data.listing.url,
    },
    (data) => {
      const { newsArchive: build, listing } = data as unknown as PageData & { listing: Archive["listingPages"][number] };
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
  if (options.search) registerSearch(eleventyConfig, page, () => current);
  // After search: the service worker precaches the index Pagefind has just written.
  registerOffline(eleventyConfig, page, () => current);
}
