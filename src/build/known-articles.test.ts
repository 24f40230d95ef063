/**
 * A rebuild parses only the article files that changed: the previous build's index is kept with each file's
 * signature, and a file whose signature is unchanged is taken from it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readArticles, type ArticleSource, type KnownArticles } from "../articles.ts";
import { knownArticles, writeArticleIndex } from "./article-index.ts";

const options = { timeZone: "Europe/Kyiv", slugMaxLength: 80 };
/** Files written by a test are seconds old at most: reading "a minute later" lets their signatures be trusted. */
const aMinuteLater = () => Date.now() + 60_000;
const text = (title: string, body = "Текст статті.") => `---\ntitle: ${title}\ndate: 2021-12-07 22:21\nlead: Коротко.\nauthor: Олена Петренко\n---\n${body}\n`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "known-"));
  for (const [name, contents] of Object.entries(files)) writeFileSync(path.join(dir, name), contents);
  return dir;
}

/** The known articles of `index`, counting the ones taken. */
function counting(index: string, key: string): { known: KnownArticles; taken: string[] } {
  const known = knownArticles(index, key);
  const taken: string[] = [];
  return {
    taken,
    known: (file, signature) => {
      const article = known(file, signature);
      if (article) taken.push(path.basename(file));
      return article;
    },
  };
}

const titles = (articles: ArticleSource[]) => articles.map((a) => a.title).sort();

describe("known articles", () => {
  it("are taken for unchanged files only: an edit of the same size, a new and a deleted file are seen", () => {
    const dir = folder({ "a.md": text("Перша"), "b.md": text("Друга"), "c.md": text("Третя") });
    const index = path.join(dir, "..", `${path.basename(dir)}.json`);
    const first = readArticles(dir, options, () => undefined, aMinuteLater());
    writeArticleIndex(index, first.articles, "k");

    // Same length in bytes: only the signature can tell.
    writeFileSync(path.join(dir, "b.md"), text("Друга", "Зміст статті."));
    rmSync(path.join(dir, "c.md"));
    writeFileSync(path.join(dir, "d.md"), text("Четверта"));
    const { known, taken } = counting(index, "k");
    const second = readArticles(dir, options, known, aMinuteLater());
    expect(taken).toEqual(["a.md"]);
    expect(titles(second.articles)).toEqual(["Друга", "Перша", "Четверта"]);
    expect(second.articles.find((a) => a.title === "Друга")!.body).toBe("Зміст статті.\n");
    // A taken article still reads its body from the file, and goes into the next index like a parsed one.
    const a = second.articles.find((x) => x.title === "Перша")!;
    expect(a.body).toBe("Текст статті.\n");
    expect(a.date.instant.toISO()).toBe("2021-12-07T22:21:00.000+02:00");
    writeArticleIndex(index, second.articles, "k");
    const third = counting(index, "k");
    readArticles(dir, options, third.known, aMinuteLater());
    expect(third.taken.sort()).toEqual(["a.md", "b.md", "d.md"]);
  });

  it("are none under another key, from a missing or damaged index", () => {
    const dir = folder({ "a.md": text("Перша") });
    const index = path.join(dir, "..", `${path.basename(dir)}.json`);
    writeArticleIndex(index, readArticles(dir, options, () => undefined, aMinuteLater()).articles, "k");
    for (const [file, key] of [[index, "other"], [`${index}.missing`, "k"]] as const) {
      const { known, taken } = counting(file, key);
      readArticles(dir, options, known, aMinuteLater());
      expect(taken).toEqual([]);
    }
    writeFileSync(index, readFileSync(index, "utf8").slice(0, 50));
    const damaged = counting(index, "k");
    expect(readArticles(dir, options, damaged.known, aMinuteLater()).articles).toHaveLength(1);
    expect(damaged.taken).toEqual([]);
  });

  it("never include a file read with a warning, or written in the last seconds: both are parsed again", () => {
    const dir = folder({ "warned.md": text("Стаття").replace("author: Олена Петренко\n", "author: Олена Петренко\nsubtitle: x\n"), "fresh.md": text("Свіжа") });
    const index = path.join(dir, "..", `${path.basename(dir)}.json`);
    const read = readArticles(dir, options, () => undefined, aMinuteLater());
    expect(read.problems.map((p) => [path.basename(p.file), p.severity])).toEqual([["warned.md", "warning"]]);
    writeArticleIndex(index, read.articles, "k");
    const { known, taken } = counting(index, "k");
    expect(readArticles(dir, options, known, aMinuteLater()).problems).toHaveLength(1);
    expect(taken).toEqual(["fresh.md"]);

    writeArticleIndex(index, readArticles(dir, options, () => undefined, Date.now()).articles, "k");
    const recent = counting(index, "k");
    readArticles(dir, options, recent.known, aMinuteLater());
    expect(recent.taken).toEqual([]);
  });

  it("leave out what the build sets from the photo files, which may change while the article does not", () => {
    const dir = folder({ "a.md": text("Перша") });
    const index = path.join(dir, "..", `${path.basename(dir)}.json`);
    const [article] = readArticles(dir, options, () => undefined, aMinuteLater()).articles;
    Object.assign(article!, { picture: { key: "old" }, bodyPictures: { "x.jpg": { key: "old" } } });
    writeArticleIndex(index, [article!], "k");
    const [taken] = readArticles(dir, options, knownArticles(index, "k"), aMinuteLater()).articles;
    expect(taken!.title).toBe("Перша");
    expect(taken).not.toHaveProperty("picture");
    expect(taken).not.toHaveProperty("bodyPictures");
  });
});
