import { describe, expect, it } from "vitest";
import { Archive } from "./archive.ts";
import { parseArticle } from "./articles.ts";
import { parseArticleDate } from "./dates.ts";
import { resolveOptions } from "./options.ts";
import { articlePage, articleView, siteContext } from "./pages.ts";

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
    const { page } = articlePage(articleView(placed!), siteContext(resolveOptions({}), "/", "/assets/a.css"), "<p>Текст</p>");
    expect(page.description).toBe(lead);
    expect(page.meta.find((m) => m.key === "og:description")!.content).toBe(lead);
  });
});

describe("articlePage", () => {
  it("describes an article without a lead by the text of its rendered body", () => {
    const site = siteContext(resolveOptions({}), "/", "/assets/a.css");
    const [article] = new Archive(
      [{ file: "a.md", title: "Заголовок", lead: "", authors: [], tags: [], slug: "a", draft: false, body: "", revision: "r", date: parseArticleDate("2021-12-07") }],
      { pageSize: 10, relatedCount: 0 },
    ).articles;
    const page = articlePage(articleView(article!), site, "<h2>Що відомо</h2><p>Ціни &amp; тарифи <em>зросли</em>.</p>");
    expect(page.page.description).toBe("Що відомо Ціни & тарифи зросли.");
  });
});
