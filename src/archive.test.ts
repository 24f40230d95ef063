import { describe, expect, it } from "vitest";
import { Archive, type Article } from "./archive.ts";
import type { ArticleSource } from "./articles.ts";
import { parseArticleDate } from "./dates.ts";

function source(file: string, overrides: Partial<Omit<ArticleSource, "date">> & { date: string }): ArticleSource {
  return {
    file,
    title: overrides.title ?? file,
    lead: "",
    authors: [],
    tags: [],
    slug: file.replace(/\W+/g, "-"),
    draft: false,
    body: "",
    revision: file,
    ...overrides,
    date: parseArticleDate(overrides.date),
  };
}

/** Follows rel="next" from a listing's first page, as a crawler would. */
function crawl(archive: Archive, firstUrl: string): Article[] {
  const byUrl = new Map(archive.listingPages.map((p) => [p.url, p]));
  const seen: Article[] = [];
  for (let page = byUrl.get(firstUrl); page; page = page.nextUrl ? byUrl.get(page.nextUrl) : undefined) seen.push(...page.articles);
  return seen;
}

describe("Archive", () => {
  it("orders articles newest first and places them at /yyyy/mm/slug/ in Kyiv time", () => {
    const archive = new Archive(
      [source("a", { date: "2021-12-07 22:21" }), source("b", { date: "2022-12-31T22:30:00Z" }), source("c", { date: "2020-05-15" })],
      { pageSize: 10, relatedCount: 3 },
    );
    expect(archive.articles.map((a) => a.url)).toEqual(["/2023/01/b/", "/2021/12/a/", "/2020/05/c/"]);
    expect(archive.years.map((y) => y.year)).toEqual([2023, 2021, 2020]);
    expect(archive.articles[1]!.newer!.url).toBe("/2023/01/b/");
    expect(archive.articles[1]!.older!.url).toBe("/2020/05/c/");
  });

  it("gives colliding addresses -2, -3 in date order and warns", () => {
    const archive = new Archive(
      [
        source("late.md", { date: "2021-12-20", slug: "zvit" }),
        source("early.md", { date: "2021-12-01", slug: "zvit" }),
        source("middle.md", { date: "2021-12-10", slug: "zvit" }),
        source("taken.md", { date: "2021-12-02", slug: "zvit-2" }),
      ],
      { pageSize: 10, relatedCount: 0 },
    );
    const urls = Object.fromEntries(archive.articles.map((a) => [a.file, a.url]));
    expect(urls).toEqual({
      "early.md": "/2021/12/zvit/",
      "taken.md": "/2021/12/zvit-2/",
      "middle.md": "/2021/12/zvit-3/",
      "late.md": "/2021/12/zvit-4/",
    });
    expect(archive.problems.map((p) => p.file).sort()).toEqual(["late.md", "middle.md"]);
    expect(new Set(Object.values(urls)).size).toBe(4);
  });

  it("merges tags that slug the same under the most used spelling", () => {
    const archive = new Archive(
      [
        source("a", { date: "2021-01-01", tags: ["Київ"] }),
        source("b", { date: "2021-01-02", tags: ["КИЇВ"] }),
        source("c", { date: "2021-01-03", tags: ["Київ", "київ"] }),
      ],
      { pageSize: 10, relatedCount: 3 },
    );
    expect(archive.tags).toHaveLength(1);
    expect(archive.tags[0]).toMatchObject({ name: "Київ", slug: "kyiv", url: "/tags/kyiv/" });
    expect(archive.tags[0]!.articles.map((a) => a.file)).toEqual(["c", "b", "a"]);
  });

  it("paginates every listing so that rel=next from page 1 reaches every article", () => {
    const sources = Array.from({ length: 47 }, (_, i) =>
      source(`a${i}`, { date: `2021-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`, tags: i % 3 ? ["Київ"] : ["Львів"], authors: [`Автор ${i % 4}`] }),
    );
    const archive = new Archive(sources, { pageSize: 5, relatedCount: 3 });
    expect(crawl(archive, "/")).toHaveLength(47);
    expect(archive.listingPages.find((p) => p.url === "/page/2/")).toMatchObject({ previousUrl: "/", nextUrl: "/page/3/", pageCount: 10 });
    for (const term of [...archive.tags, ...archive.authors]) expect(crawl(archive, term.url)).toEqual(term.articles);
    for (const year of archive.years) {
      expect(crawl(archive, year.url)).toEqual(year.articles);
      for (const month of year.months) expect(crawl(archive, month.url)).toEqual(month.articles);
    }
    const urls = archive.listingPages.map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("relates articles by shared tags, most shared first, never itself", () => {
    const archive = new Archive(
      [
        source("main", { date: "2021-06-01", tags: ["a", "b", "c"] }),
        source("two", { date: "2021-01-01", tags: ["a", "b"] }),
        source("one", { date: "2021-05-30", tags: ["c"] }),
        source("none", { date: "2021-06-02", tags: ["z"] }),
      ],
      { pageSize: 10, relatedCount: 2 },
    );
    const main = archive.articles.find((a) => a.file === "main")!;
    expect(main.related.map((a) => a.file)).toEqual(["two", "one"]);
    expect(archive.articles.find((a) => a.file === "none")!.related).toEqual([]);
  });

  it("has a home page even with no articles", () => {
    const archive = new Archive([], { pageSize: 10, relatedCount: 3 });
    expect(archive.listingPages).toEqual([expect.objectContaining({ url: "/", articles: [], pageCount: 1 })]);
  });
});
