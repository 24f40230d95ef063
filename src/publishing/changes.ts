import type { Article } from "../archive.ts";
import type { ArticleDate } from "../dates.ts";

/** When an article last changed: its `updated` date, unless that is (by mistake) earlier than publication. */
export function lastChange(article: Article): ArticleDate {
  return article.updated && article.updated.instant > article.date.instant ? article.updated : article.date;
}

/** The latest change among some articles: a feed's `updated`, a listing page's `lastmod`. */
export function newestChange(articles: readonly Article[]): ArticleDate | undefined {
  let newest: ArticleDate | undefined;
  for (const article of articles) {
    const changed = lastChange(article);
    if (!newest || changed.instant > newest.instant) newest = changed;
  }
  return newest;
}
