import type { Article } from "../archive.ts";
import { formatDateline, type ArticleDate } from "../dates.ts";
import { htmlToText } from "../text.ts";
import { withPathPrefix } from "../site-paths.ts";
import { nameCandidates, nameLemmas } from "./names.ts";
import { normalizeForm, searchTail, unsearchable, wordsOf } from "./words.ts";

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
  /**
   * The lemmas of the words a dictionary knows (src/search/dictionary.ts lemmatize). Given, each record's content
   * ends with its lemma search words (src/search/words.ts searchTail).
   */
  lemmatize?: (vocabulary: ReadonlySet<string>) => ReadonlyMap<string, readonly string[]>;
}

/**
 * The date sort key: a UTC instant with a fixed width. Pagefind compares non-numeric sort keys as strings,
 * so local offsets (+02:00 in winter, +03:00 in summer) would misorder articles around a clock change.
 */
export function sortInstant(date: ArticleDate): string {
  return date.instant.toUTC().startOf("second").toISO({ suppressMilliseconds: true })!;
}

/**
 * The record of one article: only its own headline, lead and body are searchable, never page chrome (dateline,
 * author line, navigation), followed by the lemma search words of `tail`.
 */
export function searchRecord(article: Article, settings: RecordSettings, body = htmlToText(settings.bodyHtml(article)), tail = ""): SearchRecord {
  const content = [article.title, article.lead, body, tail].filter(Boolean).join("\n\n");
  return {
    url: withPathPrefix(article.url, settings.pathPrefix),
    content,
    language: settings.language,
    // What a result shows besides its excerpt. Pagefind searches these too: the headline is searchable anyway, and
    // the dateline is stored so that no query reaches it.
    meta: { title: article.title, date: unsearchable(formatDateline(article.date, settings.language)) },
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
  const { lemmatize } = settings;
  if (!lemmatize) return articles.map((article) => searchRecord(article, settings));
  // The dictionary is read once for all the articles' words, not once per article.
  const bodies = articles.map((article) => htmlToText(settings.bodyHtml(article)));
  // The searchable texts: headline, lead and body.
  const texts = articles.flatMap((article, i) => [article.title, article.lead ?? "", bodies[i]!]);
  const vocabulary = new Set<string>();
  for (const text of texts) for (const word of wordsOf(text)) vocabulary.add(normalizeForm(word));
  const lemmas = lemmatize(vocabulary);
  // Names are told by their capital letters across the part's articles, and declined if the dictionary lacks them.
  const names = nameLemmas(nameCandidates(texts, normalizeForm), lemmas);
  return articles.map((article, i) =>
    searchRecord(
      article,
      settings,
      bodies[i],
      searchTail({ headline: article.title, lead: article.lead, body: bodies[i]! }, (form) => lemmas.get(form), (form) => names.get(form)),
    ),
  );
}
