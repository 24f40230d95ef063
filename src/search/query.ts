/**
 * The search page's state and result handling, free of the DOM and of Pagefind so that both the browser
 * script (theme/scripts/search.ts) and the unit tests use the same code.
 */
import { chunkOfKey } from "./words.ts";

/** Filter names: URL parameters of the search page and filter keys of the Pagefind records alike. */
export const searchFilters = ["tag", "author", "year"] as const;
export type SearchFilter = (typeof searchFilters)[number];

export type SearchSort = "relevance" | "date";

export interface SearchState {
  q: string;
  filters: Partial<Record<SearchFilter, string>>;
  sort: SearchSort;
}

/** Reads `?q=…&tag=…&author=…&year=…&sort=date`; anything else in the URL is ignored. */
export function stateFromParams(params: URLSearchParams): SearchState {
  const filters: SearchState["filters"] = {};
  for (const name of searchFilters) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return { q: params.get("q")?.trim() ?? "", filters, sort: params.get("sort") === "date" ? "date" : "relevance" };
}

/** The query string for a state, with empty parts left out so that links stay short and stable. */
export function paramsFromState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of searchFilters) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  if (state.sort === "date") params.set("sort", "date");
  return params;
}

export function stateKey(state: SearchState): string {
  return paramsFromState(state).toString();
}

export function hasFilters(state: SearchState): boolean {
  return searchFilters.some((name) => Boolean(state.filters[name]));
}

/** Filters as Pagefind's `search()` takes them. */
export function pagefindFilters(state: SearchState): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const name of searchFilters) {
    const value = state.filters[name];
    if (value) filters[name] = [value];
  }
  return filters;
}

/** A part of the search index as the search page names it (src/search/page.ts). */
export interface SearchPartConfig {
  /** `2021` or `2021-2`: the year comes first. */
  id: string;
  /** Folder of the part's Pagefind bundle, with the path prefix. */
  path: string;
  /** Cache tag of the part's entry file. */
  tag: string;
  /** Articles the part holds: a part of fewer than a page can never fill one. */
  articles: number;
}

/**
 * Where the group of parts asked after `from` ends: `size` parts, and as many more as it takes for the group to
 * hold a page of articles, since fewer could never fill one (the newest part of a year just begun holds a handful).
 */
export function groupEnd(order: readonly { articles: number }[], from: number, size: number, pageSize: number): number {
  let end = Math.min(from + size, order.length);
  let held = order.slice(from, end).reduce((sum, part) => sum + part.articles, 0);
  while (held < pageSize && end < order.length) held += order[end++]!.articles;
  return end;
}

/** The parts that can hold results: with a year filter, only that year's. */
export function partsToSearch<P extends { id: string }>(parts: readonly P[], state: SearchState): P[] {
  const year = state.filters.year;
  return year ? parts.filter((part) => part.id.split("-")[0] === year) : [...parts];
}

/** Lower case without accents or punctuation, as Pagefind compares words. */
const comparable = (word: string) =>
  word
    .toLocaleLowerCase()
    .normalize("NFD")
    .replace(/[\p{M}\p{P}]/gu, "");

/** A chunk of the parts map (src/search/part-map.ts) in the lemma table's folder. */
export const partMapChunkFile = (index: number): string => `p${index}.txt`;

/** What a key's chunk says in place of its words when they are split by one more letter: `при *`. */
const SPLIT = "*";

/** The line of the parts map that says `key`'s words are split by one more letter. */
export const partMapSplitLine = (key: string): string => `${key} ${SPLIT}`;

/**
 * The chunk of the parts map that holds every word starting with `term` (as `mapTerms` gives it), loading the chunk
 * of its first three letters, and of one more letter while a chunk says the shorter key's words are split. Undefined
 * when the map cannot tell: a term of one or two letters, one whose own words are split (they are in many chunks),
 * or a chunk that cannot be had (offline and never saved).
 */
export async function partMapChunkOfTerm(term: string, chunks: number, load: (index: number) => Promise<string | undefined>): Promise<string | undefined> {
  if (term.length < 3) return undefined;
  for (let key = term.slice(0, 3); ; key = term.slice(0, key.length + 1)) {
    const chunk = await load(chunkOfKey(key, chunks));
    if (chunk === undefined) return undefined;
    const line = `${partMapSplitLine(key)}\n`;
    if (!chunk.startsWith(line) && !chunk.includes(`\n${line}`)) return chunk;
    if (key.length >= term.length) return undefined;
  }
}

/** Part numbers as the parts map writes them: ascending, runs shortened (`0-45`, `3,7-9`). */
export function partListText(parts: readonly number[]): string {
  const text: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1] === parts[j]! + 1) j++;
    text.push(j > i ? `${parts[i]}-${parts[j]}` : `${parts[i]}`);
    i = j + 1;
  }
  return text.join(",");
}

function addPartList(text: string, parts: Set<number>): void {
  if (text === SPLIT) return;
  for (const run of text.split(",")) {
    const [from, to = from] = run.split("-").map(Number);
    for (let part = from!; part <= to!; part++) parts.add(part);
  }
}

/** The terms of a search as the parts map compares them: lower case, without accents, quotes or punctuation. */
export function mapTerms(query: string): string[] {
  return query.split(/\s+/).map(comparable).filter(Boolean);
}

/**
 * The parts that hold a word starting with every term (`mapTerms`), from the chunks of the parts map (`chunkOf`
 * gives a term's chunk, or undefined when the map cannot tell: see partMapChunkOfTerm). Undefined when no term could
 * be looked up, and then every part may answer.
 */
export function partsHoldingTerms(terms: readonly string[], chunkOf: (term: string) => string | undefined): Set<number> | undefined {
  let holding: Set<number> | undefined;
  for (const term of terms) {
    const chunk = chunkOf(term);
    if (chunk === undefined) continue;
    const parts = new Set<number>();
    // Lines are in word order, so the words a term starts follow each other.
    let at = chunk.startsWith(term) ? 0 : chunk.indexOf(`\n${term}`) + 1;
    if (at > 0 || chunk.startsWith(term)) {
      for (;;) {
        const end = chunk.indexOf("\n", at);
        const line = chunk.slice(at, end < 0 ? undefined : end);
        addPartList(line.slice(line.indexOf(" ") + 1), parts);
        if (end < 0 || !chunk.startsWith(term, end + 1)) break;
        at = end + 1;
      }
    }
    holding = holding ? new Set([...holding].filter((part) => parts.has(part))) : parts;
  }
  return holding;
}

/**
 * Whether a result holds every word of the query, judged from its text (Pagefind's fragment `content`) and the
 * positions of the words Pagefind matched. An index without any word that starts with a query word answers with
 * pages holding the longest indexed word the query word starts with: "зерно" finds every page with "з". A part of
 * the index lacks most rare words, so its whole answer must then be dropped. A part's results all come from the
 * same lookups: its first result tells.
 */
export function holdsQueryWord(content: string, locations: readonly number[], query: string): boolean {
  const terms = mapTerms(query);
  // Pagefind's own word boundaries, so that positions point at the same words.
  const words = content.split(/[^\S\uFEFF]+/);
  const held = locations.map((location) => comparable(words[location] ?? ""));
  return terms.length > 0 && terms.every((term) => held.some((word) => word.startsWith(term)));
}

/**
 * Searches that tell whether a part of the index holds every term of `query` without loading a result's text, when
 * each term is a whole indexed word (`isWholeWord`: a lemma's search word): one quoted search per term, which
 * Pagefind answers by exact lookup, never through another word. A part that lacks a term answers the plain search
 * through the longest indexed word the term starts with (`уряд` itself, for `урядzz`), so its results count only if
 * every check finds something. The checks read the index chunks the search itself loaded. Undefined when a term is
 * a prefix (a stem, a word as typed): see holdsQueryWord.
 */
export function presenceChecks(query: string, isWholeWord: (term: string) => boolean): string[] | undefined {
  const terms = query.split(/\s+/).filter(Boolean);
  return terms.length && terms.every(isWholeWord) ? [...new Set(terms)].map((term) => `"${term}"`) : undefined;
}

/** Words an excerpt shows at most. */
const EXCERPT_WORDS = 30;

/**
 * The excerpt of a result, from its text: around the first matched word of the article's own text, with words
 * that start with one of `highlight` marked. A record's lemma search words (src/search/words.ts) are never shown:
 * when only they matched, the excerpt is taken around the first word that `highlight` marks, or from the start.
 */
export function articleExcerpt(content: string, locations: readonly number[], highlight: readonly string[], isHidden: (word: string) => boolean): ExcerptPart[] {
  const words = content.split(/[^\S\uFEFF]+/);
  let end = words.findIndex(isHidden);
  if (end < 0) end = words.length;
  const marks = highlight.map(comparable).filter(Boolean);
  const marked = (word: string) => marks.some((m) => comparable(word).startsWith(m));
  const located = new Set(locations.filter((l) => l < end));
  let at = Math.min(...located);
  if (!Number.isFinite(at)) at = words.slice(0, end).findIndex(marked);
  const start = Math.max(0, Math.min(at - Math.floor(EXCERPT_WORDS / 3), end - EXCERPT_WORDS));
  const parts: ExcerptPart[] = [];
  for (let i = start; i < Math.min(end, start + EXCERPT_WORDS); i++) {
    const word = words[i]!;
    if (!word) continue;
    const mark = located.has(i) || marked(word);
    if (parts.length) parts.push({ text: " ", mark: false });
    parts.push({ text: word, mark });
  }
  // Neighbouring pieces of the same kind read as one.
  return parts.reduce<ExcerptPart[]>((joined, part) => {
    const last = joined[joined.length - 1];
    if (last && last.mark === part.mark) last.text += part.text;
    else joined.push({ ...part });
    return joined;
  }, []);
}

/**
 * One result list from the search for the query as typed and the search for its stems. By relevance the
 * exact-form matches come first in their own order, so a query that already matched is never ranked worse
 * by stemming; the stems' extra matches follow. By date Pagefind has ordered the stemmed results, which hold
 * every exact match too (a stem is a prefix of its word); anything only the exact search found goes last.
 */
export function mergeResults<T extends { id: string }>(exact: readonly T[], stemmed: readonly T[], sort: SearchSort): T[] {
  const [first, second] = sort === "relevance" ? [exact, stemmed] : [stemmed, exact];
  const seen = new Set<string>();
  const merged: T[] = [];
  for (const result of [...first, ...second]) {
    if (seen.has(result.id)) continue;
    seen.add(result.id);
    merged.push(result);
  }
  return merged;
}

/** Whether two results share a score: only then does the order of their dates need asking. */
export function hasTies(results: readonly { score: number }[]): boolean {
  return new Set(results.map((r) => r.score)).size < results.length;
}

/** Ranks of newness for one part of the index: a part's dates all come before the next older part's. */
const PART_SPAN = 2 ** 32;

/**
 * Newness ranks (lower is newer) of a part's results, `part` counted from the newest part: the results in date
 * order when the part was asked for it (newest first), or none, when its results had no equal scores to order,
 * and then all of the part's results rank alike, after the newer parts' and before the older parts'.
 */
export function newnessRanks(results: readonly { id: string }[], part: number, newestFirst?: readonly { id: string }[]): Map<string, number> {
  const ranks = new Map<string, number>();
  if (newestFirst) newestFirst.forEach((r, i) => ranks.set(r.id, part * PART_SPAN + i));
  for (const r of results) if (!ranks.has(r.id)) ranks.set(r.id, part * PART_SPAN + PART_SPAN - 1);
  return ranks;
}

/** Relevance order: the highest score first, and among equal scores the newest article first (see newnessRanks). */
export function byRelevance<T extends { id: string; score: number }>(results: readonly T[], newness: ReadonlyMap<string, number>): T[] {
  const rank = (r: T) => newness.get(r.id) ?? Number.MAX_SAFE_INTEGER;
  return [...results].sort((a, b) => b.score - a.score || rank(a) - rank(b));
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}
