import type { Article } from "../archive.ts";
import { formatDateline, type ArticleDate } from "../dates.ts";
import { htmlToText } from "../text.ts";
import { thumbnail } from "../images/pictures.ts";
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
      // A thumbnail, not the photo: a results page shows dozens of them.
      ...(article.picture
        ? { image: withPathPrefix(thumbnail(article.picture).url, settings.pathPrefix) }
        : article.image
          ? { image: withPathPrefix(article.image, settings.pathPrefix) }
          : {}),
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
