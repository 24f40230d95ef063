/** One build's archive, made once from the articles' front matter: what every page, feed and search record reads. */
import { Archive, type Article, type ListingPage } from "./archive.ts";
import { readArticles, readBody, type ArticleSource, type KnownArticles } from "./articles.ts";
import { readArticleIndex, readPartPages, type PartPages } from "./build/article-index.ts";
import { compileStylesheet, type Asset } from "./assets.ts";
import type { PartSpec } from "./host.ts";
import { createArticleRenderer, type ArticleRenderer } from "./markdown.ts";
import type { ResolvedOptions } from "./options.ts";
import { articleView, siteContext, type ArticleView, type ListingView, type SiteContext } from "./pages.ts";
import { ArticleProblemsError, formatProblem, type Problem } from "./problems.ts";
import { archiveFeedLinks } from "./publishing/index.ts";
import { createRenderer, type Renderer, type ThemeSettings } from "./theme.ts";

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
    private readonly renderTheme: Renderer,
    pages?: PartPages,
  ) {
    this.renderBody = createArticleRenderer({ embedHosts: options.embedHosts, pathPrefix: site.pathPrefix });
    this.pageArticles = pages
      ? pages.articles.map(({ view, file, bodyStart }) => ({ url: view.url, view, bodyHtml: () => this.renderBody(readBody(file, bodyStart), view.bodyPictures) }))
      : archive.articles.map((article) => ({ url: article.url, view: articleView(article), bodyHtml: () => this.bodyHtml(article) }));
    this.pageListings = pages ? pages.listings : archive.listingPages;
  }

  /** The site's own global data (`_data/`, addGlobalData), which theme templates and a site's overrides may use. */
  private siteData: Record<string, unknown> | undefined;

  /** Renders a theme template (or the site's override of it); the page's own context wins over the site's data. */
  readonly render: Renderer = (template, context) => this.renderTheme(template, this.siteData ? { ...this.siteData, ...context } : context);

  /** Takes the site's global data from the first page's Eleventy data: the same for every page of a build. */
  useSiteData(data: Record<string, unknown>): void {
    if (this.siteData) return;
    const { newsArchive: _build, pagination: _pagination, permalink: _permalink, collections: _collections, ...site } = data;
    this.siteData = site;
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

/** One article page to write: what its template shows, and its body, rendered only when the page is. */
export interface ArticlePageItem {
  url: string;
  view: ArticleView;
  bodyHtml(): string;
}

export interface BuildSettings {
  /** The site's Eleventy filters and shortcodes, read when the build is made: a site may add them after the plugin. */
  siteFunctions?: () => Pick<ThemeSettings, "siteFilters" | "siteShortcodes" | "sitePairedShortcodes">;
  pathPrefix: string;
  siteIncludes?: string;
  includeDrafts: boolean;
}

/** Reads and checks every article; any error stops the build before anything is written. */
export function readArchiveSources(options: ResolvedOptions, includeDrafts: boolean, known?: KnownArticles): ArticleSource[] {
  const { articles: sources, problems, skipped } = readArticles(options.articles, { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength }, known);
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
  const stylesheet = part?.stylesheet ?? compileStylesheet({ brand: options.brand, sass: options.sass, ...(options.stylesheet ? { entry: options.stylesheet } : {}) });
  const site = siteContext(options, settings.pathPrefix, stylesheet.url);
  site.feeds = archiveFeedLinks(site);
  const render = createRenderer({
    locale: options.locale,
    pathPrefix: settings.pathPrefix,
    strings: site.strings,
    ...(settings.siteIncludes ? { siteIncludes: settings.siteIncludes } : {}),
    ...settings.siteFunctions?.(),
  });
  return new ArchiveBuild(options, archive, site, stylesheet, render, part?.pages);
}

/** The build of one part: the site's part loads the whole index, the others only their own pages. */
export function createPartBuild(options: ResolvedOptions, settings: BuildSettings, part: PartSpec): ArchiveBuild {
  if (part.index) return createBuild(options, settings, readArticleIndex(part.index), { stylesheet: part.stylesheet, pages: { articles: [], listings: [] } });
  return createBuild(options, settings, [], { stylesheet: part.stylesheet, pages: part.pages ? readPartPages(part.pages) : { articles: [], listings: [] } });
}

/** Warnings never stop a build; a long list would bury the build's own output, so only the first few are shown. */
function reportWarnings(warnings: Problem[], shown = 10): void {
  for (const warning of warnings.slice(0, shown)) console.warn(`[news-archive] ${formatProblem(warning)}`);
  if (warnings.length > shown) console.warn(`[news-archive] … and ${warnings.length - shown} more warnings; \`npm run check\` lists them all`);
}

