import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compareFirstQueries, fileGroup, weighFiles, type QueryWeights } from "../scripts/lib/first-query-compare.ts";
import { fileWeight } from "../scripts/lib/first-query.ts";
import { medianOf } from "../scripts/lib/median.ts";

describe("a first search's files, weighed and compared between two builds", () => {
  it("weighs Pagefind's gzipped files unpacked and as stored, text as a CDN gzips it, images as stored", () => {
    const text = Buffer.from("уряд ".repeat(1000));
    const packed = gzipSync(text);
    expect(fileWeight(packed, "index/uk_1.pf_index")).toEqual({ stored: packed.length, uncompressed: text.length, transferred: packed.length });
    const plain = fileWeight(text, "lemmas.x/3.txt");
    expect(plain.stored).toBe(text.length);
    expect(plain.uncompressed).toBe(text.length);
    expect(plain.transferred).toBeLessThan(text.length / 10);
    expect(fileWeight(text, "icon.png").transferred).toBe(text.length);
  });

  it("groups the runtime, the metadata and the lemma table's chunks apart from its split prefixes", () => {
    const groups = {
      "/search/": "page",
      "/assets/search.1b625cc5ee.js": "runtime",
      "/pagefind/2006.b2ed04834c7d/wasm.unknown.pagefind": "runtime",
      "/pagefind/2025-2.3d60f4aac579/pagefind-entry.json": "metadata",
      "/pagefind/2025.3d60f4aac579/pagefind.uk_5ca572ce25.pf_meta": "metadata",
      "/pagefind/2025.3d60f4aac579/index/uk_137076f.pf_index": "index chunks",
      "/pagefind/2025.3d60f4aac579/fragment/uk_group_1b926a3.pf_fragment": "fragments",
      "/pagefind/lemmas.628143cd70f3/27.txt": "lemma chunks",
      "/pagefind/lemmas.628143cd70f3/splits.txt": "splits.txt",
    };
    expect(Object.fromEntries(Object.keys(groups).map((file) => [file, fileGroup(file)]))).toEqual(groups);
  });

  it("gives each query's ratio new/old, in all and without the page and scripts every search pays", () => {
    const weight = (n: number) => ({ stored: n, uncompressed: 2 * n, transferred: n });
    const measured = (query: string, files: [string, number][]): QueryWeights => ({
      query,
      status: "",
      shown: 1,
      ...weighFiles(files.map(([path, n]) => ({ path, weight: weight(n) }))),
    });
    const old = [measured("уряд", [["/search/", 100], ["/pagefind/2025.a/index/uk_1.pf_index", 100]])];
    const fresh = [measured("уряд", [["/search/", 100], ["/pagefind/2025.a/index/uk_1.pf_index", 150], ["/pagefind/lemmas.b/splits.txt", 50]])];
    expect(fresh[0]!.groups["index chunks"]).toEqual({ stored: 150, uncompressed: 300, transferred: 150, requests: 1 });
    expect(fresh[0]!.total.uncompressed).toBe(600);
    const [compared] = compareFirstQueries(old, fresh);
    expect(compared!.ratio.uncompressed).toBe(1.5);
    expect(compared!.ratioWithoutFixed.transferred).toBe(2);
    expect(() => compareFirstQueries(old, [measured("вибори", [])])).toThrow(/same queries/);
  });

  it("takes the median of an even or odd count", () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });
});
