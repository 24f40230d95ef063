/**
 * The search page: the theme's own form over the search engine (search-engine.ts: Pagefind, the lemma table and the
 * ranking). Bundled by src/search/script.ts (esbuild) and loaded only by /search/: article pages stay free of
 * JavaScript. The same script is the engine's Web Worker: started without a document, it serves the engine, so the
 * page's main thread only draws results and no extra file is downloaded for the worker.
 */
import { plural, type Locale, type PluralForms } from "../../src/i18n.ts";
import { hasFilters, paramsFromState, searchFilters, stateFromParams, stateKey, type SearchState } from "../../src/search/query.ts";
import { serveEngine, workerEngine, type EngineConfig, type ResultItem } from "./search-engine.ts";

/** What the page passes in `<script type="application/json" id="search-config">`. */
interface SearchConfig extends EngineConfig {
  locale: Locale;
  /** Address of the offline page, where a reader saves the whole index. */
  offlinePage: string;
  strings: { count: PluralForms; countAtLeast: PluralForms; noResults: string; loading: string; failed: string; moreFailed: string; offline: string; offlinePage: string; didYouMean: string };
}

/** Long enough that a fast typist does not fetch index chunks for every letter. */
const TYPING_DELAY_MS = 250;
const SLOW_SEARCH_MS = 500;
/** Results drawn per frame: laying out a whole page of them at once is a long task on a slow phone. */
const RESULTS_PER_FRAME = 3;

/** Resolves in a task after the browser has drawn a frame, or soon where it draws none (a hidden tab). */
const afterFrame = (): Promise<void> =>
  new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`search page: #${id} is missing from the template`);
  return found as T;
}

function start(scriptUrl: string | undefined): void {
  const config = JSON.parse(element("search-config").textContent ?? "{}") as SearchConfig;
  const form = element<HTMLFormElement>("search-form");
  const input = element<HTMLInputElement>("search-input");
  const selects = Object.fromEntries(searchFilters.map((name) => [name, element<HTMLSelectElement>(`search-${name}`)]));
  const sort = element<HTMLSelectElement>("search-sort");
  const status = element<HTMLElement>("search-status");
  const list = element<HTMLOListElement>("search-results");
  const more = element<HTMLButtonElement>("search-more");
  const suggestion = element<HTMLElement>("search-suggestion");

  const engine = workerEngine(config, scriptUrl);

  /** Results of the current search found so far, shown or not. */
  let total = 0;
  /** False while the engine has parts to ask for more results: "show more" stays, and the count is a lower bound. */
  let complete = true;
  /** Results that could not be shown (offline): the count leaves them out. */
  let missing = 0;

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

  const renderResult = (result: ResultItem): HTMLLIElement => {
    const item = document.createElement("li");
    item.className = "search-result";
    const heading = document.createElement("h2");
    heading.className = "search-result__title";
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.title;
    heading.append(link);
    item.append(heading);
    if (result.date) {
      const dateline = document.createElement("p");
      dateline.className = "search-result__dateline";
      dateline.textContent = result.date;
      item.append(dateline);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "search-result__excerpt";
    for (const part of result.excerpt) {
      if (part.mark) {
        const mark = document.createElement("mark");
        mark.textContent = part.text;
        excerpt.append(mark);
      } else excerpt.append(part.text);
    }
    item.append(excerpt);
    return item;
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

  /**
   * Draws `found` into the list (in place of what it shows, or after it), a few results a frame: each frame lays
   * out only the results it adds, below those already drawn, so nothing on screen moves. Undefined if a newer
   * search took over meanwhile.
   */
  const draw = async (found: readonly ResultItem[], current: number, mode: "replace" | "append"): Promise<HTMLLIElement[] | undefined> => {
    const items: HTMLLIElement[] = [];
    for (let from = 0; from < found.length || (mode === "replace" && from === 0); from += RESULTS_PER_FRAME) {
      if (from > 0) {
        await afterFrame();
        if (current !== run) return undefined;
      }
      const drawn = found.slice(from, from + RESULTS_PER_FRAME).map(renderResult);
      if (mode === "replace" && from === 0) list.replaceChildren(...drawn);
      else list.append(...drawn);
      items.push(...drawn);
    }
    return items;
  };

  /** "N articles found", or "at least N" while the engine has parts left to ask, and what went wrong since. */
  const showCount = (trouble?: string): void => {
    const count = total - missing;
    const text = count ? plural(count, complete ? config.strings.count : config.strings.countAtLeast, config.locale) : config.strings.noResults;
    showStatus(trouble ? `${text} ${trouble}` : text, missing > 0 || count === 0 || Boolean(trouble));
  };

  /** The search whose "show more" is loading: a second click meanwhile would ask for the same page again. */
  let loadingMore: number | undefined;
  const showMore = async (current: number, focusFirst: boolean): Promise<void> => {
    if (loadingMore === current) return;
    loadingMore = current;
    try {
      // Further parts may be downloaded here: a failure keeps what is shown and the button, for another try.
      const found = await engine.more(shown);
      if (current !== run) return;
      const items = await draw(found.items, current, "append");
      if (!items) return;
      ({ total, complete } = found);
      shown = Math.min(total, shown + config.pageSize);
      more.hidden = shown >= total && complete;
      showCount();
      if (focusFirst) items[0]?.querySelector("a")?.focus();
    } catch (error) {
      if (current !== run) return;
      console.warn("show more failed", error);
      showCount(config.strings.moreFailed);
    } finally {
      if (loadingMore === current) loadingMore = undefined;
    }
  };

  const search = async (state: SearchState): Promise<void> => {
    const current = ++run;
    showSuggestion(undefined, state);
    if (!state.q && !hasFilters(state)) {
      total = 0;
      complete = true;
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
      const answer = await engine.search(state);
      if (current !== run) return;
      ({ total, complete, missing } = answer);
      shown = Math.min(total, config.pageSize);
      if (!(await draw(answer.items, current, "replace"))) return;
      more.hidden = shown >= total && complete;
      // The answer is on screen: a "did you mean" still loading must not bring "searching…" back over it.
      clearTimeout(slow);
      showCount();
      const better = total === missing && state.q ? await engine.suggest(state.q) : undefined;
      if (current !== run) return;
      showSuggestion(better, state);
    } catch (error) {
      if (current !== run) return;
      console.warn("search failed", error);
      total = 0;
      complete = true;
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

if (typeof document === "undefined") {
  serveEngine(self as unknown as Parameters<typeof serveEngine>[0]);
} else {
  // Known only while the script is first run: the address the worker starts from.
  const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => start(scriptUrl));
  else start(scriptUrl);
}
