import { createHash } from "node:crypto";
import type { ArticleSource } from "../articles.ts";

/**
 * Pagefind's `metaCacheTag` for this build: a hash of everything the search index is made from (the articles,
 * the options and the path prefix), so the entry file's address changes exactly when the index may have.
 * Known before any page is written, unlike the index itself, so the search page can carry it.
 */
export function searchCacheTag(articles: Iterable<ArticleSource & { url: string }>, settings: object): string {
  const hash = createHash("sha256").update(JSON.stringify(settings));
  for (const a of articles) {
    // The revision covers front matter and body without reading the file again.
    hash.update(`${a.url}\n${a.revision}\n`);
  }
  return hash.digest("hex").slice(0, 12);
}
