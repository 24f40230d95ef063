import type { Article } from "../archive.ts";
import { formatDateline, type ArticleDate } from "../dates.ts";
import { withPathPrefix } from "../theme.ts";

/** One Pagefind custom record: the shape `index.addCustomRecord()` takes. */
export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

export interface RecordSettings {
  /** Pagefind language code of the articles; also the dateline's locale. */
  language: string;
  pathPrefix: string;
  /** The article body as sanitized HTML, exactly as its page shows it. */
  bodyHtml: (article: Article) => string;
}

const BLOCK_TAGS = /^(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr|th|td|caption|pre|br|hr)$/i;

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith("#")) {
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[name] ?? entity;
}

/**
 * Plain text of sanitized article HTML, for the index: Pagefind stores a custom record's content as is and
 * builds excerpts from it, so it must be text, not markup. Block boundaries become line breaks so that
 * words of neighbouring paragraphs never run together.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi, (_, _close: string, tag: string) => (BLOCK_TAGS.test(tag) ? "\n" : ""))
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
}

/**
 * The date sort key: a UTC instant with a fixed width. Pagefind compares non-numeric sort keys as strings,
 * so local offsets (+02:00 in winter, +03:00 in summer) would misorder articles around a clock change.
 */
export function sortInstant(date: ArticleDate): string {
  return date.instant.toUTC().startOf("second").toISO({ suppressMilliseconds: true })!;
}

/** The record of one article: only its own headline, lead and body are searchable, never page chrome. */
export function searchRecord(article: Article, settings: RecordSettings): SearchRecord {
  const content = [article.title, article.lead, htmlToText(settings.bodyHtml(article))].filter(Boolean).join("\n\n");
  return {
    url: withPathPrefix(article.url, settings.pathPrefix),
    content,
    language: settings.language,
    meta: {
      title: article.title,
      date: formatDateline(article.date, settings.language),
      ...(article.image ? { image: withPathPrefix(article.image, settings.pathPrefix) } : {}),
      ...(article.imageAlt ? { image_alt: article.imageAlt } : {}),
    },
    filters: {
      // Keys are the search page's filter names (query.ts `searchFilters`); values are the names pages show.
      tag: article.tagTerms.map((term) => term.name),
      author: article.authorTerms.map((term) => term.name),
      year: [String(article.year)],
    },
    sort: { date: sortInstant(article.date) },
  };
}

export function searchRecords(articles: readonly Article[], settings: RecordSettings): SearchRecord[] {
  return articles.map((article) => searchRecord(article, settings));
}
