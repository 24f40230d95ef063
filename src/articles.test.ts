import { describe, expect, it } from "vitest";
import { parseArticle, splitFrontMatter } from "./articles.ts";

const options = { timeZone: "Europe/Kyiv", slugMaxLength: 80 };
const parse = (text: string) => parseArticle("articles/x.md", text, options);
const errors = (text: string) => parse(text).problems.filter((p) => p.severity === "error");

describe("parseArticle", () => {
  it("reads every front matter field", () => {
    const { article, problems } = parse(`---
title: "Путін вимагав від Байдена гарантій"
date: "7 грудня 2021, 22:21"
author: [Татьяна Шевченко, Іван Франко]
tags: [Путін, Кремль]
lead: Кремль оприлюднив свою версію.
updated: 2021-12-08 10:00
image: /images/a.jpg
imageAlt: Опис
draft: false
---
Текст статті.
`);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      title: "Путін вимагав від Байдена гарантій",
      authors: ["Татьяна Шевченко", "Іван Франко"],
      tags: ["Путін", "Кремль"],
      lead: "Кремль оприлюднив свою версію.",
      slug: "putin-vymahav-vid-baidena-harantii",
      image: "/images/a.jpg",
      imageAlt: "Опис",
      draft: false,
      body: "Текст статті.\n",
    });
    expect(article!.date.instant.toISO({ suppressMilliseconds: true })).toBe("2021-12-07T22:21:00+02:00");
    expect(article!.updated!.instant.toISO({ suppressMilliseconds: true })).toBe("2021-12-08T10:00:00+02:00");
  });

  it("reads an unquoted timestamp as Kyiv wall-clock time, never UTC", () => {
    const { article } = parse("---\ntitle: a\ndate: 2022-08-24 09:00\nlead: l\nauthor: a\n---\nx");
    expect(article!.date.instant.toISO({ suppressMilliseconds: true })).toBe("2022-08-24T09:00:00+03:00");
    const dateOnly = parse("---\ntitle: a\ndate: 2020-05-15\n---\nx").article!;
    expect(dateOnly.date.hasTime).toBe(false);
  });

  it("accepts one author and one tag as plain text", () => {
    const { article } = parse("---\ntitle: a\ndate: 2020-05-15\nauthor: Іван\ntags: Київ\n---\nx");
    expect(article!.authors).toEqual(["Іван"]);
    expect(article!.tags).toEqual(["Київ"]);
  });

  it("names the field and line of each error, and reports them all at once", () => {
    const problems = errors("---\ntags: 5\ndate: 2021-13-45\ndraft: maybe\n---\nx");
    expect(problems.map((p) => p.field).sort()).toEqual(["date", "draft", "tags", "title"]);
    expect(problems.find((p) => p.field === "date")).toMatchObject({ file: "articles/x.md", line: 3 });
    expect(problems.find((p) => p.field === "draft")!.line).toBe(4);
  });

  it("rejects missing front matter, broken YAML and wrong types", () => {
    expect(errors("Просто текст")[0]).toMatchObject({ field: "front matter" });
    expect(errors("---\ntitle: [unclosed\ndate: 2021-01-01\n---\n")[0]).toMatchObject({ field: "front matter" });
    expect(errors("---\ntitle: [a, b]\ndate: 2021-01-01\n---\n")[0]).toMatchObject({ field: "title" });
    expect(errors("---\ntitle: 1991\ndate: 2021-01-01\n---\n")[0]!.message).toMatch(/quotes/);
    expect(errors("---\ntitle: a\n---\n")[0]).toMatchObject({ field: "date" });
    expect(errors("---\ntitle: a\ndate: 2021-01-01\nslug: Погано\n---\n")[0]).toMatchObject({ field: "slug" });
    expect(errors("---\ntitle: a\ndate: 2021-01-01\nauthor: {name: x}\n---\n")[0]).toMatchObject({ field: "author" });
    expect(parse("---\ntitle: a\ndate: 2021-13-01\n---\n").article).toBeUndefined();
  });

  it("warns about suspicious but buildable articles", () => {
    const { article, problems } = parse("---\ntittle: x\ntitle: a\ndate: 2021-01-01\n---\n");
    expect(article).toBeDefined();
    const warnings = problems.filter((p) => p.severity === "warning");
    expect(warnings.map((p) => p.field).sort()).toEqual(["author", "body", "lead", "tittle"]);
    expect(warnings.find((p) => p.field === "tittle")!.message).toMatch(/did you mean "title"/);
  });

  it("drops control characters from text fields", () => {
    const { article } = parse('---\ntitle: "Заго\\u0007ловок"\ndate: 2021-01-01\ntags: ["те\\u0001г"]\n---\n');
    expect(article!.title).toBe("Заголовок");
    expect(article!.tags).toEqual(["тег"]);
  });

  it("falls back to the file name when the title has nothing to romanize", () => {
    expect(parseArticle("articles/2021/zvit.md", "---\ntitle: '!!!'\ndate: 2021-01-01\n---\n", options).article!.slug).toBe("zvit");
  });
});

describe("splitFrontMatter", () => {
  it("handles CRLF and a byte order mark", () => {
    const parts = splitFrontMatter("\uFEFF---\r\ntitle: a\r\n---\r\nТіло")!;
    expect(parts.frontMatter).toBe("title: a");
    expect(parts.body).toBe("Тіло");
  });
  it("returns undefined without an opening line", () => {
    expect(splitFrontMatter("title: a\n---\n")).toBeUndefined();
  });
});
