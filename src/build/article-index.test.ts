import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bodyStartOf, readArticles, type ArticleSource } from "../articles.ts";
import { formatDateline, type ArticleDate } from "../dates.ts";
import { readArticleIndex, readPartPages, writeArticleIndex, writePartPages } from "./article-index.ts";

describe("the article index the render parts read", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "article-index-"));
  const articles = path.join(dir, "articles", "2022", "03");
  mkdirSync(articles, { recursive: true });
  // Every field an article can have, with the hard cases: a time on the night the clock changes, a date without a
  // time, quotes and apostrophes, a draft.
  writeFileSync(
    path.join(articles, "full.md"),
    [
      "---",
      `title: "«Нічна зміна»: як працює об'єкт \\"Південь\\""`,
      "date: 2022-03-27 02:30",
      'updated: "2022-03-27T04:15:00+03:00"',
      "author: [Ірина Бондар, Олег О'Коннор]",
      "tags: [економіка, енергетика, Київ]",
      'lead: "Перший рядок; <b>не HTML</b> & не Markdown *зірочки*."',
      "slug: nichna-zmina",
      "image: ./photo.jpg",
      "imageAlt: Будівля з сонячними панелями",
      "imageCaption: Станція вночі",
      "imageCredit: УНІАН",
      "draft: true",
      "---",
      "",
      "Тіло статті ![схема](./scheme.png) тут.",
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(articles, "short.md"), "---\ntitle: Коротко\ndate: 2021-12-07\nauthor: Редакція\n---\nЛише тіло.\n");
  const { articles: sources, problems } = readArticles(path.join(dir, "articles"), { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
  const full = sources.find((a) => a.slug === "nichna-zmina")!;
  // The build adds the photos' sizes before it writes the index (src/build/index.ts).
  Object.assign(full, {
    picture: { key: "0123456789abcdef", width: 1600, height: 900, widths: [480, 960, 1600], fallback: "jpeg" },
    bodyPictures: { "./scheme.png": { key: "fedcba9876543210", width: 300, height: 200, widths: [300], fallback: "png" } },
  });
  const file = path.join(dir, "articles.json");
  writeArticleIndex(file, sources);
  const read = readArticleIndex(file);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts from articles that fill every field", () => {
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(sources).toHaveLength(2);
    const fields: (keyof ArticleSource)[] = ["file", "title", "lead", "authors", "tags", "date", "updated", "slug", "image", "imageAlt", "imageCaption", "imageCredit", "bodyImages", "picture", "bodyPictures", "draft", "revision"];
    for (const field of fields) expect(full[field], field).toBeDefined();
    expect(full.draft).toBe(true);
  });

  it("gives every field back as the articles were read, dates as dates in the site's zone", () => {
    expect(read).toHaveLength(sources.length);
    const date = (value: ArticleDate) => ({ iso: value.instant.toISO(), zone: value.instant.zoneName, hasTime: value.hasTime, dateline: formatDateline(value) });
    sources.forEach((source, i) => {
      const back = read[i]!;
      expect(Object.keys(back).sort(), source.file).toEqual(Object.keys(source).sort());
      for (const key of Object.keys(source) as (keyof ArticleSource)[]) {
        const value = source[key];
        if (key === "date" || key === "updated") expect(date(back[key]!), `${source.file} ${key}`).toEqual(date(value as ArticleDate));
        else expect(back[key], `${source.file} ${key}`).toEqual(value);
      }
      expect(back.body).toBe(source.body);
      expect(bodyStartOf(back)).toBe(bodyStartOf(source));
    });
    expect(read.map((a) => a.date.hasTime).sort()).toEqual([false, true]);
  });

  it("leaves the bodies on disk: the index holds front matter only", () => {
    expect(readFileSync(file, "utf8")).not.toContain("Тіло статті");
  });
});

describe("a part's pages file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "part-pages-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const listing = (n: number) => JSON.stringify({ url: `/page/${n}/`, title: `Сторінка ${n} «з лапками» \\ і "такими"`, articles: [] });

  it("reads back every page, written a page at a time past the write buffer", () => {
    // About 3 MB: several flushes of the 1 MiB buffer, and a page cut by none of them.
    const listings = Array.from({ length: 30_000 }, (_, n) => listing(n));
    const file = path.join(dir, "many.json");
    function* lazily() {
      yield* listings;
    }
    writePartPages(file, [], lazily());
    const read = readPartPages(file);
    expect(read.articles).toEqual([]);
    expect(read.listings).toHaveLength(30_000);
    expect(read.listings.map((page) => JSON.stringify(page))).toEqual(listings);
  });

  it("writes a part with no pages", () => {
    const file = path.join(dir, "none.json");
    writePartPages(file, [], []);
    expect(readPartPages(file)).toEqual({ articles: [], listings: [] });
  });
});
