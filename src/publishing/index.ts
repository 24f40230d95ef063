import type { Archive, Article, ListingPage, Term } from "../archive.ts";
import { fill } from "../i18n.ts";
import { offlinePageUrl, serviceWorkerFile, webManifestUrl } from "../offline/urls.ts";
import type { PageRegistrar } from "../host.ts";
import type { HeadLink, SiteContext } from "../pages.ts";
import { atomFeed, feedLinks, feedPaths, jsonFeed, type FeedInput } from "./feeds.ts";
import { headerRules, redirects, renderHeaders, renderRedirects } from "./headers.ts";
import { newsSitemap, planSitemaps, renderSitemap, robotsTxt, sitemapUrls, type SitemapFile } from "./sitemaps.ts";
import { perBuild } from "../per-build.ts";
import { buildTime } from "../build-time.ts";

export { escapeXml, stripIllegalXmlCharacters } from "./xml.ts";
export { rewriteRootLinks } from "./links.ts";

/** The part of an `ArchiveBuild` publishing reads; a structural type, so this module never imports the plugin's root. */
export interface PublishingBuild {
  options: { feedSize: number; embedHosts: readonly string[] };
  archive: Archive;
  site: SiteContext;
  /** The body as safe HTML, rendered once per build however many feeds carry it. */
  bodyHtml(article: Article): string;
}

export const newsSitemapPath = "/sitemap-news.xml";

/** The whole archive's feeds, for `SiteContext.feeds`. */
export function archiveFeedLinks(site: SiteContext): HeadLink[] {
  return feedLinks("/", site.name, site);
}

function tagFeedTitle(tag: Pick<Term, "name">, site: SiteContext): string {
  return `${fill(site.strings.tagTitle, { name: tag.name })} — ${site.name}`;
}

/** Feeds a listing page announces: the archive's on the home page, a tag's own on the tag's first page. */
export function listingFeedLinks(listing: Pick<ListingPage, "kind"> & { term?: Pick<Term, "name" | "url"> }, site: SiteContext): HeadLink[] {
  if (listing.kind === "home") return site.feeds;
  if (listing.kind === "tag" && listing.term) return feedLinks(listing.term.url, tagFeedTitle(listing.term, site), site);
  return [];
}

function feedInput(build: PublishingBuild, pagePath: string, title: string, description: string, articles: readonly Article[], now: Date): FeedInput {
  return {
    title,
    description,
    pagePath,
    articles: articles.slice(0, build.options.feedSize),
    site: build.site,
    bodyHtml: (article) => build.bodyHtml(article),
    now,
  };
}

export interface PublishingSettings {
  /** The build time: the news sitemap's two-day window ends here. Default: `buildTime()` (honours SOURCE_DATE_EPOCH). */
  now?: () => Date;
  /** URLs per sitemap file before `/sitemap.xml` becomes an index. */
  sitemapLimit?: number;
}

type Data = { newsArchive: PublishingBuild };

/** Registers feeds, sitemaps, robots.txt, `_headers` and `_redirects` as virtual templates. */
export function registerPublishing(page: PageRegistrar, settings: PublishingSettings = {}): void {
  const now = settings.now ?? buildTime;
  const sitemaps = perBuild((build: PublishingBuild) => planSitemaps(sitemapUrls(build.archive), settings.sitemapLimit));
  const archiveFeed = (build: PublishingBuild) =>
    feedInput(build, "/", build.site.name, build.site.description, build.archive.articles, now());
  const tagFeed = (build: PublishingBuild, tag: Term) =>
    feedInput(build, tag.url, tagFeedTitle(tag, build.site), tagFeedTitle(tag, build.site), tag.articles, now());

  page("feed-atom", { permalink: feedPaths("/").atom }, ({ newsArchive: build }: Data) => atomFeed(archiveFeed(build)));
  page("feed-json", { permalink: feedPaths("/").json }, ({ newsArchive: build }: Data) => jsonFeed(archiveFeed(build)));
  for (const [name, format] of [["atom", atomFeed], ["json", jsonFeed]] as const) {
    page(
      `tag-feed-${name}`,
      {
        pagination: { data: "newsArchive.archive.tags", size: 1, alias: "tag" },
        permalink: (data: { tag: Term }) => feedPaths(data.tag.url)[name],
      },
      ({ newsArchive: build, tag }: Data & { tag: Term }) => format(tagFeed(build, tag)),
    );
  }
  page(
    "sitemap",
    {
      pagination: {
        // Pagination needs a list in the data; the sitemap files are derived from the build in `before`, which sees all data.
        data: "newsArchive.archive.articles",
        size: 1,
        alias: "sitemap",
        before: (_: unknown, data: Data) => sitemaps(data.newsArchive),
      },
      permalink: (data: { sitemap: SitemapFile }) => data.sitemap.path,
    },
    ({ newsArchive: build, sitemap }: Data & { sitemap: SitemapFile }) => renderSitemap(sitemap, build.site),
  );
  page("sitemap-news", { permalink: newsSitemapPath }, ({ newsArchive: build }: Data) => newsSitemap(build.archive.articles, build.site, now()));
  page("robots", { permalink: "/robots.txt" }, ({ newsArchive: build }: Data) => robotsTxt(build.site, ["/sitemap.xml", newsSitemapPath]));
  page("headers", { permalink: "/_headers" }, ({ newsArchive: build }: Data) =>
    renderHeaders(
      headerRules({
        pathPrefix: build.site.pathPrefix,
        embedHosts: build.options.embedHosts,
        sections: [...build.archive.years.map((year) => year.url), offlinePageUrl],
        unhashedFiles: [
          // The service worker keeps its name so browsers find its updates; the manifest is read on every visit.
          // (The offline list lives under /offline/, a section of its own.)
          `/${serviceWorkerFile}`,
          webManifestUrl,
          ...Object.values(feedPaths("/")),
          ...sitemaps(build).map((file) => file.path),
          newsSitemapPath,
          "/robots.txt",
        ],
      }),
    ),
  );
  page("redirects", { permalink: "/_redirects" }, ({ newsArchive: build }: Data) => renderRedirects(redirects(build.site.pathPrefix)));
}
