/**
 * The search page's engine: Pagefind, the lemma table and the ranking, everything a search does but drawing it. It
 * runs in a Web Worker started from the page's own script (theme/scripts/search.ts), so that evaluating Pagefind,
 * loading and merging its parts, decompressing its fragments and ranking the results never hold up the page's
 * main thread: on a slow phone each of these is a long task that keeps the page from answering the reader. The
 * page only draws the items it is handed. Where no worker can start, the page runs the same engine itself.
 */
import {
  articleExcerpt,
  byRelevance,
  groupEnd,
  hasTies,
  holdsQueryWord,
  mapTerms,
  mergeResults,
  newnessRanks,
  pagefindFilters,
  partMapChunkFile,
  partMapChunkOfTerm,
  partsHoldingTerms,
  partsToSearch,
  presenceChecks,
  type ExcerptPart,
  type SearchPartConfig,
  type SearchState,
} from "../../src/search/query.ts";
import { chunkLemmas, chunkOf, euphonicTwin, isLemmaToken, isTailWord, nearestForm, normalizeForm, parseChunk, planQuery, readUnsearchable, respellings, stopWords, wordsOf, type QueryPlan } from "../../src/search/words.ts";
import { editDistance } from "../../src/suggest.ts";

/** What the engine needs of the page's configuration (`<script type="application/json" id="search-config">`). */
export interface EngineConfig {
  /** Address of Pagefind's module in the primary part, with the path prefix; absent when there is nothing to search. */
  pagefind?: string;
  /** The index's parts, newest first; the last is the primary part (src/search/parts.ts). */
  parts: SearchPartConfig[];
  /** The form→lemma table (src/search/lemma-table.ts): its folder, with the path prefix, and its number of chunks. */
  lemmas?: { path: string; chunks: number };
  pageSize: number;
}

/** A result as the page draws it. */
export interface ResultItem {
  url: string;
  title: string;
  date?: string;
  excerpt: ExcerptPart[];
}

export interface MoreAnswer {
  /** The page of results that could be shown. */
  items: ResultItem[];
  /** Results found so far, shown or not. */
  total: number;
  /** False while parts that may hold more results are still to be asked: `total` is then a lower bound. */
  complete: boolean;
}

export interface SearchAnswer extends MoreAnswer {
  /** Results of the first page that could not be shown (offline, their excerpt file never saved). */
  missing: number;
}

export interface SearchEngine {
  /** Searches, and keeps the results for `more`. */
  search(state: SearchState): Promise<SearchAnswer>;
  /** The page of the last search's results that starts at `from`, asking further parts if it needs them. */
  more(from: number): Promise<MoreAnswer>;
  /** "Did you mean": the query with each word the table lacks respelled or replaced by its nearest form. */
  suggest(query: string): Promise<string | undefined>;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<{ url: string; excerpt: string; content: string; locations: number[]; meta: Record<string, string | undefined> }>;
}

interface PagefindResponse {
  results: PagefindResult[];
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  destroy(): Promise<void>;
  search(query: string | null, options: { filters?: Record<string, string[]>; sort?: Record<string, "asc" | "desc"> }): Promise<PagefindResponse | null>;
}

export function searchEngine(config: EngineConfig): SearchEngine {
  // Chunks of the lemma table, each fetched once and kept as text: a query looks up a few of a chunk's thousands of
  // forms (chunkLemmas). The service worker keeps them for offline search. A chunk that cannot be had (offline and
  // never saved) counts as empty: its words fall back to the stemmer.
  // The same for the parts map's chunks beside them (src/search/part-map.ts), which tell nothing when they cannot
  // be had: every part may then answer. A file the server lacks is not asked again; one that failed to arrive is.
  const tableFiles = new Map<string, Promise<string | undefined>>();
  const loadTableFile = (file: string): Promise<string | undefined> => {
    const lemmas = config.lemmas;
    if (!lemmas) return Promise.resolve(undefined);
    let text = tableFiles.get(file);
    if (!text) {
      text = fetch(`${lemmas.path}${file}`)
        .then((response) => (response.ok ? response.text() : undefined))
        .catch(() => {
          tableFiles.delete(file);
          return undefined;
        });
      tableFiles.set(file, text);
    }
    return text;
  };
  const loadChunk = async (index: number): Promise<string> => (await loadTableFile(`${index}.txt`)) ?? "";
  // The table's split prefixes (src/search/lemma-table.ts), loaded with the first lookup; without them (offline
  // and never saved) forms are looked for by their first three letters, and the table answers less. Parsed once
  // for each text the loader gives.
  let splits: { text: string | undefined; known: Set<string> } | undefined;
  /** A form's chunk of the table. */
  const chunkIndex = async (): Promise<(form: string) => number> => {
    const text = await loadTableFile("splits.txt");
    if (!splits || splits.text !== text) splits = { text, known: new Set((text ?? "").split("\n").filter(Boolean)) };
    const { known } = splits;
    const count = config.lemmas?.chunks ?? 1;
    return (form) => chunkOf(form, count, known);
  };
  /** The table's answers for `forms`, with every chunk they need loaded at once. */
  const lookup = async (forms: readonly string[]): Promise<(form: string) => string[] | undefined> => {
    const chunkOfForm = await chunkIndex();
    const loaded = new Map(await Promise.all([...new Set(forms.map(chunkOfForm))].map(async (i) => [i, await loadChunk(i)] as const)));
    return (form) => chunkLemmas(loaded.get(chunkOfForm(form)) ?? "", form);
  };

  /**
   * The parts that can answer each search: those holding a word that starts with each of its terms, as numbered in
   * `config.parts`; undefined where the map cannot tell. Any other part answers only through another word, which
   * the search drops (see find), so it is never loaded.
   */
  const route = async (queries: readonly string[]): Promise<Map<string, Set<number> | undefined>> => {
    const lemmas = config.lemmas;
    const terms = new Map(queries.map((query) => [query, mapTerms(query)]));
    const chunks = new Map(
      lemmas
        ? await Promise.all(
            [...new Set([...terms.values()].flat())].map(
              async (term) => [term, await partMapChunkOfTerm(term, lemmas.chunks, (index) => loadTableFile(partMapChunkFile(index)))] as const,
            ),
          )
        : [],
    );
    return new Map(queries.map((query) => [query, partsHoldingTerms(terms.get(query)!, (term) => chunks.get(term))] as const));
  };

  /** The query's words and their other initial в/у, і/й, normalized: what a plan looks up. */
  const formsOf = (query: string): string[] =>
    wordsOf(query)
      .map(normalizeForm)
      .filter((form) => !stopWords.has(form))
      .flatMap((form) => [form, euphonicTwin(form)]);

  const suggest = async (query: string): Promise<string | undefined> => {
    const words = wordsOf(query);
    const candidates = words.flatMap((word) => [normalizeForm(word), ...respellings(word)]);
    const known = await lookup(candidates);
    const chunkOfForm = await chunkIndex();
    let changed = false;
    const replaced = await Promise.all(
      words.map(async (word) => {
        const form = normalizeForm(word);
        if (stopWords.has(form) || known(form)) return word;
        const respelled = respellings(word).find((r) => known(r));
        const better = respelled ?? nearestForm(form, parseChunk(await loadChunk(chunkOfForm(form))), editDistance);
        if (!better) return word;
        changed = true;
        return better;
      }),
    );
    return changed ? replaced.join(" ") : undefined;
  };

  // Records carry full site paths (path prefix included), so Pagefind must not prepend its own folder. A part's
  // files never change under its folder's name, so its fingerprint replaces Pagefind's per-visit cache-buster
  // (offline too). The synthetic `part` filter lets a search ask one part at a time.
  const partOptions = (part: SearchPartConfig) => ({ baseUrl: "/", excerptLength: 30, metaCacheTag: part.tag, mergeFilter: { part: part.id } });
  const primary = config.parts[config.parts.length - 1];
  let pagefind: Promise<Pagefind | undefined> | undefined;
  const merged = new Map<string, Promise<void>>();
  /**
   * Pagefind with the primary part and `parts` merged. Pagefind asks every merged part whatever the filters, each
   * loading its metadata and an index chunk per word, so a part joins only when a search needs it: a search within
   * one year never downloads the other years' parts.
   */
  const loadPagefind = async (parts: readonly SearchPartConfig[]): Promise<Pagefind | undefined> => {
    pagefind ??= (async () => {
      if (!config.pagefind || !primary) return undefined;
      const module = (await import(config.pagefind)) as Pagefind;
      await module.options(partOptions(primary));
      await module.init();
      return module;
    })();
    const loading = pagefind;
    const module = await loading;
    if (!module) return undefined;
    const merging = parts.filter((part) => part !== primary).map((part) => {
      let done = merged.get(part.id);
      if (!done) merged.set(part.id, (done = module.mergeIndex(part.path, partOptions(part))));
      return done;
    });
    try {
      await Promise.all(merging);
    } catch (error) {
      // Pagefind keeps a part that failed to load among those it asks, and every search after would fail: the
      // next search starts it afresh (what did load comes from the browser's cache).
      if (pagefind === loading) {
        pagefind = undefined;
        merged.clear();
        await module.destroy().catch(() => undefined);
      }
      throw error;
    }
    return module;
  };

  /**
   * One search across `parts` (those of a group that the parts map says can answer), asked of each part alone.
   * Pagefind would order the results of merged indexes by relevance whatever sort it is given, so date order joins
   * the parts' own lists newest part first (each part holds a span of time that ends before the next newer part's
   * begins), and relevance orders all by score, as Pagefind does, and equal scores newest first: Pagefind leaves
   * them in no order, so a part whose results tie is asked for its date order too, and `newness` collects the ranks
   * (shared by the searches of one query). A part that holds no word of the query is left out (see
   * holdsQueryWord), unless `check` is false: a search that only ranks what other searches found need not load a
   * result's text to tell.
   */
  const find = async (
    api: Pagefind | undefined,
    query: string | null,
    parts: readonly SearchPartConfig[],
    state: SearchState,
    byDate: boolean,
    newness: Map<string, number>,
    check = true,
  ): Promise<PagefindResult[]> => {
    if (!api) return [];
    const filters = pagefindFilters(state);
    const perPart = await Promise.all(
      parts.map(async (part) => {
        const index = config.parts.indexOf(part);
        const inPart = { filters: { ...filters, part: [part.id] } };
        const newestFirst = { ...inPart, sort: { date: "desc" as const } };
        const found = (await api.search(query, byDate ? newestFirst : inPart))?.results ?? [];
        if (!query || !found[0]) return found;
        const checks = check ? presenceChecks(query, isLemmaToken) : undefined;
        if (checks) {
          // Lemma search words are told apart in the index, without a fragment file of the part to download.
          const held = await Promise.all(checks.map(async (exact) => Boolean((await api.search(exact, inPart))?.results.length)));
          if (!held.every(Boolean)) return [];
        } else if (check) {
          // Offline, an unsaved fragment cannot tell: keep the part, as results are kept that cannot be shown.
          const first = await found[0].data().catch(() => undefined);
          if (first && !holdsQueryWord(first.content, first.locations, query)) return [];
        }
        if (!byDate) {
          const dated = hasTies(found) ? (await api.search(query, newestFirst))?.results : undefined;
          for (const [id, rank] of newnessRanks(found, index, dated)) if (!newness.has(id)) newness.set(id, rank);
        }
        return found;
      }),
    );
    const all = perPart.flat();
    return byDate ? all : byRelevance(all, newness);
  };

  /**
   * A search being answered: the parts that can answer it, newest first, and the results of those asked so far. A
   * large archive holds a common word in every part, and asking them all would download every part's metadata and
   * the word's postings in each: the first page would cost in proportion to the archive. So the parts are asked
   * newest first, one, then two, four… at a time (and more while a group holds fewer articles than a page, see
   * groupEnd), until a page of results is found; each group's results are ranked among themselves and follow the
   * newer groups'. "Show more" asks further groups as it needs them. A
   * search whose results all fit in the parts asked first ranks them all together, as if asked at once.
   */
  interface Session {
    /** The number of the search that began it: once a newer one begins, it asks no further parts. */
    search: number;
    state: SearchState;
    plan: QueryPlan;
    byDate: boolean;
    /** Each search of the plan (or null: a filter alone) and the parts that can answer it. */
    answering: (query: string | null) => SearchPartConfig[];
    order: SearchPartConfig[];
    asked: number;
    next: number;
    results: PagefindResult[];
  }
  let session: Session | undefined;
  let latest = 0;

  /** Asks the session's next group of parts and adds their results, ranked among themselves. */
  const askNext = async (s: Session): Promise<void> => {
    const end = groupEnd(s.order, s.asked, s.next, config.pageSize);
    const group = new Set(s.order.slice(s.asked, end));
    const api = await loadPagefind([...group]);
    const { state, plan: queryPlan, byDate } = s;
    const inGroup = (query: string | null) => s.answering(query).filter((part) => group.has(part));
    const newness = new Map<string, number>();
    const [exact, ...found] = await Promise.all([
      // The exact search is the answer only when it is one of the plan's searches; otherwise it only ranks.
      find(api, queryPlan.exact || null, inGroup(queryPlan.exact || null), state, byDate, newness, !state.q || queryPlan.searches.includes(queryPlan.exact)),
      ...queryPlan.searches.filter((query) => query !== queryPlan.exact).map((query) => find(api, query, inGroup(query), state, byDate, newness)),
    ]);
    // Otherwise the exact search only ranks: its prefix matches that are no form of the query's words (радар
    // for рада) are dropped.
    const lemmaResults = found.flat();
    const ids = new Set(lemmaResults.map((r) => r.id));
    const ranked = byDate ? lemmaResults : byRelevance(lemmaResults, newness);
    // Only a group that answered counts as asked: one that failed is asked again by the next "show more".
    s.asked = end;
    s.next *= 2;
    // A filter alone, or a query searched only as typed: the exact search is the answer.
    s.results.push(...(!state.q || (queryPlan.searches.includes(queryPlan.exact) && !found.length) ? exact! : mergeResults(exact!.filter((r) => ids.has(r.id)), ranked, byDate ? "date" : "relevance")));
  };

  /** Asks further groups of parts until the session holds results up to `end`, or every part has been asked. */
  const fill = async (s: Session, end: number): Promise<void> => {
    while (s.results.length < end && s.asked < s.order.length && s.search === latest) await askNext(s);
  };

  /**
   * Offline, a result whose excerpt file was never saved cannot be shown: it is left out rather than failing the
   * whole search, and the page says the search covers only what is saved.
   */
  const itemsOf = async (page: PagefindResult[], highlight: readonly string[]): Promise<ResultItem[]> => {
    const loaded = await Promise.allSettled(page.map((r) => r.data()));
    return loaded.flatMap((outcome) => {
      if (outcome.status !== "fulfilled") return [];
      const data = outcome.value;
      const excerpt = articleExcerpt(data.content, data.locations, highlight, isTailWord);
      return [{ url: data.url, title: data.meta.title ?? data.url, ...(data.meta.date ? { date: readUnsearchable(data.meta.date) } : {}), excerpt }];
    });
  };

  const search = async (state: SearchState): Promise<SearchAnswer> => {
    const current = ++latest;
    const plan = state.q ? planQuery(state.q, await lookup(formsOf(state.q))) : { exact: "", searches: [], highlight: [] };
    const queries = [...new Set([plan.exact, ...plan.searches].filter(Boolean))];
    const routes = await route(queries);
    const inScope = partsToSearch(config.parts, state);
    const answering = (query: string | null) => {
      const parts = query ? routes.get(query) : undefined;
      return parts ? inScope.filter((part) => parts.has(config.parts.indexOf(part))) : inScope;
    };
    // No part can answer (a word the archive lacks): Pagefind is not even loaded.
    const order = state.q ? inScope.filter((part) => queries.some((query) => answering(query).includes(part))) : inScope;
    const s: Session = { search: current, state, plan, byDate: state.sort === "date" || !state.q, answering, order, asked: 0, next: 1, results: [] };
    await fill(s, config.pageSize);
    // Only the last search asked keeps its results for "show more"; the page ignores the answers of earlier ones,
    // so their excerpts are not even loaded.
    if (current !== latest) return { items: [], total: 0, complete: true, missing: 0 };
    session = s;
    const page = s.results.slice(0, config.pageSize);
    const items = await itemsOf(page, plan.highlight);
    return { items, total: s.results.length, complete: s.asked >= s.order.length, missing: page.length - items.length };
  };

  const more = async (from: number): Promise<MoreAnswer> => {
    const s = session;
    if (!s) return { items: [], total: 0, complete: true };
    await fill(s, from + config.pageSize);
    const items = await itemsOf(s.results.slice(from, from + config.pageSize), s.plan.highlight);
    return { items, total: s.results.length, complete: s.asked >= s.order.length };
  };

  return { search, more, suggest };
}

/** A call from the page to the engine in its worker, and the answer. */
export type EngineCall = { [M in keyof SearchEngine]: { id: number; method: M; args: Parameters<SearchEngine[M]> } }[keyof SearchEngine];
export type EngineAnswer = { id: number; value: unknown } | { id: number; error: string };

/** The worker's side: the first message is the configuration, every other a call answered by its id. */
export function serveEngine(scope: { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: EngineAnswer): void }): void {
  let engine: SearchEngine | undefined;
  scope.onmessage = ({ data }: MessageEvent<{ config: EngineConfig } | EngineCall>) => {
    if ("config" in data) {
      engine = searchEngine(data.config);
      return;
    }
    const { id, method, args } = data;
    (engine![method] as (...a: typeof args) => Promise<unknown>)(...args).then(
      (value) => scope.postMessage({ id, value }),
      (error: unknown) => scope.postMessage({ id, error: String(error instanceof Error ? (error.stack ?? error.message) : error) }),
    );
  };
}

/**
 * The page's side: the engine in a worker running `scriptUrl` (the page's own script, see search.ts). A worker
 * that cannot start (no Worker, or its script refused) hands every call, pending ones included, to the engine
 * run in the page, so a search never depends on it. Starting a worker costs the main thread several milliseconds
 * (four times that on a slow phone), so it starts in a task of its own, after the one that asked for it.
 */
export function workerEngine(config: EngineConfig, scriptUrl: string | undefined): SearchEngine {
  let local: SearchEngine | undefined;
  const pending = new Map<number, { call: EngineCall; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const inPage = (call: EngineCall): Promise<unknown> => {
    local ??= searchEngine(config);
    return (local[call.method] as (...a: typeof call.args) => Promise<unknown>)(...call.args);
  };
  /** Undefined while the worker starts, then the worker, or null once calls go to the page. */
  let worker: Worker | null | undefined;
  const failed = (): void => {
    worker?.terminate();
    worker = null;
    const calls = [...pending.values()];
    pending.clear();
    for (const { call, resolve, reject } of calls) inPage(call).then(resolve, reject);
  };
  setTimeout(() => {
    try {
      if (!scriptUrl || typeof Worker === "undefined") return failed();
      worker = new Worker(scriptUrl);
    } catch {
      return failed();
    }
    worker.addEventListener("message", ({ data }: MessageEvent<EngineAnswer>) => {
      const waiting = pending.get(data.id);
      if (!waiting) return;
      pending.delete(data.id);
      if ("error" in data) waiting.reject(new Error(data.error));
      else waiting.resolve(data.value);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      console.warn("search: the search worker failed, searching in the page", event.message);
      failed();
    });
    worker.postMessage({ config });
    // Calls made while it started, in order.
    for (const { call } of pending.values()) worker.postMessage(call);
  });
  let next = 0;
  const call = (call: Omit<EngineCall, "id">): Promise<unknown> => {
    const withId = { ...call, id: next++ } as EngineCall;
    if (worker === null) return inPage(withId);
    return new Promise((resolve, reject) => {
      pending.set(withId.id, { call: withId, resolve, reject });
      worker?.postMessage(withId);
    });
  };
  return {
    search: (state) => call({ method: "search", args: [state] }) as Promise<SearchAnswer>,
    more: (from) => call({ method: "more", args: [from] }) as Promise<MoreAnswer>,
    suggest: (query) => call({ method: "suggest", args: [query] }) as Promise<string | undefined>,
  };
}
