import { describe, expect, it } from "vitest";
import { firstQuery, queryFileKind, queryFileKinds, queryFilePart, tallyFiles } from "../scripts/lib/first-query.ts";
import { browserAvailable } from "./browser.ts";
import { buildSite } from "./build-site.ts";

const canRun = browserAvailable();

describe("the first search's files, by kind and by part", () => {
  it("tells each file the search page fetches by its path", () => {
    const kinds = {
      "/search/": "page",
      "/assets/archive.d423919079.css": "page",
      "/assets/sw-register.8d4119e775.js": "page",
      "/assets/search.1b625cc5ee.js": "search script",
      "/pagefind/2006.b2ed04834c7d/pagefind.js": "pagefind runtime",
      "/pagefind/2006.b2ed04834c7d/pagefind-worker.js": "pagefind runtime",
      "/pagefind/2006.b2ed04834c7d/wasm.unknown.pagefind": "pagefind runtime",
      "/pagefind/2025-2.3d60f4aac579/pagefind-entry.json": "entry",
      "/pagefind/2025.3d60f4aac579/pagefind.uk_5ca572ce25.pf_meta": "pf_meta",
      "/pagefind/2025.3d60f4aac579/index/uk_137076f.pf_index": "index chunks",
      "/pagefind/2025.3d60f4aac579/filter/uk_2a80dc5.pf_filter": "filter chunks",
      "/pagefind/2025.3d60f4aac579/fragment/uk_group_1b926a3.pf_fragment": "fragments",
      "/pagefind/lemmas.628143cd70f3/27.txt": "lemma table",
      "/pagefind/lemmas.628143cd70f3/splits.txt": "lemma table",
      "/pagefind/lemmas.628143cd70f3/p27.txt": "parts map",
      "/pagefind/2025.3d60f4aac579/lemmas.txt": "other",
    };
    expect(Object.fromEntries(Object.keys(kinds).map((file) => [file, queryFileKind(file)]))).toEqual(kinds);
    expect(queryFilePart("/pagefind/2025-2.3d60f4aac579/index/uk_1.pf_index")).toBe("2025-2");
    expect(queryFilePart("/pagefind/lemmas.628143cd70f3/27.txt")).toBeUndefined();
    expect(queryFilePart("/search/")).toBeUndefined();
  });

  it("adds the bytes up by kind and by part, newest part first", () => {
    const tally = tallyFiles([
      { path: "/search/", bytes: 100 },
      { path: "/pagefind/2024.a/pagefind-entry.json", bytes: 10 },
      { path: "/pagefind/2025.b/pagefind-entry.json", bytes: 20 },
      { path: "/pagefind/2025-2.c/index/uk_1.pf_index", bytes: 300 },
      { path: "/pagefind/2025.b/index/uk_2.pf_index", bytes: 200 },
    ]);
    expect(tally.bytes).toBe(630);
    expect(tally.requests).toBe(5);
    expect(tally.byKind["index chunks"]).toEqual({ bytes: 500, requests: 2 });
    expect(tally.byKind.page).toEqual({ bytes: 100, requests: 1 });
    expect(tally.byPart).toEqual([
      { part: "2025-2", bytes: 300, requests: 1 },
      { part: "2025", bytes: 220, requests: 2 },
      { part: "2024", bytes: 10, requests: 1 },
    ]);
  });
});

describe.skipIf(!canRun)("the first search on a built archive, in Chromium", () => {
  it("counts every file the search page fetches until its results are shown, each of a known kind, from the parts a search needs only", async () => {
    const output = buildSite({ articles: "test/fixtures/search-articles" });
    const [metro, inYear] = await firstQuery(output, ["метро", "?q=Кремлем&year=2021"]);
    expect(metro!.status).toBe("Знайдено 1 статтю");
    expect(metro!.shown).toBe(1);
    for (const kind of ["page", "search script", "pagefind runtime", "entry", "pf_meta", "index chunks", "fragments", "lemma table", "parts map"] as const) {
      expect(metro!.byKind[kind].bytes, kind).toBeGreaterThan(0);
    }
    expect(metro!.byKind.other).toEqual({ bytes: 0, requests: 0 });
    expect(queryFileKinds.reduce((sum, kind) => sum + metro!.byKind[kind].bytes, 0)).toBe(metro!.bytes);
    // The fixture's articles span 2020–2024, one part a year; only 2023's holds the word (the parts map says so),
    // besides the primary part, whose loader and metadata Pagefind starts with.
    expect(metro!.byPart.map((p) => p.part)).toEqual(["2023", "2020"]);
    expect(metro!.byKind.entry.requests).toBe(2);
    // Within one year, only that year's part is downloaded, besides the primary part that carries Pagefind's loader.
    expect(inYear!.status).toBe("Знайдено 1 статтю");
    expect(inYear!.byPart.map((p) => p.part)).toEqual(["2021", "2020"]);
  }, 120_000);
});
