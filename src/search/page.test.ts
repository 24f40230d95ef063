import { describe, expect, it } from "vitest";
import type { Article, Term } from "../archive.ts";
import { filterChoices } from "./page.ts";

const term = (name: string, articles: number): Term => ({ name, slug: name, url: `/tags/${name}/`, articles: Array.from({ length: articles }, () => ({}) as Article) });

describe("filterChoices", () => {
  it("lists every term of a small archive, in Ukrainian alphabetical order", () => {
    expect(filterChoices([term("їжа", 1), term("Євро", 5), term("іспит", 2), term("Львів", 3)], "uk")).toEqual(["Євро", "іспит", "їжа", "Львів"]);
  });

  it("lists only the terms with the most articles of a large one, ties by name, so the page stays small", () => {
    const terms = Array.from({ length: 5000 }, (_, i) => term(`тема ${String(i).padStart(4, "0")}`, i % 7 === 0 ? 40 + (i % 3) : 1));
    const choices = filterChoices(terms, "uk");
    expect(choices).toHaveLength(100);
    expect(choices).toEqual([...choices].sort((a, b) => a.localeCompare(b, "uk")));
    // The most used first: 42 articles (i ≡ 14 mod 21), then 41, each by name.
    const expected = terms.filter((_, i) => i % 7 === 0).sort((a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name, "uk")).slice(0, 100);
    expect(choices).toEqual(expected.map((t) => t.name).sort((a, b) => a.localeCompare(b, "uk")));
    expect(expected.every((t) => t.articles.length >= 41)).toBe(true);
  });
});
