/**
 * The search page's state and result handling, free of the DOM and of Pagefind so that both the browser
 * script (theme/scripts/search.ts) and the unit tests use the same code.
 */

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

/**
 * Whether a result holds a word of the query, judged from its text (Pagefind's fragment `content`) and the
 * positions of the words Pagefind matched. An index without any word that starts with a query word answers with
 * pages holding the longest indexed word the query word starts with: "зерно" finds every page with "з". In one
 * index of the whole archive that happens only for words the archive lacks, but a part of the index lacks most
 * rare words, so its whole answer must be dropped. A part's results all come from the same lookup: its first
 * result tells.
 */
export function holdsQueryWord(content: string, locations: readonly number[], query: string): boolean {
  const terms = query.split(/\s+/).map(comparable).filter(Boolean);
  // Pagefind's own word boundaries, so that positions point at the same words.
  const words = content.split(/[^\S\uFEFF]+/);
  return locations.some((location) => {
    const word = comparable(words[location] ?? "");
    return terms.some((term) => word.startsWith(term));
  });
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

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/**
 * Splits a Pagefind excerpt into text and highlighted words. Pagefind builds excerpts of custom records from
 * the raw text, replacing only `<` and `>` with entities (not `&`) and wrapping matches in `<mark>`. Rather
 * than trust that as markup, the page renders these parts as text nodes and `<mark>` elements, so article
 * text can never become HTML even if Pagefind's escaping changes. (A literal "&lt;" typed in an article
 * reads as "<" here: Pagefind leaves no way to tell the two apart.)
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>") mark = true;
    else if (piece === "</mark>") mark = false;
    else if (piece) parts.push({ text: piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"), mark });
  }
  return parts;
}
