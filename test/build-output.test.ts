/** Issue 9: the build never touches files it did not write, and a failed build leaves the last good output. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { binPath, buildFailure, buildSite, readOutput, repoRoot } from "./build-site.ts";

function write(dir: string, name: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

const article = (title: string, date = "2021-12-07 22:21") => `---\ntitle: "${title}"\ndate: ${date}\nauthor: Іван Петренко\ntags: [Київ]\nlead: Коротко.\n---\nТекст статті.\n`;

function corpus(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
  write(dir, "2021/a.md", article("Перша стаття"));
  write(dir, "2021/b.md", article("Друга стаття", "2021-12-08 10:00"));
  return dir;
}

/** Every file below a folder with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, file);
    if (statSync(full).isFile()) files[file] = createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return files;
}

describe("the output folder", () => {
  it("refuses to build into the articles folder, and leaves every article where it was", () => {
    const articles = corpus();
    write(articles, "NOTES.txt", "редакційні нотатки");
    const before = snapshot(articles);
    for (let run = 0; run < 2; run++) {
      const message = buildFailure({ articles, output: articles });
      expect(message).toMatch(/output folder .* is the articles folder/);
    }
    expect(snapshot(articles)).toEqual(before);
  });

  it("refuses a link to the articles folder as the output, and writes nothing there", () => {
    const articles = corpus();
    const before = snapshot(articles);
    const link = path.join(mkdtempSync(path.join(tmpdir(), "links-")), "site");
    symlinkSync(articles, link);
    expect(buildFailure({ articles, output: link })).toMatch(/output folder .*site is the articles folder/);
    expect(snapshot(articles)).toEqual(before);
  });

  it.each([
    ["/", /root of the file system/],
    [repoRoot, /contains the (articles|project|site.s input) folder/],
    [path.join(repoRoot, "site", "out"), /lies inside the site's input folder/],
  ])("refuses --output %s in one line, without a stack trace", (output, reason) => {
    const message = buildFailure({ articles: corpus(), output });
    expect(message).toMatch(reason);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it("keeps a host's files (.git, CNAME, .nojekyll, others) and removes only pages the last build wrote", () => {
    const articles = corpus();
    const output = buildSite({ articles });
    for (const [file, text] of [[".git/HEAD", "ref: main"], ["CNAME", "news.example.ua"], [".nojekyll", ""], ["own/page.html", "<p>ours</p>"]] as const) write(output, file, text);
    const removed = "2021/12/druha-stattia/index.html";
    expect(existsSync(path.join(output, removed))).toBe(true);
    writeFileSync(path.join(articles, "2021/b.md"), "");
    // An empty file is an error: the build must stop and leave everything.
    const before = snapshot(output);
    expect(buildFailure({ articles, output })).toMatch(/b\.md/);
    expect(snapshot(output)).toEqual(before);

    writeFileSync(path.join(articles, "2021/b.md"), article("Нова назва", "2021-12-08 10:00"));
    buildSite({ articles, output });
    expect(readFileSync(path.join(output, "CNAME"), "utf8")).toBe("news.example.ua");
    expect(readFileSync(path.join(output, ".git/HEAD"), "utf8")).toBe("ref: main");
    expect(existsSync(path.join(output, ".nojekyll"))).toBe(true);
    expect(readFileSync(path.join(output, "own/page.html"), "utf8")).toBe("<p>ours</p>");
    expect(existsSync(path.join(output, removed))).toBe(false);
    expect(readOutput(output, "/2021/12/nova-nazva/")).toContain("Нова назва");
  });

  it("leaves the previous output as it was when an article has an error, printing the problem once", () => {
    const articles = corpus();
    const output = buildSite({ articles });
    const before = snapshot(output);
    write(articles, "2021/bad.md", "---\ntitle: Погана дата\ndate: 2021-02-30\n---\nТекст.\n");
    const message = buildFailure({ articles, output });
    expect(message.match(/bad\.md:\d+ \[date\]/g)).toHaveLength(1);
    expect(message).not.toMatch(/\n\s+at /);
    expect(snapshot(output)).toEqual(before);
  });

  it("refuses an empty articles folder unless --allow-empty is given", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "articles-"));
    expect(buildFailure({ articles: empty })).toMatch(/holds no articles.*--allow-empty/);
    const output = buildSite({ articles: empty, extra: ["--allow-empty"] });
    expect(existsSync(path.join(output, "index.html"))).toBe(true);
  });

  it.each([
    [{ siteUrl: "https://x.ua?x=1" }, /siteUrl must have no query/],
    [{ siteUrl: "ftp//nonsense" }, /siteUrl/],
    [{ pathPrefix: "/my archive/" }, /pathPrefix may hold only/],
    [{ pathPrefix: "/../x/" }, /pathPrefix/],
  ])("refuses %o with one line naming the setting", (flags, reason) => {
    const message = buildFailure({ articles: corpus(), ...flags }).trim();
    expect(message).toMatch(reason);
    expect(message.split("\n")).toHaveLength(1);
  });

  it("names an articles folder that does not exist, in one line", () => {
    const message = buildFailure({ articles: path.join(tmpdir(), "no-such-articles-folder") }).trim();
    expect(message).toMatch(/^build: the articles folder ".*no-such-articles-folder" cannot be read/);
    expect(message.split("\n")).toHaveLength(1);
  });

  it("refuses a folder given without --articles, suggesting the flag", () => {
    expect(buildFailure({ articles: corpus(), extra: ["some-folder"] })).toMatch(/did you mean --articles some-folder/);
  });
});

/** A site of its own that uses the plugin, with Eleventy's input folder `site/`; the articles folder comes from the environment. */
function siteProject(): string {
  const project = mkdtempSync(path.join(tmpdir(), "site-project-"));
  write(
    project,
    "eleventy.config.js",
    `import newsArchive from ${JSON.stringify(pathToFileURL(path.join(repoRoot, "dist", "index.js")).href)};\n` +
      `export default function (eleventyConfig) { eleventyConfig.addPlugin(newsArchive, { articles: process.env.NEWS_ARCHIVE_ARTICLES }); }\n` +
      `export const config = { dir: { input: "site" } };\n`,
  );
  write(project, "package.json", JSON.stringify({ type: "module" }));
  return project;
}

describe("Eleventy's own command line", () => {
  it("prints an article's error without a stack trace", () => {
    const project = siteProject();
    mkdirSync(path.join(project, "site"));
    write(project, "articles/bad.md", "---\ntitle: Погана дата\ndate: 2021-02-30\n---\nТекст.\n");
    const run = spawnSync(process.execPath, [path.join(repoRoot, "node_modules", "@11ty", "eleventy", "cmd.cjs"), "--output", path.join(project, "_site")], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, NEWS_ARCHIVE_ARTICLES: "articles", DEBUG: "" },
    });
    const printed = `${run.stdout}${run.stderr}`;
    expect(run.status, printed).toBe(1);
    expect(printed).toMatch(/bad\.md:3 \[date\]/);
    expect(printed).not.toContain("Original error stack trace");
    expect(printed).not.toMatch(/\n(\[11ty\])?\s+at /);
  });
});

describe("articles inside Eleventy's input folder", () => {
  it("become pages only through the plugin: no Liquid, no unsanitised script", () => {
    const project = siteProject();
    write(project, "site/news/a.md", `---\ntitle: Новина\ndate: 2021-12-07 22:21\n---\nСьогодні {{ "now" | date }}.\n\n<script>alert(1)</script>\n`);
    const output = path.join(project, "_site");
    const run = spawnSync(process.execPath, [binPath, "build", "--articles", "site/news", "--output", output], {
      cwd: project,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/articles folder site\/news is inside Eleventy's input folder/);
    expect(existsSync(path.join(output, "news"))).toBe(false);
    const page = readOutput(output, "/2021/12/novyna/");
    expect(page).toMatch(/Сьогодні \{\{/);
    expect(page).not.toContain("<script>alert");
  });
});
