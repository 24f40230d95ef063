/**
 * The search page: Pagefind's JS API behind the theme's own form. Bundled by src/search/script.ts (esbuild)
 * together with the stemmer, and loaded only by /search/: article pages stay free of JavaScript.
 */
import { plural, type Locale, type PluralForms } from "../../src/i18n.ts";
import {
  articleExcerpt,
  byRelevance,
  hasFilters,
  hasTies,
  holdsQueryWord,
  mergeResults,
  newnessRanks,
  pagefindFilters,
  paramsFromState,
  searchFilters,
  stateFromParams,
  stateKey,
  partsToSearch,
  presenceChecks,
  type SearchPartConfig,
  type SearchState,
} from "../../src/search/query.ts";
import { chunkLemmas, chunkOf, euphonicTwin, isLemmaToken, isTailWord, nearestForm, normalizeForm, parseChunk, planQuery, respellings, stopWords, wordsOf, type QueryPlan } from "../../src/search/words.ts";
import { editDistance } from "../../src/suggest.ts";

/** What the page passes in `<script type="application/json" id="search-config">`. */
interface SearchConfig {
  locale: Locale;
  /** Address of Pagefind's module in the primary part, with the path prefix; absent when there is nothing to search. */
  pagefind?: string;
  /** The index's parts, newest first; the last is the primary part (src/search/parts.ts). */
  parts: SearchPartConfig[];
  /** The form→lemma table (src/search/lemma-table.ts): its folder, with the path prefix, and its number of chunks. */
  lemmas?: { path: string; chunks: number };
  pageSize: number;
  /** Address of the offline page, where a reader saves the whole index. */
  offlinePage: string;
  strings: { count: PluralForms; noResults: string; loading: string; failed: string; offline: string; offlinePage: string; didYouMean: string };
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
  search(query: string | null, options: { filters?: Record<string, string[]>; sort?: Record<string, "asc" | "desc"> }): Promise<PagefindResponse | null>;
}

/** Long enough that a fast typist does not fetch index chunks for every letter. */
const TYPING_DELAY_MS = 250;
const SLOW_SEARCH_MS = 500;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`search page: #${id} is missing from the template`);
  return found as T;
}

function start(): void {
  const config = JSON.parse(element("search-config").textContent ?? "{}") as SearchConfig;
  const form = element<HTMLFormElement>("search-form");
  const input = element<HTMLInputElement>("search-input");
  const selects = Object.fromEntries(searchFilters.map((name) => [name, element<HTMLSelectElement>(`search-${name}`)]));
  const sort = element<HTMLSelectElement>("search-sort");
  const status = element<HTMLElement>("search-status");
  const list = element<HTMLOListElement>("search-results");
  const more = element<HTMLButtonElement>("search-more");
  const suggestion = element<HTMLElement>("search-suggestion");

  // Chunks of the lemma table, each fetched once and kept as text: a query looks up a few of a chunk's thousands of
  // forms (chunkLemmas). The service worker keeps them for offline search. A chunk that cannot be had (offline and
  // never saved) counts as empty: its words fall back to the stemmer.
  const chunks = new Map<number, Promise<string>>();
  const loadChunk = (index: number): Promise<string> => {
    const lemmas = config.lemmas;
    if (!lemmas) return Promise.resolve("");
    let chunk = chunks.get(index);
    if (!chunk) {
      chunk = fetch(`${lemmas.path}${index}.txt`)
        .then((response) => (response.ok ? response.text() : ""))
        .catch(() => {
          chunks.delete(index);
          return "";
        });
      chunks.set(index, chunk);
    }
    return chunk;
  };
  // The table's split prefixes (src/search/lemma-table.ts), fetched once with the first lookup; without them
  // (offline and never saved) forms are looked for by their first three letters, and the table answers less.
  let splits: Promise<Set<string>> | undefined;
  /** A form's chunk of the table. */
  const chunkIndex = async (): Promise<(form: string) => number> => {
    const lemmas = config.lemmas;
    splits ??= lemmas
      ? fetch(`${lemmas.path}splits.txt`)
          .then((response) => (response.ok ? response.text() : ""))
          .then((text) => new Set(text.split("\n").filter(Boolean)))
          .catch(() => {
            splits = undefined;
            return new Set<string>();
          })
      : Promise.resolve(new Set());
    const known = await splits;
    const count = lemmas?.chunks ?? 1;
    return (form) => chunkOf(form, count, known);
  };
  /** The table's answers for `forms`, with every chunk they need loaded at once. */
  const lookup = async (forms: readonly string[]): Promise<(form: string) => string[] | undefined> => {
    const chunkOfForm = await chunkIndex();
    const loaded = new Map(await Promise.all([...new Set(forms.map(chunkOfForm))].map(async (i) => [i, await loadChunk(i)] as const)));
    return (form) => chunkLemmas(loaded.get(chunkOfForm(form)) ?? "", form);
  };

  /** The query's words and their other initial в/у, і/й, normalized: what a plan looks up. */
  const formsOf = (query: string): string[] =>
    wordsOf(query)
      .map(normalizeForm)
      .filter((form) => !stopWords.has(form))
      .flatMap((form) => [form, euphonicTwin(form)]);

  /**
   * "Did you mean": each word the table lacks, replaced by its respelling from another keyboard layout or by the
   * nearest form of the archive's words within two edits. Undefined when nothing would change.
   */
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
      // Evaluating Pagefind's module is a task of its own on a slow phone; starting it waits for the next task, so
      // that neither keeps the page from answering input for long.
      await new Promise((resolve) => setTimeout(resolve));
      await module.options(partOptions(primary));
      await module.init();
      return module;
    })();
    const module = await pagefind;
    if (!module) return undefined;
    const merging = parts.filter((part) => part !== primary).map((part) => {
      let done = merged.get(part.id);
      if (!done) merged.set(part.id, (done = module.mergeIndex(part.path, partOptions(part))));
      return done;
    });
    await Promise.all(merging);
    return module;
  };

  /**
   * One search across every part, asked of each part alone. Pagefind would order the results of merged indexes by
   * relevance whatever sort it is given, so date order joins the parts' own lists newest part first (each part
   * holds a span of time that ends before the next newer part's begins), and relevance orders all by score, as
   * Pagefind does, and equal scores newest first: Pagefind leaves them in no order, so a part whose results tie is
   * asked for its date order too, and `newness` collects the ranks (shared by the searches of one query). A part
   * that holds no word of the query is left out (see holdsQueryWord), unless `check` is false: a search that only
   * ranks what other searches found need not load a result's text to tell.
   */
  const find = async (api: Pagefind | undefined, query: string | null, state: SearchState, byDate: boolean, newness: Map<string, number>, check = true): Promise<PagefindResult[]> => {
    if (!api) return [];
    const filters = pagefindFilters(state);
    const perPart = await Promise.all(
      partsToSearch(config.parts, state).map(async (part, index) => {
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

  let results: PagefindResult[] = [];
  let plan: QueryPlan = { exact: "", searches: [], highlight: [] };

  /** "Did you mean …?", a link to the search for the suggestion. */
  const showSuggestion = (query: string | undefined, state: SearchState): void => {
    if (!query) {
      suggestion.hidden = true;
      suggestion.replaceChildren();
      return;
    }
    const link = document.createElement("a");
    link.href = `${location.pathname}?${paramsFromState({ ...state, q: query }).toString()}`;
    link.textContent = query;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      input.value = query;
      searchNow("push");
    });
    const [before, after] = config.strings.didYouMean.split("{query}");
    suggestion.replaceChildren(before ?? "", link, after ?? "");
    suggestion.hidden = false;
  };
  let shown = 0;
  let run = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  // Whether the current history entry was started by typing and not yet confirmed: searching as you type adds
  // one entry per query, not one per letter, and Enter, a filter change or a navigation confirms it.
  let typing = false;

  const formState = (): SearchState => ({
    q: input.value.trim(),
    filters: Object.fromEntries(searchFilters.map((name) => [name, selects[name]!.value]).filter(([, v]) => v)),
    sort: sort.value === "date" ? "date" : "relevance",
  });

  const showState = (state: SearchState): void => {
    input.value = state.q;
    for (const name of searchFilters) {
      const select = selects[name]!;
      const value = state.filters[name] ?? "";
      // A value from an old link that the archive no longer has still filters, so add it rather than drop it.
      if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
      select.value = value;
    }
    sort.value = state.sort;
  };

  const remember = (state: SearchState, mode: "push" | "replace"): void => {
    const query = paramsFromState(state).toString();
    const url = `${location.pathname}${query ? `?${query}` : ""}`;
    if (url === `${location.pathname}${location.search}`) return;
    if (mode === "push") history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  };

  const renderResult = (data: Awaited<ReturnType<PagefindResult["data"]>>): HTMLLIElement => {
    const item = document.createElement("li");
    item.className = "search-result";
    const heading = document.createElement("h2");
    heading.className = "search-result__title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title ?? data.url;
    heading.append(link);
    item.append(heading);
    if (data.meta.date) {
      const dateline = document.createElement("p");
      dateline.className = "search-result__dateline";
      dateline.textContent = data.meta.date;
      item.append(dateline);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "search-result__excerpt";
    for (const part of articleExcerpt(data.content, data.locations, plan.highlight, isTailWord)) {
      if (part.mark) {
        const mark = document.createElement("mark");
        mark.textContent = part.text;
        excerpt.append(mark);
      } else excerpt.append(part.text);
    }
    item.append(excerpt);
    return item;
  };

  /**
   * Offline, a result whose excerpt file was never saved cannot be shown: it is left out rather than failing the
   * whole search, and the status says the search covers only what is saved.
   */
  const renderResults = async (page: PagefindResult[]): Promise<{ items: HTMLLIElement[]; missing: number }> => {
    const loaded = await Promise.allSettled(page.map((r) => r.data()));
    const items = loaded.flatMap((outcome) => (outcome.status === "fulfilled" ? [renderResult(outcome.value)] : []));
    return { items, missing: page.length - items.length };
  };

  /** The status line, with a pointer to the offline page whenever the answer may be incomplete for want of a network. */
  const showStatus = (text: string, incomplete: boolean): void => {
    if (!incomplete || navigator.onLine) {
      status.textContent = text;
      return;
    }
    const link = document.createElement("a");
    link.href = config.offlinePage;
    link.textContent = config.strings.offlinePage;
    status.replaceChildren(`${text} ${config.strings.offline} `, link);
  };

  const showMore = async (current: number, focusFirst: boolean): Promise<void> => {
    const page = results.slice(shown, shown + config.pageSize);
    const { items } = await renderResults(page);
    if (current !== run) return;
    list.append(...items);
    shown += page.length;
    more.hidden = shown >= results.length;
    if (focusFirst) items[0]?.querySelector("a")?.focus();
  };

  const search = async (state: SearchState): Promise<void> => {
    const current = ++run;
    showSuggestion(undefined, state);
    if (!state.q && !hasFilters(state)) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    // Only a slow search (the first one downloads Pagefind's wasm) says it is working; quick ones would just flicker.
    const slow = setTimeout(() => {
      if (current === run) status.textContent = config.strings.loading;
    }, SLOW_SEARCH_MS);
    try {
      const [api, lemmasOf] = await Promise.all([loadPagefind(partsToSearch(config.parts, state)), lookup(formsOf(state.q))]);
      const byDate = state.sort === "date" || !state.q;
      plan = state.q ? planQuery(state.q, lemmasOf) : { exact: "", searches: [], highlight: [] };
      const newness = new Map<string, number>();
      const [exact, ...found] = await Promise.all([
        // The exact search is the answer only when it is one of the plan's searches; otherwise it only ranks.
        find(api, plan.exact || null, state, byDate, newness, !state.q || plan.searches.includes(plan.exact)),
        ...plan.searches.filter((query) => query !== plan.exact).map((query) => find(api, query, state, byDate, newness)),
      ]);
      if (current !== run) return;
      // Otherwise the exact search only ranks: its prefix matches that are no form of the query's words (радар
      // for рада) are dropped.
      const lemmaResults = found.flat();
      const ids = new Set(lemmaResults.map((r) => r.id));
      const ranked = byDate ? lemmaResults : byRelevance(lemmaResults, newness);
      // A filter alone, or a query searched only as typed: the exact search is the answer.
      results = !state.q || (plan.searches.includes(plan.exact) && !found.length) ? exact! : mergeResults(exact!.filter((r) => ids.has(r.id)), ranked, byDate ? "date" : "relevance");
      const page = results.slice(0, config.pageSize);
      const { items, missing } = await renderResults(page);
      if (current !== run) return;
      shown = page.length;
      list.replaceChildren(...items);
      more.hidden = shown >= results.length;
      const count = results.length - missing;
      // The answer is on screen: a "did you mean" still loading must not bring "searching…" back over it.
      clearTimeout(slow);
      showStatus(count ? plural(count, config.strings.count, config.locale) : config.strings.noResults, missing > 0 || count === 0);
      const better = count === 0 && state.q ? await suggest(state.q) : undefined;
      if (current !== run) return;
      showSuggestion(better, state);
    } catch (error) {
      if (current !== run) return;
      console.warn("search failed", error);
      results = [];
      list.replaceChildren();
      more.hidden = true;
      showStatus(config.strings.failed, true);
    } finally {
      clearTimeout(slow);
      if (current === run) list.removeAttribute("aria-busy");
    }
  };

  const searchNow = (mode: "push" | "replace"): void => {
    clearTimeout(typingTimer);
    const state = formState();
    remember(state, mode);
    void search(state);
  };

  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      searchNow(typing ? "replace" : "push");
      typing = true;
    }, TYPING_DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Enter confirms what was typed: it replaces the entry typing started, or adds one if typing did not.
    searchNow(typing ? "replace" : "push");
    typing = false;
  });
  for (const control of [...Object.values(selects), sort]) {
    control.addEventListener("change", () => {
      searchNow("push");
      typing = false;
    });
  }
  // The reset button clears filters and sort but keeps the query, which a plain form reset would also clear.
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    for (const select of Object.values(selects)) select.value = "";
    sort.value = "relevance";
    searchNow("push");
    typing = false;
  });
  more.addEventListener("click", () => void showMore(run, true));
  window.addEventListener("popstate", () => {
    clearTimeout(typingTimer);
    typing = false;
    const state = stateFromParams(new URLSearchParams(location.search));
    showState(state);
    void search(state);
  });

  const initial = stateFromParams(new URLSearchParams(location.search));
  showState(initial);
  if (initial.q || hasFilters(initial)) void search(initial);
  // Keeps a deep link's history entry exact (e.g. without a stray empty parameter) without adding one.
  if (stateKey(initial) !== new URLSearchParams(location.search).toString()) remember(initial, "replace");
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
