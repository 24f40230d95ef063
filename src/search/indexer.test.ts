import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { SearchIndexError, writeSearchIndex, writeSearchParts } from "./indexer.ts";
import { lemmaTablePlan } from "./lemma-table.ts";
import type { SearchRecord } from "./records.ts";

const record = (url: string, content: string): SearchRecord => ({
  url,
  content,
  language: "uk",
  meta: { title: content },
  filters: { tag: ["Київ"] },
  sort: { date: "2021-12-07T08:00:00Z" },
});

const temp = () => mkdtempSync(path.join(tmpdir(), "pagefind-"));

describe("writeSearchIndex", () => {
  it("writes one page per record and clears what an earlier build left", async () => {
    const dir = path.join(temp(), "pagefind");
    mkdirSync(path.join(dir, "fragment"), { recursive: true });
    writeFileSync(path.join(dir, "fragment", "stale.pf_fragment"), "old");
    const result = await writeSearchIndex([record("/a/", "Кремль"), record("/b/", "Київ")], dir, "uk");
    expect(result.pageCount).toBe(2);
    expect(existsSync(path.join(dir, "fragment", "stale.pf_fragment"))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")).languages.uk.page_count).toBe(2);
  });

  it("bundles the fragments of consecutive articles into files of the bundle size, and every article is still indexed", async () => {
    const dir = path.join(temp(), "pagefind");
    const records = Array.from({ length: 25 }, (_, i) => record(`/2021/${String(i).padStart(2, "0")}/`, `стаття номер${i}`));
    const result = await writeSearchIndex(records, dir, "uk", { bundleSize: 8 });
    expect(result.pageCount).toBe(25);
    // 25 articles in bundles of 8: four files, where a file per article would be 25.
    expect(readdirSync(path.join(dir, "fragment"))).toHaveLength(4);
  });

  it("refuses two records at one address, naming it, since Pagefind would silently keep only one", async () => {
    const dir = path.join(temp(), "pagefind");
    const failure = writeSearchIndex([record("/a/", "один"), record("/a/", "два")], dir, "uk");
    await expect(failure).rejects.toThrow(SearchIndexError);
    await expect(failure).rejects.toThrow("/a/");
  });
});

describe("writeSearchParts", () => {
  // A part's "articles" here are its records already; the writer only hands them back to `records`.
  const parts = (revision2022: string) => [
    { id: "2023", fingerprint: "c3", articles: [record("/2023/a/", "Кремль кремльzz"), record("/2023/b/", "Кушнірка кушнірокzn zqкушнірка")] },
    { id: "2022", fingerprint: revision2022, articles: [record("/2022/a/", "Києві київzz кийzz"), record("/2022/b/", "метро метроzz")] },
    { id: "2021", fingerprint: "a1", articles: [record("/2021/a/", "зерно")] },
  ];

  it("indexes every part at first, keeping Pagefind's loader in the primary (oldest) part only", async () => {
    const out = temp();
    const result = await writeSearchParts({ parts: parts("b2"), previous: {}, outputDir: out, language: "uk", records: (a) => [...a] });
    const table = lemmaTablePlan(parts("b2"));
    expect(result.fingerprints).toEqual({ "2023": "c3", "2022": "b2", "2021": "a1", lemmas: table.fingerprint });
    expect(result.parts.map((p) => [p.folder, p.reused])).toEqual([["2023.c3", false], ["2022.b2", false], ["2021.a1", false], [`lemmas.${table.fingerprint}`, false]]);
    // Each part lists its lemmas for the query side's table, which holds their every form.
    expect(readFileSync(path.join(out, "pagefind", "2022.b2", "lemmas.txt"), "utf8")).toBe("кий\nкиїв\nметро");
    const chunks = result.parts[3]!.files.map((f) => readFileSync(path.join(out, f), "utf8")).join("");
    expect(chunks).toMatch(/^києвом (?:.* )?київ/m);
    expect(chunks).toMatch(/^кремлеві кремль$/m);
    // A person's name the dictionary lacks: its part lists the forms generated for it, and the table every one.
    expect(readFileSync(path.join(out, "pagefind", "2023.c3", "names.txt"), "utf8")).toMatch(/^@кушнірок кушнірок (?:.* )?кушнірком[ \n]/);
    expect(chunks).toMatch(/^кушнірком @кушнірок$/m);
    const names = (i: number) => result.parts[i]!.files.map((f) => f.split("/").slice(2).join("/"));
    expect(names(2)).toEqual(expect.arrayContaining(["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind", "pagefind-entry.json"]));
    expect(names(0).some((f) => f.endsWith(".js") || f.startsWith("wasm."))).toBe(false);
    expect(names(0)).toContain("pagefind-entry.json");
    // Pagefind's prebuilt UI is neither kept nor listed.
    expect(existsSync(path.join(out, "pagefind", "2021.a1", "pagefind-ui.js"))).toBe(false);
    for (const file of result.parts.flatMap((p) => p.files)) expect(existsSync(path.join(out, file)), file).toBe(true);
  });

  it("into a fresh staging folder, indexes again only the part whose fingerprint changed or whose files are gone", async () => {
    const first = temp();
    const before = await writeSearchParts({ parts: parts("b2"), previous: {}, outputDir: first, language: "uk", records: (a) => [...a] });
    const entry2021 = path.join(first, "pagefind", "2021.a1", "pagefind-entry.json");
    const mtime = statSync(entry2021).mtimeMs;

    const staging = temp();
    const records = vi.fn((a: readonly SearchRecord[]) => [...a]);
    const changed = [...parts("b3")];
    changed[1]!.articles.push(record("/2022/c/", "нове"));
    const after = await writeSearchParts({ parts: changed, previous: before.fingerprints, previousDir: first, outputDir: staging, language: "uk", records });
    expect(records).toHaveBeenCalledTimes(1);
    expect(records.mock.calls[0]![0].map((r) => r.url)).toEqual(["/2022/a/", "/2022/b/", "/2022/c/"]);
    expect(after.parts.slice(0, 3).map((p) => [p.folder, p.reused])).toEqual([["2023.c3", true], ["2022.b3", false], ["2021.a1", true]]);
    expect(after.fingerprints).toEqual({ "2023": "c3", "2022": "b3", "2021": "a1", lemmas: lemmaTablePlan(changed).fingerprint });
    // The table made from reused and new parts is the one a cold build of the same parts makes.
    const cold = temp();
    const coldResult = await writeSearchParts({ parts: changed, previous: {}, outputDir: cold, language: "uk", records: (a) => [...a] });
    const tableOf = (dir: string, result: typeof after) => result.parts[3]!.files.map((f) => [f, readFileSync(path.join(dir, f), "utf8")]);
    expect(tableOf(staging, after)).toEqual(tableOf(cold, coldResult));
    // Reused files stay where they were, untouched; only the changed part is in the staging folder.
    expect(statSync(entry2021).mtimeMs).toBe(mtime);
    expect(existsSync(path.join(staging, "pagefind", "2021.a1"))).toBe(false);
    for (const part of after.parts) for (const file of part.files) expect(existsSync(path.join(part.reused ? first : staging, file)), file).toBe(true);
    expect(after.parts[0]!.files).toEqual(before.parts[0]!.files);

    // A part whose files went missing is indexed again even though its fingerprint did not change.
    const again = temp();
    writeFileSync(path.join(first, "pagefind", "2023.c3", "pagefind-entry.json"), "{}");
    const third = await writeSearchParts({ parts: changed, previous: after.fingerprints, previousDir: first, outputDir: again, language: "uk", records });
    expect(third.parts.map((p) => p.reused)).toEqual([false, false, true, false]);
  });

  it("makes each part's records while Pagefind writes the previous part's files, skipping reused parts", async () => {
    const first = temp();
    const before = await writeSearchParts({ parts: parts("b2"), previous: {}, outputDir: first, language: "uk", records: (a) => [...a] });
    // 2023 and 2021 change, 2022 is reused: 2021's records are made while 2023's files are being written.
    const changed = parts("b2").map((part) => (part.id === "2022" ? part : { ...part, fingerprint: `${part.fingerprint}-2` }));
    const staging = temp();
    const entryOf = (id: string) => path.join(staging, "pagefind", `${id}.${changed.find((p) => p.id === id)!.fingerprint}`, "pagefind-entry.json");
    const seen: [string, boolean][] = [];
    await writeSearchParts({
      parts: changed,
      previous: before.fingerprints,
      previousDir: first,
      outputDir: staging,
      language: "uk",
      records: (a) => {
        seen.push([a[0]!.url, existsSync(entryOf("2023"))]);
        return [...a];
      },
    });
    expect(seen).toEqual([
      ["/2023/a/", false],
      ["/2021/a/", false],
    ]);
    expect(existsSync(entryOf("2023")) && existsSync(entryOf("2021"))).toBe(true);
  });

  it("splits the index into chunks of the chunk size in word occurrences, and leaves the environment as it was", async () => {
    // 60 articles of 100 distinct words each: 6,000 word occurrences, one file under Pagefind's own 20,000.
    const articles = Array.from({ length: 60 }, (_, i) =>
      record(`/2021/${String(i).padStart(2, "0")}/`, Array.from({ length: 100 }, (_, w) => `слово${String.fromCharCode(0x430 + (w % 32))}${w}x${i % 7}`).join(" ")),
    );
    const chunksOf = async (indexChunkSize?: number) => {
      const out = temp();
      const result = await writeSearchParts({ parts: [{ id: "2021", fingerprint: "x", articles }], previous: {}, outputDir: out, language: "uk", records: (a) => [...a], indexChunkSize });
      return result.parts[0]!.files.filter((f) => f.includes("/index/")).length;
    };
    const before = process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
    try {
      delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
      // Pagefind counts an article's occurrences of a word plus one, and its title's (the metadata) too: 18,000 here.
      expect(await chunksOf()).toBeLessThanOrEqual(2);
      expect(process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE).toBeUndefined();
      // The option wins over a value in the environment, which is there again afterwards. At most about 1,000 a file
      // (a chunk closes at the word that reaches the size): at least 18 files.
      process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = "100000";
      expect(await chunksOf(1000)).toBeGreaterThanOrEqual(18);
      expect(process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE).toBe("100000");
    } finally {
      if (before === undefined) delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
      else process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = before;
    }
  });

  it("fails on a part whose records Pagefind cannot all index, naming the addresses", async () => {
    const failure = writeSearchParts({
      parts: [{ id: "2021", fingerprint: "x", articles: [record("/2021/a/", "один"), record("/2021/a/", "два")] }],
      previous: {},
      outputDir: temp(),
      language: "uk",
      records: (a) => [...a],
    });
    await expect(failure).rejects.toThrow(/2021\/a\//);
  });
});
