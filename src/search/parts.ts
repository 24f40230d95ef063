import { createHash } from "node:crypto";
import type { Article } from "../archive.ts";
import type { ArticleSource } from "../articles.ts";

/** What planning needs of an article: its date, its year in the site's zone, and a stable tie-breaker. */
type Dated = Pick<Article, "url" | "year" | "date">;

export interface SearchPartPlan<A = Article> {
  /** `2021`, or `2021-2`, `2021-3`… for the later chunks of a year too large for one part. */
  id: string;
  /** Oldest first. */
  articles: A[];
}

export interface SearchPart<A = Article> extends SearchPartPlan<A> {
  /** Changes whenever anything the part's index is made from does. */
  fingerprint: string;
}

/**
 * Articles one Pagefind index holds at most. Pagefind's service keeps the whole index it is building in memory, in
 * proportion to the text of its records, about 70 bytes a character: 0.5 MB an article for records of 7,000
 * characters, half of them lemma search words (980 MB at 2,000 articles of `npm run bench`'s corpus, 1.29 GB at
 * 2,500). 2,000 keeps the service near 1 GB, so that at 100,000 articles it, the search process, the build and two
 * Eleventy runs at once stay under 4 GB (3.97 GiB with parts of 2,500). Each part a reader merges costs one more
 * index chunk per query word, so parts are no smaller than that.
 */
export const defaultPartSize = 2_000;

const byDate = (a: Dated, b: Dated) => a.date.instant.toMillis() - b.date.instant.toMillis() || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/**
 * The search index's parts, newest first: one per year, and a year of more than `maxArticles` articles in
 * date-ordered chunks of `maxArticles`, numbered from its oldest. New articles join the newest chunk of their
 * year or start the next one, so adding one never changes an older part's articles or id.
 */
export function planSearchParts<A extends Dated>(articles: readonly A[], { maxArticles = defaultPartSize } = {}): SearchPartPlan<A>[] {
  if (!(maxArticles >= 1)) throw new RangeError(`search parts: maxArticles must be at least 1, not ${maxArticles}`);
  const years = new Map<number, A[]>();
  for (const article of articles) {
    const year = years.get(article.year);
    if (year) year.push(article);
    else years.set(article.year, [article]);
  }
  const parts: SearchPartPlan<A>[] = [];
  for (const year of [...years.keys()].sort((a, b) => b - a)) {
    const sorted = years.get(year)!.sort(byDate);
    const chunks: SearchPartPlan<A>[] = [];
    for (let start = 0; start < sorted.length; start += maxArticles) {
      const n = start / maxArticles + 1;
      chunks.push({ id: n === 1 ? String(year) : `${year}-${n}`, articles: sorted.slice(start, start + maxArticles) });
    }
    parts.push(...chunks.reverse());
  }
  return parts;
}

/**
 * A part's fingerprint: a hash of everything its records are made from (each article's address and revision,
 * which covers its front matter and body, and the build settings). Known before anything is indexed, so the
 * search page can name the part's folder and the writer can tell which parts a build leaves unchanged.
 */
export function partFingerprint(articles: Iterable<Pick<ArticleSource, "revision"> & { url: string }>, settings: object): string {
  const hash = createHash("sha256").update(JSON.stringify(settings));
  for (const a of articles) hash.update(`${a.url}\n${a.revision}\n`);
  return hash.digest("hex").slice(0, 12);
}

/**
 * The folder of a part in `/pagefind/`, named by its id and fingerprint: every file in it keeps its contents
 * for as long as it keeps its name, so browsers, CDNs and the service worker may cache all of `/pagefind/` for ever.
 */
export function partFolder(part: { id: string; fingerprint: string }): string {
  if (!/^[\w-]+$/.test(part.id) || !/^[\w-]+$/.test(part.fingerprint)) throw new Error(`search parts: unusable part ${part.id} / ${part.fingerprint}`);
  return `${part.id}.${part.fingerprint}`;
}

/**
 * The part whose folder carries Pagefind's loader, worker and WebAssembly: the oldest, because it changes least
 * often, so returning readers keep those files cached across the daily builds that change the newest part.
 */
export function primaryPart<P>(parts: readonly P[]): P | undefined {
  return parts[parts.length - 1];
}
