import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkArticles } from "../src/check.ts";
import { binPath, buildFailure, repoRoot } from "./build-site.ts";

function runCheck(...args: string[]): { status: number | null; stdout: string; stderr: string; output: string } {
  const result = spawnSync(process.execPath, [binPath, "check", ...args], { cwd: repoRoot, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "check-articles-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const good = (title: string, extra = "") =>
  `---\ntitle: "${title}"\ndate: "7 грудня 2021, 22:21"\nauthor: Татьяна Шевченко\nlead: Лід.\n${extra}---\nТекст.\n`;

/** One file per kind of problem a contributor can make. */
const everyProblem = {
  "2021/good.md": good("Добра стаття"),
  "2021/no-title.md": `---\ndate: 2021-12-07\nauthor: Х\nlead: Лід.\n---\nТекст.\n`,
  "2021/bad-date.md": `---\ntitle: Погана дата\ndate: 32 грудня 2021\nauthor: Х\nlead: Лід.\n---\nТекст.\n`,
  "2021/broken-yaml.md": `---\ntitle: "Незакриті лапки\ndate: 2021-12-07\n---\nТекст.\n`,
  "2021/wrong-type.md": `---\ntitle: Неправильний тип\ndate: 2021-12-07\nauthor: Х\nlead: Лід.\ndraft: "так"\n---\nТекст.\n`,
  "2021/typo.md": `---\ntittle: Опечатка\ndate: 2021-12-07\nauthor: Х\nlead: Лід.\n---\nТекст.\n`,
  "2021/no-lead.md": `---\ntitle: Без ліду\ndate: 2021-12-08\nauthor: Х\n---\nТекст.\n`,
  "2021/no-author.md": `---\ntitle: Без автора\ndate: 2021-12-09\nlead: Лід.\n---\nТекст.\n`,
  // Same title, same month: both would live at /2021/12/odna-adresa/.
  "2021/one-url-a.md": good("Одна адреса"),
  "2021/one-url-b.md": good("Одна адреса").replace("22:21", "23:00"),
};

describe("npm run check", () => {
  let dir: string;
  let run: ReturnType<typeof runCheck>;
  const at = (name: string) => path.join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  beforeAll(() => {
    dir = folder(everyProblem);
    run = runCheck("--articles", dir);
  });

  it("exits non-zero when any article has an error", () => {
    expect(run.status).toBe(1);
  });

  it.each([
    ["missing title", "2021/no-title.md", String.raw`:2 \[title\]: error: title is required`],
    ["bad date", "2021/bad-date.md", String.raw`:3 \[date\]: error: "32 грудня 2021" is not a valid calendar date`],
    ["broken YAML", "2021/broken-yaml.md", String.raw`:\d+ \[front matter\]: error: the YAML does not parse`],
    ["wrong type", "2021/wrong-type.md", String.raw`:6 \[draft\]: error: draft must be true or false`],
    ["unknown key", "2021/typo.md", String.raw`:2 \[tittle\]: warning: unknown front matter key "tittle" \(did you mean "title"\?\)`],
    ["no lead", "2021/no-lead.md", String.raw`(:\d+)? \[lead\]: warning: the article has no lead`],
    ["no author", "2021/no-author.md", String.raw`(:\d+)? \[author\]: warning: the article names no author`],
    ["two articles with one URL", "2021/one-url-b.md", String.raw` \[slug\]: warning: .*one-url-a\.md already has the address /2021/12/odna-adresa/; this article gets /2021/12/odna-adresa-2/`],
  ])("reports %s with its file, line and field", (_kind, file, pattern) => {
    expect(run.output).toMatch(new RegExp(`^${at(file)}${pattern}`, "m"));
  });

  it("reports everything in one run, then a summary", () => {
    expect(run.output).toMatch(/^10 articles checked: 5 errors, 4 warnings$/m);
    expect(run.output).not.toContain(path.join(dir, "2021/good.md"));
  });

  it("exits zero when there are only warnings", () => {
    const warningsOnly = folder({ "a.md": good("Одна адреса"), "b.md": good("Одна адреса"), "c.md": `---\ntitle: Т\ndate: 2021-01-01\n---\nТекст.\n` });
    const result = runCheck("--articles", warningsOnly);
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/c\.md \[author\]: warning: the article names no author/);
    expect(result.output).toMatch(/[ab]\.md \[slug\]: warning: .*[ab]\.md already has the address/);
    expect(result.output).toMatch(/^3 articles checked: 0 errors, 3 warnings$/m);
  });

  it("says so when everything is in order", () => {
    const result = runCheck("--articles", folder({ "2021/a.md": good("Перша"), "2022/b.md": good("Друга") }));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("2 articles checked: no problems");
  });

  it("lists what it skipped and why, without calling it a problem", () => {
    const dir = folder({ "2021/a.md": good("Перша"), "2021/.a.md.swp.md": "x", "notes.txt": "x" });
    const result = runCheck("--articles", dir);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      `${path.join(dir, "2021/.a.md.swp.md")}: skipped: hidden`,
      `${path.join(dir, "notes.txt")}: skipped: not a Markdown file`,
      "1 article checked: no problems; 2 skipped (listed above)",
    ]);
  });

  it("fails clearly on a folder that does not exist", () => {
    const result = runCheck("--articles", path.join(tmpdir(), "no-such-articles-folder"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/check: the articles folder ".*no-such-articles-folder" cannot be read/);
  });

  it("refuses a folder given without --articles instead of checking the default one", () => {
    const result = runCheck("dir-with-errors");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^check: unexpected word "dir-with-errors" \(did you mean --articles dir-with-errors\?\)/);
  });

  it("rejects an unknown flag", () => {
    const result = runCheck("--article", "x");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unknown flag --article/);
  });
});

describe("checkArticles", () => {
  it("counts errors and warnings, sorted by file", () => {
    const report = checkArticles(folder(everyProblem), { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
    expect(report).toMatchObject({ files: 10, errors: 5, warnings: 4 });
    const files = report.problems.map((p) => p.file);
    expect(files).toEqual([...files].sort());
  });
});

describe("checkArticles: dates from the future", () => {
  it("warns about an article dated more than a day after the build, without failing the check", () => {
    const dir = folder({ "2021/future.md": good("З майбутнього").replace("7 грудня 2021", "9 грудня 2021"), "2021/now.md": good("Тепер") });
    const report = checkArticles(dir, { timeZone: "Europe/Kyiv", slugMaxLength: 80, now: new Date("2021-12-07T21:00:00Z") });
    expect(report).toMatchObject({ errors: 0, warnings: 1 });
    expect(report.problems[0]).toMatchObject({ file: path.join(dir, "2021/future.md"), field: "date", line: 3, severity: "warning" });
  });
});

describe("the build", () => {
  it("refuses an article with errors, naming the file and field, even beside a good article", () => {
    const dir = folder({
      "2021/good.md": good("Добра стаття"),
      "2021/broken-yaml.md": everyProblem["2021/broken-yaml.md"],
      "2021/wrong-type.md": everyProblem["2021/wrong-type.md"],
    });
    const message = buildFailure({ articles: dir });
    expect(message).toMatch(/2 problems in articles; nothing was built/);
    expect(message).toMatch(/broken-yaml\.md:\d+ \[front matter\]: error: the YAML does not parse/);
    expect(message).toMatch(/wrong-type\.md:6 \[draft\]: error: draft must be true or false/);
    expect(message).not.toMatch(/good\.md/);
  });
});
