import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../src/articles.ts";
import { binPath, buildSite, readOutput, repoRoot } from "./build-site.ts";

function run(script: "new" | "check", ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binPath, script, ...args], { cwd: repoRoot, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const title = 'Кабмін ухвалив "новий" бюджет: #1 у списку';
const slug = "kabmin-ukhvalyv-novyi-biudzhet-1-u-spysku";

describe("npm run new", () => {
  let articles: string;
  let year: number;
  let file: string;
  let text: string;
  let before: DateTime;
  let created: ReturnType<typeof run>;

  beforeAll(() => {
    articles = mkdtempSync(path.join(tmpdir(), "new-articles-"));
    before = DateTime.now();
    created = run("new", title, "--articles", articles);
    year = DateTime.now().setZone("Europe/Kyiv").year;
    file = path.join(articles, String(year), `${slug}.md`);
    text = readFileSync(file, "utf8");
  });

  it("creates <yyyy>/<romanized-slug>.md and says where", () => {
    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toBe(`created ${file}`);
  });

  it("writes the title, the current Kyiv time with its offset, and empty tags", () => {
    const { article, problems } = parseArticle(file, text, { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(article?.title).toBe(title);
    expect(article?.tags).toEqual([]);
    const date = /^date: "([^"]+)"$/m.exec(text)?.[1] ?? "";
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[23]:00$/);
    const written = DateTime.fromISO(date);
    expect(written.toMillis()).toBeGreaterThanOrEqual(before.startOf("second").toMillis());
    expect(written.toMillis()).toBeLessThanOrEqual(DateTime.now().toMillis());
    expect(date.slice(-6)).toBe(DateTime.now().setZone("Europe/Kyiv").toFormat("ZZ"));
  });

  it("notes on every field, in Ukrainian", () => {
    for (const key of ["title", "date", "author", "lead", "tags"]) {
      const lines = text.split("\n");
      const at = lines.findIndex((line) => line.startsWith(`${key}:`));
      expect(at, key).toBeGreaterThan(0);
      expect(lines[at - 1], key).toMatch(/^# .*[а-яіїєґ]/i);
    }
    expect(text).toMatch(/^# image: /m);
    expect(text).toMatch(/^# draft: true$/m);
  });

  it("shows the photo fields commented out; uncommented, with the photo beside the article, they pass check and show on the page", async () => {
    for (const field of ["image", "imageAlt", "imageCaption", "imageCredit"]) expect(text, field).toMatch(new RegExp(`^# ${field}: `, "m"));
    const withPhoto = mkdtempSync(path.join(tmpdir(), "new-photo-"));
    const created = run("new", "Фото з мосту", "--articles", withPhoto);
    expect(created.status).toBe(0);
    const written = created.stdout.trim().replace(/^created /, "");
    await sharp({ create: { width: 800, height: 600, channels: 3, background: "#4a7fc1" } }).jpeg().toFile(path.join(path.dirname(written), "foto.jpg"));
    const skeleton = readFileSync(written, "utf8");
    writeFileSync(written, `${skeleton.replace(/^# (image|imageAlt|imageCaption|imageCredit): /gm, "$1: ").replace(/^author:$/m, "author: Редакція").replace(/^lead:$/m, 'lead: "Лід."')}Текст статті.\n`);
    const checked = run("check", "--articles", withPhoto);
    expect(checked.stdout.trim()).toBe("1 article checked: no problems");
    expect(checked.status).toBe(0);
    const output = buildSite({ articles: withPhoto });
    const month = DateTime.now().setZone("Europe/Kyiv").toFormat("MM");
    const page = readOutput(output, `/${year}/${month}/foto-z-mostu/`);
    expect(page).toMatch(/<figure class="article__image">\s*<picture>[\s\S]*alt="Що зображено на фото"[\s\S]*<figcaption>Підпис під фото <span class="article__credit">Фото: УНІАН<\/span><\/figcaption>/);
  }, 120_000);

  it("passes check with warnings only", () => {
    const checked = run("check", "--articles", articles);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(/\[author\]: warning/);
    expect(checked.stdout).toMatch(/\[lead\]: warning/);
    expect(checked.stdout).toMatch(/1 article checked: 0 errors, \d+ warnings/);
  });

  it("builds into a page with its title", () => {
    const output = buildSite({ articles });
    const month = DateTime.now().setZone("Europe/Kyiv").toFormat("MM");
    const page = readOutput(output, `/${year}/${month}/${slug}/`);
    expect(page).toMatch(/<h1 class="article__title">Кабмін ухвалив (&quot;|&#34;)новий(&quot;|&#34;) бюджет: #1 у списку<\/h1>/);
  });

  it("never overwrites: the same title again gets its own file", () => {
    writeFileSync(file, `${text}Текст, який уже написали.\n`);
    const again = run("new", title, "--articles", articles);
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe(`created ${path.join(articles, String(year), `${slug}-2.md`)}`);
    expect(readFileSync(file, "utf8")).toContain("Текст, який уже написали.");
    expect(readdirSync(path.join(articles, String(year))).sort()).toEqual([`${slug}-2.md`, `${slug}.md`]);
  });

  it("takes an unquoted title of several words", () => {
    const result = run("new", "Курс", "валют", "--articles", articles);
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(articles, String(year), "kurs-valiut.md"), "utf8")).toMatch(/^title: "Курс валют"$/m);
  });

  it("asks for a title when given none", () => {
    const result = run("new", "--articles", articles);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/new: give the title/);
  });
});
