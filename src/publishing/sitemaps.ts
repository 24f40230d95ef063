import type { Archive, Article } from "../archive.ts";
import { isoInstant, type ArticleDate } from "../dates.ts";
import type { SiteContext } from "../pages.ts";
import { absoluteUrl } from "../site-paths.ts";
import { lastChange, newestChange } from "./changes.ts";
import { escapeXml } from "./xml.ts";

export interface SitemapUrl {
  /** Site path, without the path prefix. */
  path: string;
  /** W3C date-time of the page's last change. */
  lastmod?: string;
}

/** The sitemap protocol's limit of URLs in one file (and of files in one index). */
export const sitemapUrlLimit = 50_000;
/** Google News reads at most this many URLs from a news sitemap. */
export const newsSitemapLimit = 1_000;

function withLastmod(path: string, newest: ArticleDate | undefined): SitemapUrl {
  return newest ? { path, lastmod: isoInstant(newest) } : { path };
}

/**
 * Every page a search engine should know: articles, every page of every listing, and the indexes. A listing
 * page changes when any article on it does, so its `lastmod` is the newest change among them.
 */
export function sitemapUrls(archive: Archive): SitemapUrl[] {
  const newest = newestChange(archive.articles);
  return [
    ...archive.articles.map((article) => ({ path: article.url, lastmod: isoInstant(lastChange(article)) })),
    ...archive.listingPages.map((listing) => withLastmod(listing.url, newestChange(listing.articles))),
    ...["/tags/", "/authors/", "/archive/"].map((path) => withLastmod(path, newest)),
  ];
}

export type SitemapFile =
  | { path: string; kind: "urlset"; urls: SitemapUrl[] }
  | { path: string; kind: "index"; parts: { path: string; lastmod?: string }[] };

/**
 * `/sitemap.xml` alone while the site fits one file; beyond `limit` URLs, `/sitemap.xml` becomes an index of
 * `/sitemap-1.xml`, `/sitemap-2.xml`, … so the address search engines already know never changes.
 */
export function planSitemaps(urls: readonly SitemapUrl[], limit = sitemapUrlLimit): SitemapFile[] {
  if (urls.length <= limit) return [{ path: "/sitemap.xml", kind: "urlset", urls: [...urls] }];
  const parts: { path: string; kind: "urlset"; urls: SitemapUrl[] }[] = [];
  for (let start = 0; start < urls.length; start += limit) {
    parts.push({ path: `/sitemap-${parts.length + 1}.xml`, kind: "urlset", urls: urls.slice(start, start + limit) });
  }
  const index: SitemapFile = {
    path: "/sitemap.xml",
    kind: "index",
    parts: parts.map((part) => {
      const lastmod = part.urls.reduce<string | undefined>(
        (newest, url) => (url.lastmod && (!newest || Date.parse(url.lastmod) > Date.parse(newest)) ? url.lastmod : newest),
        undefined,
      );
      return lastmod ? { path: part.path, lastmod } : { path: part.path };
    }),
  };
  return [index, ...parts];
}

const sitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

export function renderSitemap(file: SitemapFile, site: SiteContext): string {
  const loc = (path: string) => `<loc>${escapeXml(absoluteUrl(path, site.url, site.pathPrefix))}</loc>`;
  const lastmod = (value: string | undefined) => (value ? `<lastmod>${value}</lastmod>` : "");
  const body =
    file.kind === "urlset"
      ? [`<urlset xmlns="${sitemapNamespace}">`, ...file.urls.map((url) => `<url>${loc(url.path)}${lastmod(url.lastmod)}</url>`), `</urlset>`]
      : [`<sitemapindex xmlns="${sitemapNamespace}">`, ...file.parts.map((part) => `<sitemap>${loc(part.path)}${lastmod(part.lastmod)}</sitemap>`), `</sitemapindex>`];
  return [`<?xml version="1.0" encoding="UTF-8"?>`, ...body, ""].join("\n");
}

/**
 * A Google News sitemap of the articles published in the two days before `now`. Google counts those two days
 * from the moment it reads the file, so the window runs back from the build time, not from the newest article:
 * an archive that has stopped publishing rightly lists nothing. Articles are newest first, so the walk stops at
 * the first one outside the window instead of visiting the whole archive.
 */
export function newsSitemap(articles: readonly Article[], site: SiteContext, now: Date, windowHours = 48): string {
  const since = now.getTime() - windowHours * 3_600_000;
  const recent: Article[] = [];
  for (const article of articles) {
    if (article.date.instant.toMillis() < since || recent.length === newsSitemapLimit) break;
    recent.push(article);
  }
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="${sitemapNamespace}" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`,
    ...recent.map(
      (article) =>
        `<url><loc>${escapeXml(absoluteUrl(article.url, site.url, site.pathPrefix))}</loc><news:news>` +
        `<news:publication><news:name>${escapeXml(site.publisher.name)}</news:name><news:language>${escapeXml(site.lang)}</news:language></news:publication>` +
        `<news:publication_date>${isoInstant(article.date)}</news:publication_date>` +
        `<news:title>${escapeXml(article.title)}</news:title></news:news></url>`,
    ),
    `</urlset>`,
    "",
  ];
  return lines.join("\n");
}

/** Crawlers read only `/robots.txt` at the host's root; under a path prefix this file documents the sitemaps. */
export function robotsTxt(site: SiteContext, sitemapPaths: readonly string[]): string {
  return [
    "User-agent: *",
    "Allow: /",
    "",
    ...sitemapPaths.map((path) => `Sitemap: ${absoluteUrl(path, site.url, site.pathPrefix)}`),
    "",
  ].join("\n");
}
