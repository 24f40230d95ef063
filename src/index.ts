/**
 * The composition root: the Eleventy plugin registers the archive's pages, feeds, search and offline mode.
 * `eleventyConfig.addPlugin(newsArchive, { siteName, siteUrl, … })` in a site's own Eleventy config.
 */
import path from "node:path";
import { createBuild, createPartBuild, type ArchiveBuild, type ArticlePageItem } from "./archive-build.ts";
import type { ListingPage } from "./archive.ts";
import { overriddenOptions, readPartSpec, registerSetup, type EleventyHost, type PageRegistrar } from "./host.ts";
import { OptionsError, pathPrefixProblem, resolveOptions, type NewsArchiveOptions } from "./options.ts";
import { articlePage, listingPage, plainPage, termsPage, yearsPage, type ListingView } from "./pages.ts";
import { listingFeedLinks, registerPublishing } from "./publishing/index.ts";
import { registerSearch } from "./search/index.ts";
import { registerOffline } from "./offline/index.ts";
import { themeDir } from "./theme.ts";
import { readArchiveSources } from "./archive-build.ts";
import type { ArticleSource } from "./articles.ts";
import { attachAndWriteImages } from "./images/index.ts";

export { Archive } from "./archive.ts";
export type { Article, ListingPage, Term } from "./archive.ts";
export { ArchiveBuild, createBuild, readArchiveSources, type ArticlePageItem, type BuildSettings } from "./archive-build.ts";
export { parseArticle, readArticles } from "./articles.ts";
export { formatDateline, formatMonthHeading, parseArticleDate } from "./dates.ts";
export { registeredSetup, partSpecVariable, type EleventyHost, type PageRegistrar, type PartSpec, type PluginSetup } from "./host.ts";
export { countArticles, uiStrings } from "./i18n.ts";
export { resolveOptions, OptionsError, type NewsArchiveOptions } from "./options.ts";
export { romanize, slugify } from "./slugs.ts";

/** The Eleventy versions the plugin is built and tested for; package.json's "11ty" field says the same. */
export const eleventyCompatibility = ">=3.1";

/** Normalises Eleventy's path prefix to "/" or "/sub/". */
function normalisePathPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** The Eleventy plugin: `eleventyConfig.addPlugin(newsArchive, { siteName, siteUrl, … })`. */
export default function newsArchive(eleventyConfig: EleventyHost, userOptions: NewsArchiveOptions = {}): void {
  eleventyConfig.versionCheck?.(eleventyCompatibility);
  const options = resolveOptions(overriddenOptions(userOptions ?? {}));
  const prefixProblem = pathPrefixProblem(eleventyConfig.pathPrefix);
  if (prefixProblem) throw new OptionsError([prefixProblem]);
  const pathPrefix = normalisePathPrefix(eleventyConfig.pathPrefix);
  const siteIncludes = path.resolve(eleventyConfig.directories.includes);
  const input = path.resolve(eleventyConfig.directories.input);
  const siteData = eleventyConfig.directories.data ? path.resolve(eleventyConfig.directories.data) : undefined;
  registerSetup({ options, pathPrefix, siteIncludes, input, ...(siteData ? { siteData } : {}) });
  const part = readPartSpec();
  let runMode = process.env.ELEVENTY_RUN_MODE ?? "build";
  let current: ArchiveBuild | undefined;

  ignoreArticlesFolder(eleventyConfig, options.articles, input);
  for (const folder of part?.ignore ?? []) eleventyConfig.ignores.add(`${ignoreGlob(folder)}/**`);
  if (part && !part.site) {
    // The other runs of a build in parts write only their articles' and listings' pages.
    eleventyConfig.ignores.add(`${ignoreGlob(input)}/**`);
    for (const copy of Object.keys(eleventyConfig.passthroughCopies)) delete eleventyConfig.passthroughCopies[copy];
  }

  eleventyConfig.addWatchTarget(options.articles);
  eleventyConfig.addWatchTarget(themeDir);
  // A site's own Sass entry is no template of Eleventy's: `--serve` would not see a change to it.
  if (options.stylesheet) eleventyConfig.addWatchTarget(options.stylesheet);
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
  const siteFunctions = () => ({
    siteFilters: eleventyConfig.getFilters?.() ?? {},
    siteShortcodes: eleventyConfig.getShortcodes?.() ?? {},
    sitePairedShortcodes: eleventyConfig.getPairedShortcodes?.() ?? {},
  });
  eleventyConfig.addGlobalData("newsArchive", () => {
    const settings = { pathPrefix, siteIncludes, includeDrafts: options.drafts ?? runMode === "serve", siteFunctions };
    current ??= part ? createPartBuild(options, settings, part) : createBuild(options, settings, sources);
    return current;
  });

  const page: PageRegistrar = (virtualPath, data, render) => {
    if (part && !part.site && virtualPath !== "article" && virtualPath !== "listing") return;
    eleventyConfig.addTemplate(`news-archive/${virtualPath}.11ty.js`, {
      data: () => ({ eleventyExcludeFromCollections: true, ...data }),
      render: (pageData: Parameters<typeof render>[0]) => {
        pageData.newsArchive.useSiteData(pageData);
        return render(pageData);
      },
    });
  };

  page<{ article: ArticlePageItem }>(
    "article",
    {
      pagination: { data: "newsArchive.pageArticles", size: 1, alias: "article", addAllPagesToCollections: false },
      permalink: (data: { article: ArticlePageItem }) => data.article.url,
    },
    ({ newsArchive: build, article }) => build.render("article.njk", articlePage(article.view, build.site, article.bodyHtml())),
  );
  page<{ listing: ListingPage | ListingView }>(
    "listing",
    {
      pagination: { data: "newsArchive.pageListings", size: 1, alias: "listing" },
      permalink: (data: { listing: { url: string } }) => data.listing.url,
    },
    ({ newsArchive: build, listing }) => build.render("listing.njk", listingPage(listing, build.site, listingFeedLinks(listing, build.site))),
  );
  page("tags", { permalink: "/tags/" }, ({ newsArchive: build }) => build.render("terms.njk", termsPage("tags", build.archive.tags, build.site)));
  page("authors", { permalink: "/authors/" }, ({ newsArchive: build }) =>
    build.render("terms.njk", termsPage("authors", build.archive.authors, build.site)),
  );
  page("years", { permalink: "/archive/" }, ({ newsArchive: build }) => build.render("years.njk", yearsPage(build.archive.years, build.site)));
  page("not-found", { permalink: "/404.html" }, ({ newsArchive: build }) =>
    build.render("404.njk", plainPage("not-found", "/404.html", build.site.strings.notFoundTitle, build.site)),
  );
  page("stylesheet", { permalink: (data: { newsArchive: ArchiveBuild }) => data.newsArchive.stylesheet.url }, ({ newsArchive: build }) => build.stylesheet.contents);
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
function ignoreArticlesFolder(eleventyConfig: EleventyHost, articles: string, input: string): void {
  const folder = path.resolve(articles);
  const relative = path.relative(input, folder);
  const overlaps = relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative)) || !path.relative(folder, input).startsWith("..");
  if (!overlaps) return;
  eleventyConfig.ignores.add(`${ignoreGlob(folder)}/**`);
  // Eleventy's default input is the project folder, where articles/ naturally sits: no surprise there.
  if (input === process.cwd()) return;
  console.warn(
    `[news-archive] the articles folder ${articles} is inside Eleventy's input folder; Eleventy ignores it and the articles become pages only through the plugin. Keep articles outside the input folder to avoid surprises.`,
  );
}
