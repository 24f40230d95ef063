import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { binPath, buildSite, readOutput, repoRoot } from "./build-site.ts";

const seed = path.join(repoRoot, "test/fixtures/seeds/000_7209696002724744.txt");
const seedSlug = "putin-vymahav-vid-baidena-harantii-u-kremli-rozkryly-detali-dvohodynnykh";

/** `npm run import -- …` as a newsroom runs it. */
function runImport(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binPath, "import", ...args], { cwd: repoRoot, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const markdownFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .sort();

describe("npm run import", () => {
  let articles: string;
  let garbageDir: string;
  let first: ReturnType<typeof runImport>;

  beforeAll(() => {
    articles = mkdtempSync(path.join(tmpdir(), "import-articles-"));
    garbageDir = mkdtempSync(path.join(tmpdir(), "import-garbage-"));
    writeFileSync(path.join(garbageDir, "empty.txt"), "");
    writeFileSync(path.join(garbageDir, "random.txt"), "qwe rty uiop\n\nasdf ghjkl; zxcv bnm 12345\n");
    // The good file sits between the two bad ones: a failure must not stop the files after it.
    first = runImport(path.join(garbageDir, "empty.txt"), seed, path.join(garbageDir, "random.txt"), "--articles", articles);
  });

  it("rejects files that are not articles by name, writes nothing for them, and exits non-zero", () => {
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/empty\.txt: error: not an article: the file is empty/);
    expect(first.stderr).toMatch(/random\.txt: error: not an article: its first line "qwe rty uiop" is not a dateline/);
    expect(first.stdout).toMatch(/1 imported, 0 already imported, 2 failed/);
  });

  it("still imports the good file of the same run to <yyyy>/<slug>.md", () => {
    expect(markdownFiles(articles)).toEqual([`2021/${seedSlug}.md`]);
    const text = readFileSync(path.join(articles, "2021", `${seedSlug}.md`), "utf8");
    expect(text).toContain('date: "2021-12-07T22:21:00+02:00"');
    expect(text).toContain('author: "Татьяна Шевченко"');
    expect(text).not.toMatch(/Автор:|Останні новини/);
  });

  it("does not duplicate an article imported again, even from a renamed copy", () => {
    const copy = path.join(garbageDir, "copy-of-seed.txt");
    writeFileSync(copy, `\uFEFF${readFileSync(seed, "utf8").replace(/\n/g, "\r\n")}`);
    const again = runImport(seed, copy, "--articles", articles);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`000_7209696002724744.txt: already imported as ${path.join(articles, "2021", `${seedSlug}.md`)}`);
    expect(again.stdout).toMatch(/copy-of-seed\.txt: already imported as/);
    expect(markdownFiles(articles)).toEqual([`2021/${seedSlug}.md`]);
  });

  it("gives a different article with the same title and year its own file", () => {
    const sameTitle = path.join(garbageDir, "same-title.txt");
    writeFileSync(sameTitle, readFileSync(seed, "utf8").replace("7 грудня 2021, 22:21", "9 грудня 2021, 10:00"));
    const result = runImport(sameTitle, "--articles", articles);
    expect(result.status).toBe(0);
    expect(markdownFiles(articles)).toEqual([`2021/${seedSlug}-2.md`, `2021/${seedSlug}.md`]);
    expect(readFileSync(path.join(articles, "2021", `${seedSlug}.md`), "utf8")).toContain("2021-12-07T22:21:00+02:00");
  });

  it("rejects a dump that is not UTF-8 by name, saying so, instead of importing replacement characters", () => {
    const cp1251 = path.join(garbageDir, "cp1251.txt");
    // The seed's dateline and title in Windows-1251.
    writeFileSync(cp1251, Buffer.from([0x37, 0x20, 0xe3, 0xf0, 0xf3, 0xe4, 0xed, 0xff, 0x20, 0x32, 0x30, 0x32, 0x31, 0x0a, 0x0a, 0xcf, 0xf0, 0xe8, 0xe2, 0xb3, 0xf2, 0x0a]));
    const result = runImport(cp1251, "--articles", articles);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cp1251\.txt: error: the file is not UTF-8 text/);
  });

  it("imports a dump without an author line, warning by name", () => {
    const noAuthor = path.join(garbageDir, "no-author.txt");
    writeFileSync(noAuthor, "5 березня 2022\r\n\r\nЗаголовок без автора\r\n\r\nЛід.\r\n\r\n# Не заголовок, а текст\r\n\r\nОстанні новини\r\n");
    const result = runImport(noAuthor, "--articles", articles);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/no-author\.txt: warning: no "Автор: …" line/);
    const text = readFileSync(path.join(articles, "2022", "zaholovok-bez-avtora.md"), "utf8");
    expect(text).toContain('date: "2022-03-05"');
    expect(text).not.toMatch(/^author:/m);
    expect(text).toMatch(/^\\# Не заголовок, а текст\n$/m);
  });

  it("refuses, by name, a dump that would make a file `check` rejects, and writes nothing for it", () => {
    const controls = path.join(garbageDir, "control-title.txt");
    writeFileSync(controls, "8 грудня 2021, 10:00\n\n\u0001\u0002\u0007\n\nЛід.\n\nТекст.\n");
    const before = markdownFiles(articles);
    const result = runImport(controls, "--articles", articles);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/control-title\.txt: error: title: title is empty; nothing written/);
    expect(markdownFiles(articles)).toEqual(before);
  });

  it("reports a file that cannot be read by name", () => {
    const result = runImport(path.join(garbageDir, "missing.txt"), "--articles", articles);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing\.txt: error: cannot be read/);
  });

  it("asks for files when given none", () => {
    const result = runImport("--articles", articles);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/give the files to import/);
  });
});

describe("an imported seed, built", () => {
  let page: string;
  let body: string;

  beforeAll(() => {
    const articles = mkdtempSync(path.join(tmpdir(), "import-build-"));
    expect(runImport(seed, "--articles", articles).status).toBe(0);
    const output = buildSite({ articles });
    page = readOutput(output, `/2021/12/${seedSlug}/`);
    // The source sets no-break spaces around dashes; they survive, but the assertions read plainer without them.
    body = (/<div class="article__body"[^>]*>([\s\S]*?)<\/div>/.exec(page)?.[1] ?? "").replace(/\u00a0/g, " ");
  });

  it("shows the dateline, the author and the lead", () => {
    expect(page).toMatch(/<time[^>]* datetime="2021-12-07T22:21:00\+02:00"[^>]*>7 грудня 2021, 22:21<\/time>/);
    expect(page).toMatch(/<a [^>]*rel="author"[^>]*>Татьяна Шевченко<\/a>/);
    expect(page).toMatch(
      /<p class="article__lead"[^>]*>Кремль оприлюднив свою версію двогодинних переговорів президентів США та РФ Джозефа Байдена та Володимира Путіна\.<\/p>/,
    );
  });

  it("shows every body paragraph, quotes set as « »", () => {
    expect(body, "the article body should be found on the page").not.toBe("");
    expect(body.match(/<p>/g)).toHaveLength(14);
    expect(body).toContain("<p>Пресслужба Кремля розкрила нові деталі відеопереговорів");
    expect(body).toContain("«Розмова мала відвертий і діловий характер», – констатували у Кремлі.");
    expect(body).toContain("«На кону незалежність України».</p>");
    // The outlet's own name is text, not a link to a guessed address.
    expect(body).toContain("<p>Раніше Діалог.UA повідомляв");
    expect(body).not.toContain("<a ");
  });

  it("shows none of the boilerplate", () => {
    expect(page).not.toContain("Останні новини");
    expect(body).not.toContain("Автор");
    expect(body).not.toContain("Татьяна Шевченко");
  });
});
