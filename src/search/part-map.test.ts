import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { indexWords } from "./index-words.ts";
import { writeSearchIndex } from "./indexer.ts";
import { partWordsFile, writePartMap, writePartWords } from "./part-map.ts";
import { mapTerms, partListText, partMapChunkFile, partMapChunkOfTerm, partsHoldingTerms } from "./query.ts";
import { chunkOfKey } from "./words.ts";
import type { SearchRecord } from "./records.ts";

const record = (url: string, content: string): SearchRecord => ({ url, content, language: "uk", meta: { title: url }, filters: {}, sort: { date: "2021-12-07T08:00:00Z" } });

const root = mkdtempSync(path.join(tmpdir(), "part-map-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
const folder = () => path.join(root, String(folders++));

/** The map of parts (newest first) whose word lists are written, and how it routes a query, as the page does. */
function mapOf(parts: readonly string[]): { chunk: (key: string) => string; route: (query: string) => Promise<Set<number> | undefined> } {
  const target = folder();
  mkdirSync(target);
  const chunks = 16;
  expect(writePartMap(parts, target, chunks)).toHaveLength(chunks);
  const read = (index: number) => readFileSync(path.join(target, partMapChunkFile(index)), "utf8");
  const route = async (query: string) => {
    const terms = mapTerms(query);
    const found = new Map(await Promise.all(terms.map(async (term) => [term, await partMapChunkOfTerm(term, chunks, async (index) => read(index))] as const)));
    return partsHoldingTerms(terms, (term) => found.get(term));
  };
  return { chunk: (key) => read(chunkOfKey(key, chunks)), route };
}

/** Parts indexed by Pagefind itself, newest first, and their map. */
async function indexedMapOf(parts: string[][]): Promise<ReturnType<typeof mapOf>> {
  const folders: string[] = [];
  for (const [i, texts] of parts.entries()) {
    const part = folder();
    await writeSearchIndex(texts.map((text, j) => record(`/${i}/${j}/`, text)), part, "uk");
    writePartWords(part);
    folders.push(part);
  }
  return mapOf(folders);
}

describe("the parts map", () => {
  it("reads back every word Pagefind indexed, from its own chunks", async () => {
    const folder = path.join(root, "words");
    await writeSearchIndex([record("/a/", "Кремль заявив"), record("/b/", "метро Київ 2022")], folder, "uk");
    const words = indexWords(folder);
    // Pagefind folds ї to і in the words it looks up (and indexes the titles, `/a/` and `/b/` here, too).
    expect(words).toEqual(expect.arrayContaining(["2022", "заявив", "киів", "кремль", "метро", "a", "b"]));
    expect(words).toEqual([...words].sort());
  });

  it("sends a query only to the parts holding a word that starts with each of its terms, as Pagefind writes and the page types them", async () => {
    const { route } = await indexedMapOf([
      ["Об’єкт у Києві будь-який ЗСУ café 2022", "йод Їжак"],
      ["метро Київське", "Кремль кремльzz"],
      ["зерно Київ"],
    ]);
    // Apostrophes, hyphens, capitals, й/ї and accents as a reader types them, folded as Pagefind folds its words.
    expect(await route("об’єкт")).toEqual(new Set([0]));
    expect(await route("будь-який")).toEqual(new Set([0]));
    expect(await route("Який")).toEqual(new Set([0]));
    expect(await route("зсу")).toEqual(new Set([0]));
    expect(await route("Cafe")).toEqual(new Set([0]));
    expect(await route("café")).toEqual(new Set([0]));
    expect(await route("йод")).toEqual(new Set([0]));
    expect(await route("їжак")).toEqual(new Set([0]));
    expect(await route("2022")).toEqual(new Set([0]));
    // Prefixes, every term of a search, and quoted searches.
    expect(await route("киї")).toEqual(new Set([1, 2]));
    expect(await route("києві")).toEqual(new Set([0]));
    expect(await route("Київ метро")).toEqual(new Set([1]));
    expect(await route('"кремльzz"')).toEqual(new Set([1]));
    expect(await route("рогорепо")).toEqual(new Set());
    expect(await route("київ рогорепо")).toEqual(new Set());
    // Terms too short to look up tell nothing: every part may answer.
    expect(await route("у")).toBeUndefined();
    expect(await route("у метро")).toEqual(new Set([1]));
  });

  it("says nothing of a term whose chunk cannot be had", () => {
    expect(partsHoldingTerms(["метро"], () => undefined)).toBeUndefined();
    expect(partsHoldingTerms(["метро"], () => "")).toEqual(new Set());
  });

  it("writes part numbers in runs and reads them back", () => {
    expect(partListText([0, 1, 2, 3, 7, 9, 10])).toBe("0-3,7,9-10");
    const chunk = `київ ${partListText([0, 1, 2, 5])}\nкиївський 7\nкийзz 3\n`;
    expect(partsHoldingTerms(["киї"], () => chunk)).toEqual(new Set([0, 1, 2, 5, 7]));
    expect(partsHoldingTerms(["київс"], () => chunk)).toEqual(new Set([7]));
  });

  it("splits a prefix shared by too many words by one more letter, and does not look up a term that starts a split group", async () => {
    const part = (words: string[]) => {
      const target = folder();
      mkdirSync(target);
      writeFileSync(path.join(target, partWordsFile), gzipSync(words.sort().join("\n")));
      return target;
    };
    // 3,000 words of one prefix: far more than a chunk should hold.
    const many = Array.from({ length: 3000 }, (_, i) => `zqбо${i}`);
    const { chunk, route } = mapOf([part([...many.slice(0, 1500), "метро"]), part([...many.slice(1500), "метрополітен"])]);
    // The chunk of the three letters says their words are split, and holds none of them.
    expect(chunk("zqб")).toContain("zqб *\n");
    expect(chunk("zqб")).not.toContain("zqбо1 ");
    expect(await route("zqбо")).toBeUndefined();
    expect(await route("zqбо1499")).toEqual(new Set([0]));
    expect(await route("zqбо2999")).toEqual(new Set([1]));
    expect(await route("метро")).toEqual(new Set([0, 1]));
    expect(await route("метроп")).toEqual(new Set([1]));
  });
});
