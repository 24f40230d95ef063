import { describe, expect, it } from "vitest";
import { Archive } from "./archive.ts";
import { parseArticle } from "./articles.ts";
import { resolveOptions } from "./options.ts";
import { articlePage, siteContext } from "./pages.ts";

describe("siteContext", () => {
  it("leads to the search page only when the archive has one", () => {
    const withSearch = siteContext(resolveOptions({}), "/", "/assets/a.css");
    expect(withSearch.navigation.map((item) => item.url)).toContain("/search/");
    expect(withSearch.search).toBe(true);
    const without = siteContext(resolveOptions({ search: false }), "/", "/assets/a.css");
    expect(without.navigation.map((item) => item.url)).not.toContain("/search/");
    expect(without.search).toBe(false);
  });
});

describe("articlePage", () => {
  it("describes an article by its lead as written: the lead is plain text, not Markdown to strip", () => {
    const lead = "Ціна зросла (на 5%)! Чому? [Дивіться] #новини *важливо*, а 1 < 2 > 0";
    const { article } = parseArticle("a.md", `---\ntitle: a\ndate: 2021-01-01\nlead: "${lead}"\n---\nТекст`, { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
    const [placed] = new Archive([article!], { pageSize: 10, relatedCount: 0 }).articles;
    const { page } = articlePage(placed!, siteContext(resolveOptions({}), "/", "/assets/a.css"), "<p>Текст</p>");
    expect(page.description).toBe(lead);
    expect(page.meta.find((m) => m.key === "og:description")!.content).toBe(lead);
  });
});
