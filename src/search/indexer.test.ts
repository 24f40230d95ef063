import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SearchIndexError, writeSearchIndex } from "./indexer.ts";
import type { SearchRecord } from "./records.ts";

const record = (url: string, content: string): SearchRecord => ({
  url,
  content,
  language: "uk",
  meta: { title: content },
  filters: { tag: ["Київ"] },
  sort: { date: "2021-12-07T08:00:00Z" },
});

describe("writeSearchIndex", () => {
  it("writes one page per record and clears what an earlier build left", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pagefind-")), "pagefind");
    mkdirSync(path.join(dir, "fragment"), { recursive: true });
    writeFileSync(path.join(dir, "fragment", "stale.pf_fragment"), "old");
    const result = await writeSearchIndex([record("/a/", "Кремль"), record("/b/", "Київ")], dir, "uk");
    expect(result.pageCount).toBe(2);
    expect(existsSync(path.join(dir, "fragment", "stale.pf_fragment"))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")).languages.uk.page_count).toBe(2);
  });

  it("refuses two records at one address, naming it, since Pagefind would silently keep only one", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "pagefind-")), "pagefind");
    const failure = writeSearchIndex([record("/a/", "один"), record("/a/", "два")], dir, "uk");
    await expect(failure).rejects.toThrow(SearchIndexError);
    await expect(failure).rejects.toThrow("/a/");
  });
});
