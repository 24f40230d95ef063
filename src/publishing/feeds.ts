import type { Article } from "../archive.ts";
import { isoInstant } from "../dates.ts";
import { leadImage, type HeadLink, type SiteContext } from "../pages.ts";
import { uiStrings } from "../i18n.ts";
import { htmlToText, summarize } from "../text.ts";
import { absoluteUrl } from "../site-paths.ts";
import { lastChange, newestChange } from "./changes.ts";
import { rewriteRootLinks } from "./links.ts";
import { escapeXml } from "./xml.ts";

/** One feed: the newest articles of the archive, or of one tag, following the page at `pagePath`. */
export interface FeedInput {
  title: string;
  description: string;
  /** Site path of the page the feed follows, "/" or "/tags/kyiv/"; the feed files sit beside it. */
  pagePath: string;
  /** Newest first, already cut to the feed size. */
  articles: readonly Article[];
  site: SiteContext;
  /** The article's body as sanitized HTML, its root-relative links already under the path prefix. */
  bodyHtml: (article: Article) => string;
  /** The feed's `updated` time when it has no articles to take it from. */
  now: Date;
}

export function feedPaths(pagePath: string): { atom: string; json: string } {
  return { atom: `${pagePath}feed.xml`, json: `${pagePath}feed.json` };
}

/** `<link rel="alternate">` entries that let feed readers find a page's feeds. */
export function feedLinks(pagePath: string, title: string, site: SiteContext): HeadLink[] {
  const paths = feedPaths(pagePath);
  return [
    { type: "application/atom+xml", href: absoluteUrl(paths.atom, site.url, site.pathPrefix), title: `${title} (Atom)` },
    { type: "application/feed+json", href: absoluteUrl(paths.json, site.url, site.pathPrefix), title: `${title} (JSON Feed)` },
  ];
}

/** Everything both formats say about a feed, resolved once so Atom and JSON Feed cannot drift apart. */
function prepare(input: FeedInput) {
  const { site } = input;
  const abs = (sitePath: string) => absoluteUrl(sitePath, site.url, site.pathPrefix);
  const paths = feedPaths(input.pagePath);
  const newest = newestChange(input.articles);
  return {
    abs,
    homeUrl: abs(input.pagePath),
    atomUrl: abs(paths.atom),
    jsonUrl: abs(paths.json),
    updated: newest ? isoInstant(newest) : input.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    logo: site.publisher.logo ? abs(site.publisher.logo) : undefined,
    entries: input.articles.map((article) => ({
      article,
      url: abs(article.url),
      published: isoInstant(article.date),
      updated: isoInstant(lastChange(article)),
      summary: article.lead || summarize(htmlToText(input.bodyHtml(article))),
      contentHtml: leadFigure(article, site) + rewriteRootLinks(input.bodyHtml(article), (rootPath) => site.url.replace(/\/+$/, "") + rootPath),
      authors: article.authorTerms.map((author) => ({ name: author.name, url: abs(author.url) })),
      image: leadImage(article, site),
    })),
  };
}

/** The lead photo at the top of an entry's content, with its caption and credit, as the article page shows it. */
function leadFigure(article: Article, site: SiteContext): string {
  const image = leadImage(article, site);
  if (!image) return "";
  const size = image.width ? ` width="${image.width}" height="${image.height}"` : "";
  const credit = article.imageCredit ? `${article.imageCaption ? " " : ""}${uiStrings(site.locale).photoCredit}: ${article.imageCredit}` : "";
  const caption = article.imageCaption || credit ? `<figcaption>${escapeXml(`${article.imageCaption ?? ""}${credit}`)}</figcaption>` : "";
  return `<figure><img src="${escapeXml(image.url)}" alt="${escapeXml(article.imageAlt ?? "")}"${size}>${caption}</figure>`;
}

/** An Atom 1.0 feed (RFC 4287). The feed-level author covers entries that name none. */
export function atomFeed(input: FeedInput): string {
  const feed = prepare(input);
  const { site } = input;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.lang)}">`,
    `<id>${escapeXml(feed.homeUrl)}</id>`,
    `<title type="text">${escapeXml(input.title)}</title>`,
    `<subtitle type="text">${escapeXml(input.description)}</subtitle>`,
    `<updated>${feed.updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.atomUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.homeUrl)}"/>`,
    `<author><name>${escapeXml(site.publisher.name)}</name><uri>${escapeXml(feed.abs("/"))}</uri></author>`,
    `<generator>news-archive</generator>`,
    ...(feed.logo ? [`<logo>${escapeXml(feed.logo)}</logo>`] : []),
  ];
  for (const entry of feed.entries) {
    lines.push(
      `<entry>`,
      `<id>${escapeXml(entry.url)}</id>`,
      `<title type="text">${escapeXml(entry.article.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
      `<published>${entry.published}</published>`,
      `<updated>${entry.updated}</updated>`,
      ...entry.authors.map((a) => `<author><name>${escapeXml(a.name)}</name><uri>${escapeXml(a.url)}</uri></author>`),
      ...entry.article.tagTerms.map((tag) => `<category term="${escapeXml(tag.name)}" label="${escapeXml(tag.name)}"/>`),
      ...(entry.image ? [`<link rel="enclosure" href="${escapeXml(entry.image.url)}"${entry.image.type ? ` type="${entry.image.type}"` : ""}/>`] : []),
      `<summary type="text">${escapeXml(entry.summary)}</summary>`,
      `<content type="html">${escapeXml(entry.contentHtml)}</content>`,
      `</entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/** A JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function jsonFeed(input: FeedInput): string {
  const feed = prepare(input);
  const { site } = input;
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: input.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.jsonUrl,
    description: input.description,
    language: site.lang,
    ...(feed.logo ? { icon: feed.logo } : {}),
    authors: [{ name: site.publisher.name, url: feed.abs("/") }],
    items: feed.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      title: entry.article.title,
      content_html: entry.contentHtml,
      summary: entry.summary,
      ...(entry.image ? { image: entry.image.url } : {}),
      date_published: entry.published,
      date_modified: entry.updated,
      ...(entry.authors.length ? { authors: entry.authors } : {}),
      ...(entry.article.tagTerms.length ? { tags: entry.article.tagTerms.map((tag) => tag.name) } : {}),
    })),
  });
}
