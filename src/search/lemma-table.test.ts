import { describe, expect, it } from "vitest";
import { tableSplits, writeTableChunks } from "./lemma-table.ts";
import { chunkLemmas, chunkOf, parseChunk } from "./words.ts";

describe("the lemma table's split prefixes", () => {
  // 40 forms of при- (about 25 bytes a line), 4 of ніч: a limit of 200 bytes splits при- and, inside it, прик-.
  const table = new Map<string, string[]>([
    ...Array.from({ length: 20 }, (_, i): [string, string[]] => [`привід${"абвгдежзиклмнопрстуф"[i]}`, ["привід"]]),
    ...Array.from({ length: 20 }, (_, i): [string, string[]] => [`приклад${"абвгдежзиклмнопрстуф"[i]}`, ["приклад"]]),
    ["ніч", ["ніч"]], ["ночі", ["ніч"]], ["ніччю", ["ніч"]], ["при", ["при"]],
  ]);

  it("splits every group of forms over the limit by one more letter, until it fits or cannot be split", () => {
    const splits = tableSplits(table, 200);
    expect(splits).toEqual(["при", "прив", "приві", "привід", "прик", "прикл", "прикла", "приклад"]);
    expect(tableSplits(table, 10_000)).toEqual([]);
  });

  it("counts a form as long as the prefix toward its group's size, and splits only a group over the limit", () => {
    // Lines of 9, 11 and 11 bytes: 31 in the абв- group; абв itself is in no group of four letters.
    const small = new Map([["абв", ["x"]], ["абвг", ["x"]], ["абвд", ["x"]]]);
    expect(tableSplits(small, 31)).toEqual([]);
    expect(tableSplits(small, 30)).toEqual(["абв"]);
  });

  it("writes each form into the chunk the search page computes for it with the same splits", () => {
    const splits = new Set(tableSplits(table, 200));
    const chunks = writeTableChunks(table, 16, splits);
    for (const { index, text } of chunks) for (const form of parseChunk(text).keys()) expect(chunkOf(form, 16, splits), form).toBe(index);
    expect(chunks.reduce((sum, { text }) => sum + parseChunk(text).size, 0)).toBe(table.size);
    for (const { text } of chunks) for (const [form, lemmas] of parseChunk(text)) expect(chunkLemmas(text, form), form).toEqual(lemmas);
  });
});
