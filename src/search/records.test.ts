import { describe, expect, it } from "vitest";
import { Archive } from "../archive.ts";
import { readArticles } from "../articles.ts";
import { createArticleRenderer } from "../markdown.ts";
import { htmlToText } from "../text.ts";
import { searchRecords, sortInstant } from "./records.ts";
import { readUnsearchable } from "./words.ts";

const fixture = new URL("../../test/fixtures/search-articles", import.meta.url).pathname;

function fixtureArchive(): Archive {
  const { articles, problems } = readArticles(fixture, { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return new Archive(articles, { pageSize: 10, relatedCount: 2 });
}

const render = createArticleRenderer();
const settings = { language: "uk", pathPrefix: "/", bodyHtml: (article: { body: string }) => render(article.body) };

describe("search records", () => {
  const archive = fixtureArchive();
  const records = searchRecords(archive.articles, settings);

  it("makes exactly one record per article, at the article's address", () => {
    expect(records).toHaveLength(archive.articles.length);
    expect(records.map((r) => r.url)).toEqual(archive.articles.map((a) => a.url));
    expect(new Set(records.map((r) => r.url)).size).toBe(records.length);
  });

  it("indexes headline, lead and body text, never markup or page chrome", () => {
    const record = records.find((r) => r.meta.title === "Заява з Кремля")!;
    expect(record.language).toBe("uk");
    expect(record.content).toBe(
      "Заява з Кремля\n\nРечник Кремля не назвав дати можливої зустрічі.\n\nУ Кремлі заявили про готовність до зустрічі на найвищому рівні. Журналісти чекали на брифінг понад годину.",
    );
    expect(record.content).not.toMatch(/Головна|Теги|<p>/);
  });

  it("keeps article text as text: entities decoded, tags from the author's text kept literally", () => {
    const record = records.find((r) => r.url.startsWith("/2020/06/"))!;
    expect(record.meta.title).toBe("Як писати <b>жирним</b> у Markdown");
    expect(record.content).toContain('код на кшталт <img src=x onerror="window.__xss=1"> у текст');
    expect(record.content).toContain("Символи & та < мають");
  });

  it("carries the dateline as shown, the display names of tags and authors, and the year as filters", () => {
    const record = records.find((r) => r.meta.title === "Київське метро подовжило роботу")!;
    expect(readUnsearchable(record.meta.date!)).toBe("10 травня 2023, 12:00");
    // Pagefind searches metadata too: the dateline is one word of letters and digits that no query reaches.
    expect(record.meta.date).toMatch(/^zzm[0-9a-f]+$/);
    expect(record.filters).toEqual({ tag: ["Київ", "Транспорт"], author: ["Олена Коваль"], year: ["2023"] });
    expect(record.meta).not.toHaveProperty("image");
  });

  it("sorts by a fixed-width UTC instant, so string order is date order across clock changes", () => {
    for (const record of records) expect(record.sort.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const kyivSummer = records.find((r) => r.meta.title === "Київське метро подовжило роботу")!;
    expect(kyivSummer.sort.date).toBe("2023-05-10T09:00:00Z");
    const byKey = [...records].sort((a, b) => b.sort.date.localeCompare(a.sort.date)).map((r) => r.url);
    expect(byKey).toEqual(archive.articles.map((a) => a.url));
  });

  it("puts the path prefix into addresses, and carries nothing searchable but the headline besides the text", () => {
    const placed = archive.articles[0]!;
    // The body is a getter of the article's class, which a spread leaves behind.
    const article = { ...placed, body: placed.body, image: "/images/a.jpg" };
    const [record] = searchRecords([article], { ...settings, pathPrefix: "/sub/" });
    expect(record!.url).toBe(`/sub${article.url}`);
    expect(Object.keys(record!.meta).sort()).toEqual(["date", "title"]);
  });
});

describe("htmlToText", () => {
  it("separates blocks and decodes entities", () => {
    expect(htmlToText("<h2>Один</h2><p>два&nbsp;&amp; <em>три</em></p><ul><li>&#1108;</li><li>&#x27;x&#x27;</li></ul>")).toBe(
      "Один\nдва & три\nє\n'x'",
    );
  });
  it("leaves unknown entities alone", () => {
    expect(htmlToText("<p>&unknown; &#0;</p>")).toBe("&unknown; &#0;");
  });
});

describe("sortInstant", () => {
  it("is UTC", () => {
    const [article] = fixtureArchive().articles.filter((a) => a.title === "Заява з Кремля");
    expect(sortInstant(article!.date)).toBe("2021-12-07T08:00:00Z");
  });
});
