import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexWords } from "./index-words.ts";
import { writeSearchIndex } from "./indexer.ts";
import { writePartMap, writePartWords } from "./part-map.ts";
import { mapChunksOf, mapTerms, partListText, partMapChunkFile, partMapChunkOf, partsHoldingTerms } from "./query.ts";
import type { SearchRecord } from "./records.ts";

const record = (url: string, content: string): SearchRecord => ({ url, content, language: "uk", meta: { title: url }, filters: {}, sort: { date: "2021-12-07T08:00:00Z" } });

const root = mkdtempSync(path.join(tmpdir(), "part-map-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Parts indexed by Pagefind itself, newest first, and their map. */
async function mapOf(parts: string[][]): Promise<{ chunks: number; route: (query: string) => Set<number> | undefined }> {
  const folders: string[] = [];
  for (const [i, texts] of parts.entries()) {
    const folder = path.join(root, `${folders.length}-${Date.now()}`);
    await writeSearchIndex(texts.map((text, j) => record(`/${i}/${j}/`, text)), folder, "uk");
    writePartWords(folder);
    folders.push(folder);
  }
  const target = path.join(root, `map-${Date.now()}`);
  mkdirSync(target);
  const chunks = 16;
  expect(writePartMap(folders, target, chunks)).toHaveLength(chunks);
  const read = (term: string) => readFileSync(path.join(target, partMapChunkFile(partMapChunkOf(term, chunks))), "utf8");
  return { chunks, route: (query) => partsHoldingTerms(mapTerms(query), read) };
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
    const { route } = await mapOf([
      ["Об’єкт у Києві будь-який ЗСУ café 2022", "йод Їжак"],
      ["метро Київське", "Кремль кремльzz"],
      ["зерно Київ"],
    ]);
    // Apostrophes, hyphens, capitals, й/ї and accents as a reader types them, folded as Pagefind folds its words.
    expect(route("об’єкт")).toEqual(new Set([0]));
    expect(route("будь-який")).toEqual(new Set([0]));
    expect(route("Який")).toEqual(new Set([0]));
    expect(route("зсу")).toEqual(new Set([0]));
    expect(route("Cafe")).toEqual(new Set([0]));
    expect(route("café")).toEqual(new Set([0]));
    expect(route("йод")).toEqual(new Set([0]));
    expect(route("їжак")).toEqual(new Set([0]));
    expect(route("2022")).toEqual(new Set([0]));
    // Prefixes, every term of a search, and quoted searches.
    expect(route("киї")).toEqual(new Set([1, 2]));
    expect(route("києві")).toEqual(new Set([0]));
    expect(route("Київ метро")).toEqual(new Set([1]));
    expect(route('"кремльzz"')).toEqual(new Set([1]));
    expect(route("рогорепо")).toEqual(new Set());
    expect(route("київ рогорепо")).toEqual(new Set());
    // Terms too short to look up tell nothing: every part may answer.
    expect(route("у")).toBeUndefined();
    expect(route("у метро")).toEqual(new Set([1]));
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

  it("needs one chunk a term, none for a short one", () => {
    expect(mapChunksOf(["метро", "метрополітен", "у"], 64)).toEqual([partMapChunkOf("мет", 64)]);
  });
});
