import { describe, expect, it } from "vitest";
import { loadPairs, matches, pagefindIndexWords, pagefindQueryTerms } from "../../scripts/lib/stemmer-eval.ts";
import { stemQuery } from "./stemmer.ts";
import { articleExcerpt, byRelevance, groupEnd, hasTies, holdsQueryWord, mergeResults, newnessRanks, pagefindFilters, paramsFromState, partsToSearch, presenceChecks, stateFromParams, stateKey } from "./query.ts";
import { isLemmaToken, isTailWord, lemmaToken, planQuery } from "./words.ts";

describe("search state in the URL", () => {
  it("reads query, filters and sort, ignoring blanks and unknown values", () => {
    const state = stateFromParams(new URLSearchParams("q=%20Кремлем%20&tag=Політика&author=&year=2021&sort=oldest&x=1"));
    expect(state).toEqual({ q: "Кремлем", filters: { tag: "Політика", year: "2021" }, sort: "relevance" });
  });

  it("writes a short, stable query string that reads back to the same state", () => {
    const state = { q: "переговори в Женеві", filters: { author: "Олена Коваль", tag: "Київ" }, sort: "date" as const };
    const params = paramsFromState(state);
    expect([...params.keys()]).toEqual(["q", "tag", "author", "sort"]);
    expect(stateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
    expect(stateKey({ q: "", filters: {}, sort: "relevance" })).toBe("");
  });

  it("gives Pagefind one value per chosen filter", () => {
    expect(pagefindFilters({ q: "", filters: { tag: "Київ", year: "2023" }, sort: "relevance" })).toEqual({ tag: ["Київ"], year: ["2023"] });
  });
});

describe("mergeResults", () => {
  const r = (id: string) => ({ id });
  it("by relevance keeps exact-form matches first and in their order, then adds what the stems found", () => {
    expect(mergeResults([r("b"), r("a")], [r("c"), r("a"), r("b"), r("d")], "relevance").map((x) => x.id)).toEqual(["b", "a", "c", "d"]);
  });
  it("by date follows the stemmed order, which already holds the exact matches", () => {
    expect(mergeResults([r("b"), r("x")], [r("c"), r("a"), r("b")], "date").map((x) => x.id)).toEqual(["c", "a", "b", "x"]);
  });
  it("with one search returns it unchanged", () => {
    expect(mergeResults([r("a"), r("b")], [], "relevance").map((x) => x.id)).toEqual(["a", "b"]);
  });
});

describe("articleExcerpt", () => {
  const hidden = isTailWord;
  const content = "Київ прокинувся від вибухів.\n\nУ Києві працює ППО. <b>не розмітка</b>\n\nкиївzz ппоzz zqппо";
  it("is taken around the first matched word of the article's own text, never showing lemma search words", () => {
    const parts = articleExcerpt(content, [5, 10], ["києв"], hidden);
    expect(parts.map((p) => p.text).join("")).toBe("Київ прокинувся від вибухів. У Києві працює ППО. <b>не розмітка</b>");
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(["Києві"]);
  });
  it("marks the words of the query's forms when only lemma search words matched", () => {
    const parts = articleExcerpt(content, [10], ["київ", "києв"], hidden);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(["Київ", "Києві"]);
    expect(parts.some((p) => p.text.includes("zz"))).toBe(false);
  });
});

describe("the stemmed search finds everything the exact search finds", () => {
  // mergeResults relies on this when sorting by date: a stem is a prefix of its word, so any page the query as
  // typed matches, its stems match too. Checked on every query and every article of the inflection fixture.
  it("holds for every (query, article) combination of test/fixtures/inflection-pairs.tsv", () => {
    const pairs = loadPairs(new URL("../../test/fixtures/inflection-pairs.tsv", import.meta.url).pathname);
    const pages = pairs.map((p) => pagefindIndexWords(p.article));
    const broken: string[] = [];
    for (const { query } of pairs) {
      const exact = pagefindQueryTerms(query);
      const stemmed = pagefindQueryTerms(stemQuery(query));
      pages.forEach((words, i) => {
        if (matches(exact, words) && !matches(stemmed, words)) broken.push(`${query} → ${pairs[i]!.article}`);
      });
    }
    expect(broken).toEqual([]);
  });
});

describe("holdsQueryWord", () => {
  const content = "Заява з Кремля про переговори.";
  it("is true when matched words start with every word of the query, whatever its case or punctuation", () => {
    expect(holdsQueryWord(content, [2], "кремл")).toBe(true);
    expect(holdsQueryWord(content, [4], "Переговори")).toBe(true);
    expect(holdsQueryWord(content, [0, 4], "заява переговор")).toBe(true);
  });
  it("is false for Pagefind's fallback to a shorter indexed word: 'зерно' matched by 'з', even beside a real match", () => {
    expect(holdsQueryWord(content, [1], "зерно")).toBe(false);
    expect(holdsQueryWord(content, [], "зерно")).toBe(false);
    expect(holdsQueryWord(content, [1, 2], "зерно кремл")).toBe(false);
  });
});

describe("presenceChecks", () => {
  it("asks for each lemma search word of a query exactly, once each", () => {
    expect(presenceChecks("урядzz гетманцевzs урядzz", isLemmaToken)).toEqual(['"урядzz"', '"гетманцевzs"']);
    const plan = planQuery("Києві вибори", (form) => ({ києві: ["Київ"], вибори: ["вибори", "вибір"] })[form]);
    for (const search of plan.searches) expect(presenceChecks(search, isLemmaToken)).toEqual(search.split(" ").map((t) => `"${t}"`));
    expect(lemmaToken("~гетманцев")).toBe("гетманцевzs");
  });

  it("leaves a search with a prefix to the result's text: a stem of an unknown word, a word as typed, a number", () => {
    for (const search of ["zqрогореп", "урядzz zqрогореп", "уряд", "урядzz 2024", "NATO", "", "урядz", '"уряд"']) {
      expect(presenceChecks(search, isLemmaToken), search).toBeUndefined();
    }
  });
});

describe("partsToSearch", () => {
  const parts = [{ id: "2023" }, { id: "2022-2" }, { id: "2022" }, { id: "2021" }];
  it("takes every part, or only the filtered year's", () => {
    expect(partsToSearch(parts, { q: "", filters: {}, sort: "relevance" })).toEqual(parts);
    expect(partsToSearch(parts, { q: "", filters: { year: "2022" }, sort: "date" }).map((p) => p.id)).toEqual(["2022-2", "2022"]);
  });
});

describe("groupEnd", () => {
  const order = (...articles: number[]) => articles.map((n) => ({ articles: n }));
  it("takes the group's size of parts when they hold a page of articles", () => {
    expect(groupEnd(order(2500, 2500, 2500, 2500), 0, 1, 10)).toBe(1);
    expect(groupEnd(order(2500, 2500, 2500, 2500), 1, 2, 10)).toBe(3);
  });
  it("takes further parts while the group holds fewer articles than a page", () => {
    // A year just begun: its part of 3 articles and the one before it.
    expect(groupEnd(order(3, 2500, 2500), 0, 1, 10)).toBe(2);
    expect(groupEnd(order(3, 4, 2, 2500), 0, 1, 10)).toBe(4);
    expect(groupEnd(order(3, 4, 2, 2500), 1, 2, 10)).toBe(4);
  });
  it("never goes past the last part", () => {
    expect(groupEnd(order(3, 4), 0, 1, 10)).toBe(2);
    expect(groupEnd(order(3, 4), 1, 4, 10)).toBe(2);
    expect(groupEnd(order(), 0, 1, 10)).toBe(0);
  });
});

describe("byRelevance", () => {
  const r = (id: string, score: number) => ({ id, score });
  it("ranks by score, and equal scores newest first: by the part's date order, then newer parts before older", () => {
    // Part 0 (newest) asked for its date order because two of its results tie; part 1 had no ties to order.
    const part0 = [r("a", 2), r("b", 1), r("c", 1)];
    const part1 = [r("d", 1), r("e", 3)];
    expect(hasTies(part0)).toBe(true);
    expect(hasTies(part1)).toBe(false);
    const newness = new Map([...newnessRanks(part0, 0, [r("c", 1), r("a", 2), r("b", 1)]), ...newnessRanks(part1, 1)]);
    expect(byRelevance([...part0, ...part1], newness).map((x) => x.id)).toEqual(["e", "a", "c", "b", "d"]);
  });
});
