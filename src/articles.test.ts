import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { articleLimits, bodyImagesOf, frontMatterKeys, listArticleFiles, parseArticle, readArticles, splitFrontMatter } from "./articles.ts";

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

  it("tells how to keep a tag that YAML reads as a number or a boolean", () => {
    const problems = errors("---\ntitle: a\ndate: 2021-01-01\ntags: [2022, yes, true]\n---\n");
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/got number 2022; put it in quotes: "2022"$/),
      expect.stringMatching(/got boolean true; put it in quotes: "true"$/),
    ]);
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

  it("refuses image addresses that are not a path or http(s), however they are disguised", () => {
    for (const image of ["javascript:alert(1)", "JavaScript:alert(1)", "java\\tscript:alert(1)", "data:image/png;base64,AAA", "//evil.example/a.jpg"]) {
      expect(errors(`---\ntitle: a\ndate: 2021-01-01\nimage: "${image}"\nimageAlt: x\n---\n`)[0], image).toMatchObject({ field: "image", line: 4 });
    }
    for (const image of ["/images/a.jpg", "https://cdn.example/a.jpg", "images/a.jpg"]) {
      expect(errors(`---\ntitle: a\ndate: 2021-01-01\nimage: "${image}"\nimageAlt: x\n---\n`), image).toEqual([]);
    }
  });

  it("warns about a date more than a day after the build, which would sit on top of the home page and feeds", () => {
    const now = new Date("2021-12-07T20:21:00Z");
    const at = (date: string) => parseArticle("articles/x.md", `---\ntitle: a\nlead: b\nauthor: c\ndate: "${date}"\n---\nТекст.\n`, { ...options, now });
    expect(at("2021-12-09 12:00").problems).toEqual([
      { severity: "warning", file: "articles/x.md", field: "date", line: 5, message: expect.stringMatching(/^date is more than a day after the build \(7 грудня 2021, 22:21\)/) },
    ]);
    expect(at("2021-12-09 12:00").article).toBeDefined();
    expect(at("2021-12-08 22:00").problems).toEqual([]);
  });

  it("takes the build time for that warning from SOURCE_DATE_EPOCH", () => {
    vi.stubEnv("SOURCE_DATE_EPOCH", "1638908460");
    try {
      expect(parse(`---\ntitle: a\nlead: b\nauthor: c\ndate: "2021-12-10"\n---\nТекст.\n`).problems).toMatchObject([{ severity: "warning", field: "date" }]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("strips bidi controls and zero-width characters from the title, lead, tags and authors, and folds apostrophes in names", () => {
    const { article } = parse(
      '---\ntitle: "Заголовок\\u202E з пасткою"\nlead: "Лід\\u200B"\nauthor: ["Мар\'яна Ко", "Марʼяна Ко\\u200F"]\n' +
        'tags: ["Ки\\u200Bїв", "Мар´яна"]\ndate: 2021-01-01\n---\nТекст.\n',
    );
    expect(article).toMatchObject({ title: "Заголовок з пасткою", lead: "Лід", authors: ["Мар’яна Ко", "Мар’яна Ко"], tags: ["Київ", "Мар’яна"] });
  });

  it("finds a title of invisible characters only empty", () => {
    expect(errors('---\ntitle: "\\u202E\\u200B"\ndate: 2021-01-01\n---\n')).toMatchObject([{ field: "title", message: "title is empty" }]);
  });

  it("refuses image paths a browser would load from another host (backslashes, protocol-relative in disguise)", () => {
    for (const image of ["/\\\\evil.example/x.png", "\\\\evil.example/x.png", "\\\\\\\\evil.example/x.png", "/\\t/evil.example/x.png", " //evil.example/x.png", "images\\\\a.jpg"]) {
      expect(errors(`---\ntitle: a\ndate: 2021-01-01\nimage: "${image}"\nimageAlt: x\n---\n`)[0], image).toMatchObject({ field: "image", line: 4 });
    }
    expect(errors(`---\ntitle: a\ndate: 2021-01-01\nimage: "/\\\\evil.example/x.png"\nimageAlt: x\n---\n`)[0]!.message).toMatch(/backslash/);
  });

  it("keeps an image path as written: the build finds a relative one beside the article (src/images/)", () => {
    const image = (value: string) => parse(`---\ntitle: a\ndate: 2021-01-01\nimage: "${value}"\nimageAlt: x\n---\n`).article!.image;
    expect(image("images/a.jpg")).toBe("images/a.jpg");
    expect(image("./images/a.jpg")).toBe("./images/a.jpg");
    expect(image("/images/a.jpg")).toBe("/images/a.jpg");
    expect(image("HTTPS://cdn.example/a.jpg")).toBe("HTTPS://cdn.example/a.jpg");
  });

  it("reads empty or comment-only front matter as missing fields, not as broken YAML", () => {
    for (const text of ["---\n---\nx", "---\n# заповнити пізніше\n---\nx"]) {
      expect(errors(text).map((p) => p.field)).toEqual(["title", "date"]);
    }
  });

  it("points a YAML error at its line in the file", () => {
    const [problem] = errors("---\ntitle: a\ntitle: b\ndate: 2021-01-01\n---\n");
    expect(problem).toMatchObject({ field: "front matter", line: 3 });
    expect(problem!.message).not.toMatch(/\(\d+:\d+\)/);
  });

  it("falls back to the file name when the title has nothing to romanize", () => {
    expect(parseArticle("articles/2021/zvit.md", "---\ntitle: '!!!'\ndate: 2021-01-01\n---\nТекст\n", options).article!.slug).toBe("zvit");
  });
});

describe("parseArticle on hostile input", () => {
  const base = "title: Заголовок\ndate: 2021-01-01\n";
  const only = (problems: ReturnType<typeof errors>, field: string) => problems.filter((p) => p.field === field);

  it("limits how many tags and authors an article names", () => {
    const list = (n: number, word: string) => `[${Array.from({ length: n }, (_, i) => `${word}${i}`).join(", ")}]`;
    expect(errors(`---\n${base}tags: ${list(articleLimits.tags, "т")}\nauthor: ${list(articleLimits.authors, "а")}\n---\nx`)).toEqual([]);
    const problems = errors(`---\n${base}tags: ${list(10_000, "т")}\nauthor: ${list(articleLimits.authors + 1, "а")}\n---\nx`);
    expect(problems).toEqual([
      expect.objectContaining({ field: "author", line: 5, message: "author names 21 authors; an article may name at most 20" }),
      expect.objectContaining({ field: "tags", line: 4, message: "tags names 10000 tags; an article may name at most 50" }),
    ]);
  });

  it("limits the length of each text field, naming the field", () => {
    const long = (n: number) => "я".repeat(n);
    const fields = `title: ${long(301)}\ndate: 2021-01-01\nlead: ${long(2001)}\nimage: /a.jpg\nimageAlt: ${long(501)}\ntags: [${long(101)}]\nauthor: [${long(101)}]\n`;
    const problems = errors(`---\n${fields}---\nx`);
    expect(problems.map((p) => [p.field, p.line, p.message])).toEqual([
      ["title", 2, "title is 301 characters long; it may be at most 300"],
      ["lead", 4, "lead is 2001 characters long; it may be at most 2000"],
      ["author", 8, `author "${long(20)}…" is 101 characters long; a name may be at most 100`],
      ["tags", 7, `tag "${long(20)}…" is 101 characters long; a name may be at most 100`],
      ["imageAlt", 6, "imageAlt is 501 characters long; it may be at most 500"],
    ]);
    expect(errors(`---\ntitle: ${long(300)}\ndate: 2021-01-01\nlead: ${long(2000)}\ntags: [${long(100)}]\n---\nx`)).toEqual([]);
  });

  it("does not also call a lead or an author list missing when it was refused for its length", () => {
    const list = Array.from({ length: articleLimits.authors + 1 }, (_, i) => `а${i}`).join(", ");
    const { problems } = parse(`---\n${base}lead: ${"я".repeat(articleLimits.lead + 1)}\nauthor: [${list}]\n---\nx`);
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ["lead", "error"],
      ["author", "error"],
    ]);
  });

  it("limits a custom slug as it limits a generated one", () => {
    const slug = `${"a".repeat(80)}-b`;
    expect(only(errors(`---\n${base}slug: ${slug}\n---\nx`), "slug")).toEqual([
      expect.objectContaining({ line: 4, message: "slug is 82 characters long; it may be at most 80 (the slugMaxLength option)" }),
    ]);
    expect(parseArticle("articles/x.md", `---\n${base}slug: ${slug}\n---\nx`, { ...options, slugMaxLength: 100 }).article!.slug).toBe(slug);
  });

  it("refuses an article with no word to search for, as the search index would", () => {
    for (const text of ["---\ntitle: '!!!'\ndate: 2021-01-01\n---\n", "---\ntitle: '!!!'\ndate: 2021-01-01\nlead: —\n---\n![](/a.jpg)\n\n***\n"]) {
      expect(errors(text), text).toEqual([
        expect.objectContaining({ field: "title", line: 2, message: "the title, lead and body hold no letter or digit, so search could not find the article" }),
      ]);
    }
    expect(errors("---\ntitle: '!!!'\ndate: 2021-01-01\nlead: '2022'\n---\n")).toEqual([]);
  });

  it("reports a few unknown keys one by one and many as one error, quickly", { timeout: 20_000 }, () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: v`).join("\n");
    const few = parse(`---\n${base}${keys(articleLimits.unknownKeys)}\n---\nx`).problems.filter((p) => p.field?.startsWith("key"));
    expect(few).toHaveLength(articleLimits.unknownKeys);
    expect(few[3]).toMatchObject({ severity: "warning", line: 7 });
    const started = performance.now();
    const many = parse(`---\n${base}${keys(20_000)}\n---\nx`).problems.filter((p) => p.field !== "author" && p.field !== "lead");
    // Under a second, even on a busy machine; looking each key's line up anew took 55 s.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(many).toEqual([
      expect.objectContaining({
        severity: "error",
        field: "front matter",
        line: 4,
        message: `20000 unknown front matter keys (key0, key1, key2, …); an article may have at most ${articleLimits.unknownKeys}; the known keys are ${frontMatterKeys.join(", ")}`,
      }),
    ]);
  });

  it("says a date was given as a list or an object", () => {
    expect(only(errors("---\ntitle: a\ndate: [2021-12-07]\n---\nx"), "date")).toEqual([
      expect.objectContaining({ line: 3, message: "date must be one date, got a list; write date: 2021-12-07 without brackets" }),
    ]);
    expect(only(errors("---\ntitle: a\ndate: 2021-12-07\nupdated: {day: 8}\n---\nx"), "updated")[0]!.message).toBe(
      "updated must be one date, got a nested object; write e.g. updated: 2021-12-07 22:21",
    );
  });

  it("points an unclosed quote at the line where it opens", () => {
    for (const [text, line] of [
      ['---\nlead: a\ntitle: "Незакриті лапки\ndate: 2021-12-07\n---\nx', 3],
      ["---\ntitle: 'Незакриті\n---\nx", 2],
      ['---\ntags: ["Київ, Львів]\ndate: 2021-12-07\n---\nx', 2],
    ] as const) {
      expect(errors(text), text).toEqual([
        expect.objectContaining({ field: "front matter", line, message: expect.stringMatching(/^the YAML does not parse: unclosed quote/) }),
      ]);
    }
    // Quotes that close early (a quotation inside a quoted title) say so, on their line.
    expect(errors('---\ntitle: "Він сказав "так""\ndate: 2021-12-07\n---\nx')).toEqual([
      expect.objectContaining({ field: "front matter", line: 2, message: "the YAML does not parse: the value's quotes (\") close before its end; quote it with ' instead, or write « » inside" }),
    ]);
    expect(errors("---\ndate: 2021-12-07\nlead: 'Пам'ять' і далі\n---\nx")[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^the YAML does not parse: the value's quotes \('\) close before its end; quote it with "/) });
    // A quoted value may go on over several lines; an error after it is not the quote's.
    expect(errors('---\ntitle: "Два\n  рядки"\ndate: 2021-12-07\n  bad: indent\n---\nx')[0]!.message).not.toMatch(/unclosed quote/);
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

describe("readArticles", () => {
  const article = "---\ntitle: Стаття\ndate: 2021-01-01\nlead: l\nauthor: a\n---\nТекст\n";

  it("refuses a file that is not UTF-8, naming it, and still reads the others", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    writeFileSync(path.join(dir, "good.md"), article);
    // "Привіт" in Windows-1251.
    writeFileSync(path.join(dir, "cp1251.md"), Buffer.concat([Buffer.from("---\ntitle: "), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xb3, 0xf2]), Buffer.from("\ndate: 2021-01-01\n---\n")]));
    const { articles, problems } = readArticles(dir, options);
    expect(articles.map((a) => a.title)).toEqual(["Стаття"]);
    expect(problems).toEqual([expect.objectContaining({ severity: "error", file: path.join(dir, "cp1251.md"), message: expect.stringMatching(/UTF-8/) })]);
  });

  it("keeps the body of a file with a byte order mark intact", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    writeFileSync(path.join(dir, "bom.md"), `\uFEFF${article}`);
    expect(readArticles(dir, options).articles[0]!.body).toBe("Текст\n");
  });

  it("keeps only the front matter in memory: the body is read from the file when asked for, and changes with it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    const file = path.join(dir, "a.md");
    writeFileSync(file, article);
    const [read] = readArticles(dir, options).articles;
    expect(Object.keys(read!)).not.toContain("body");
    expect(JSON.stringify(read)).not.toContain("Текст");
    writeFileSync(file, article.replace("Текст", "Новий текст"));
    expect(read!.body).toBe("Новий текст\n");
  });

  it("reads Markdown files whatever the case of their extension", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    writeFileSync(path.join(dir, "a.md"), article);
    writeFileSync(path.join(dir, "b.MD"), article);
    writeFileSync(path.join(dir, "c.markdown"), article);
    writeFileSync(path.join(dir, "notes.txt"), "not an article");
    expect(readArticles(dir, options).articles.map((a) => path.basename(a.file))).toEqual(["a.md", "b.MD", "c.markdown"]);
  });

  it("skips editors' hidden lock files and folders named .md, and reports a dangling link by name", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    writeFileSync(path.join(dir, "good.md"), article);
    symlinkSync("user@host.1234:1700000000", path.join(dir, ".#good.md"));
    mkdirSync(path.join(dir, ".backup"));
    writeFileSync(path.join(dir, ".backup", "old.md"), "garbage");
    mkdirSync(path.join(dir, "folder.md"));
    symlinkSync(path.join(dir, "missing-target.md"), path.join(dir, "linked.md"));
    const { articles, problems } = readArticles(dir, options);
    expect(articles.map((a) => a.file)).toEqual([path.join(dir, "good.md")]);
    expect(problems).toEqual([expect.objectContaining({ severity: "error", file: path.join(dir, "linked.md"), message: expect.stringMatching(/cannot be read/) })]);
  });

  it("reads only regular files, each within the size limit, and names each one refused", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    writeFileSync(path.join(dir, "good.md"), article);
    execFileSync("mkfifo", [path.join(dir, "fifo.md")]);
    symlinkSync("/dev/zero", path.join(dir, "zero.md"));
    symlinkSync(path.join(dir, "good.md"), path.join(dir, "linked.md"));
    writeFileSync(path.join(dir, "huge.md"), `${article}${"x".repeat(articleLimits.fileBytes)}`);
    const { articles, problems } = readArticles(dir, options);
    expect(articles.map((a) => path.basename(a.file))).toEqual(["good.md", "linked.md"]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: "error", file: path.join(dir, "fifo.md"), field: "file", message: "the file is a named pipe (FIFO), not a regular file; only files are read" }),
      expect.objectContaining({ severity: "error", file: path.join(dir, "huge.md"), field: "file", message: "the file is 5.0 MB; an article may be at most 5 MB" }),
      expect.objectContaining({ severity: "error", file: path.join(dir, "zero.md"), field: "file", message: "the file is a device, not a regular file; only files are read" }),
    ]);
  });

  it("follows a linked folder once, however often it is linked, and never loops", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    const elsewhere = mkdtempSync(path.join(tmpdir(), "elsewhere-"));
    writeFileSync(path.join(elsewhere, "linked.md"), article);
    symlinkSync(elsewhere, path.join(dir, "2021"));
    symlinkSync(elsewhere, path.join(dir, "again"));
    mkdirSync(path.join(dir, "own"));
    symlinkSync(dir, path.join(dir, "own", "loop"));
    const listing = listArticleFiles(dir);
    expect(listing.files).toEqual([path.join(dir, "2021", "linked.md")]);
    expect(listing.skipped).toEqual([
      { path: path.join(dir, "again"), reason: `the same folder as ${path.join(dir, "2021")}, read once` },
      { path: path.join(dir, "own", "loop"), reason: `the same folder as ${dir}, read once` },
    ]);
  });

  it("never follows a link up to a folder that holds the articles folder", () => {
    const parent = mkdtempSync(path.join(tmpdir(), "parent-"));
    const dir = path.join(parent, "articles");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "a.md"), article);
    writeFileSync(path.join(parent, "elsewhere.md"), article);
    symlinkSync(parent, path.join(dir, "up"));
    symlinkSync("/", path.join(dir, "root"));
    const listing = listArticleFiles(dir);
    expect(listing.files).toEqual([path.join(dir, "a.md")]);
    expect(listing.skipped).toEqual([
      { path: path.join(dir, "root"), reason: "a link to /, a folder that holds the articles folder" },
      { path: path.join(dir, "up"), reason: `a link to ${realpathSync(parent)}, a folder that holds the articles folder` },
    ]);
  });

  it("lists what it skips and why, reads every Markdown extension, and refuses a name ending in a space", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    for (const name of ["a.mdown", "b.mkd", "c.md", ".hidden.md", "notes.txt", "d.md "]) writeFileSync(path.join(dir, name), article);
    mkdirSync(path.join(dir, ".git"));
    writeFileSync(path.join(dir, ".git", "x.md"), article);
    mkdirSync(path.join(dir, "node_modules", "pkg"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules", "pkg", "README.md"), article);
    const { articles, problems, skipped } = readArticles(dir, options);
    expect(articles.map((a) => path.basename(a.file))).toEqual(["a.mdown", "b.mkd", "c.md"]);
    expect(skipped).toEqual([
      { path: path.join(dir, ".git"), reason: "hidden" },
      { path: path.join(dir, ".hidden.md"), reason: "hidden" },
      { path: path.join(dir, "node_modules"), reason: "a node_modules folder" },
      { path: path.join(dir, "notes.txt"), reason: "not a Markdown file" },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: "error", file: path.join(dir, "d.md "), field: "file", message: 'the file name ends in a space; rename it to "d.md"' }),
    ]);
  });
});

describe("bodyImagesOf", () => {
  it("finds Markdown, reference-style and raw images, but none shown as code", () => {
    const body = [
      "Як вставити фото: `<img src=x onerror=\"a\">` або ``![alt](code.jpg)``.",
      "```html\n<img src=\"fenced.png\">\n```",
      "    ![Відступ](indented.jpg)\n    <img src=\"indented.png\">",
      "![Фото](photo.jpg \"Підпис\")",
      "<img src=\"raw.png\" alt=\"Схема\">",
      "Текст і ![схема][карта] у рядку.",
      "[карта]: мапа-області.png",
    ].join("\n\n");
    expect(bodyImagesOf(body)).toEqual({ bodyImages: ["photo.jpg", "raw.png", "мапа-області.png"] });
  });
});
