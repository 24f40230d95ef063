/**
 * A site whose config sets another time zone and slug length: `news-archive new`, `import` and `check`, run in the
 * site's folder, read those settings from the site's own Eleventy config, so they give the slugs and dates its build does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { slugify } from "../src/slugs.ts";
import { binPath, readOutput, repoRoot } from "./build-site.ts";

const timeZone = "Europe/Warsaw";
const slugMaxLength = 30;

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function command(site: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binPath, ...args], { cwd: site, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const newTitle = "Рада ухвалила закон про місцеве самоврядування в громадах";
const importedTitle = "Уряд затвердив новий бюджет на наступний рік після дебатів";
// Only the first 30 characters of its slug are the imported article's: the two collide under slugMaxLength 30 alone.
const twinTitle = "Уряд затвердив новий бюджет на наступні два роки";

describe("news-archive commands in a site with its own time zone and slug length", () => {
  let site: string;
  let created: ReturnType<typeof command>;
  let imported: ReturnType<typeof command>;
  let checked: ReturnType<typeof command>;
  let built: ReturnType<typeof command>;
  let rebuilt: ReturnType<typeof command>;
  let afterData: string;
  let afterFilter: ReturnType<typeof command>;
  let now: DateTime;
  const shortSlug = (title: string) => slugify(title, slugMaxLength);

  beforeAll(() => {
    site = mkdtempSync(path.join(tmpdir(), "site-commands-"));
    write(site, "package.json", JSON.stringify({ type: "module" }));
    write(
      site,
      "eleventy.config.js",
      `import newsArchive from ${JSON.stringify(pathToFileURL(path.join(repoRoot, "dist", "index.js")).href)};\n` +
        `import { deskLabel } from "./lib/desk.js";\n` +
        `export default function (eleventyConfig) {\n` +
        `  eleventyConfig.addFilter("deskLabel", deskLabel);\n` +
        `  eleventyConfig.addPlugin(newsArchive, { siteName: "Warsaw desk", siteUrl: "https://news.example.pl", timeZone: ${JSON.stringify(timeZone)}, slugMaxLength: ${slugMaxLength}, articles: "texts" });\n` +
        `}\n`,
    );
    // 23:30 on New Year's Eve in Warsaw; in Kyiv that dateline would be an hour earlier in absolute time.
    write(site, "dumps/budget.txt", `31 грудня 2021, 23:30\n\n${importedTitle}\n\nЛід про бюджет.\n\nТекст про бюджет.\n\nАвтор: Іван Петренко\n`);
    // 22:45 UTC is 23:45 in Warsaw (still December) but 00:45 on 1 January in Kyiv.
    write(site, "texts/2021/twin.md", `---\ntitle: "${twinTitle}"\ndate: 2021-12-31T22:45:00Z\nauthor: Ольга Коваль\nlead: Лід.\n---\nТекст.\n`);
    // Global data the site's footer shows: a change to it is a change to every page.
    write(site, "_data/desk.json", JSON.stringify({ phone: "+48 22 000 00 00" }));
    write(site, "_includes/partials/footer.njk", `<footer class="site-footer"><p id="desk">{{ desk.phone | deskLabel }}</p></footer>\n`);
    write(site, "lib/desk.js", `export const deskLabel = (phone) => "тел. " + phone;\n`);
    now = DateTime.now().setZone(timeZone);
    created = command(site, "new", newTitle);
    imported = command(site, "import", "dumps/budget.txt");
    checked = command(site, "check");
    built = command(site, "build", "--quiet", "--output", "_site");
    write(site, "_data/desk.json", JSON.stringify({ phone: "+48 22 111 11 11" }));
    // Eleventy's default layout: the project folder is the input and _site/ lies inside it.
    rebuilt = command(site, "build", "--quiet", "--output", "_site");
    afterData = readOutput(path.join(site, "_site"), `/2021/12/${shortSlug(importedTitle)}/`);
    write(site, "lib/desk.js", `export const deskLabel = (phone) => "телефон " + phone;\n`);
    afterFilter = command(site, "build", "--quiet", "--output", "_site");
  });

  it("new writes texts/<yyyy>/<slug of at most 30 characters>.md, dated now in Warsaw", () => {
    expect(created.status, created.stderr).toBe(0);
    const slug = shortSlug(newTitle);
    expect(slug.length).toBeLessThanOrEqual(slugMaxLength);
    expect(slug).not.toBe(slugify(newTitle, 80));
    const file = path.join("texts", String(now.year), `${slug}.md`);
    expect(created.stdout.trim()).toBe(`created ${file}`);
    expect(readFileSync(path.join(site, file), "utf8")).toContain("# Дата й час публікації за часом сайту (Europe/Warsaw);");
    expect(readFileSync(path.join(site, file), "utf8")).toMatch(new RegExp(`date: "${now.toFormat("yyyy-MM-dd")}T\\d\\d:\\d\\d(:\\d\\d)?${now.toFormat("ZZ").replace("+", "\\+")}"`));
  });

  it("import reads the dateline in Warsaw time and names the file with the short slug", () => {
    expect(imported.status, imported.stderr).toBe(0);
    const file = path.join("texts", "2021", `${shortSlug(importedTitle)}.md`);
    expect(imported.stdout).toContain(`imported as ${file}`);
    expect(readFileSync(path.join(site, file), "utf8")).toMatch(/date: "?2021-12-31[T ]23:30(:00)?\+01:00"?/);
  });

  it("check finds the collision the build resolves, at the Warsaw month's address", () => {
    expect(checked.status, checked.stderr).toBe(0);
    const address = `/2021/12/${shortSlug(importedTitle)}/`;
    expect(shortSlug(twinTitle)).toBe(shortSlug(importedTitle));
    expect(checked.stdout).toContain(`already has the address ${address}; this article gets /2021/12/${shortSlug(importedTitle)}-2/`);
  });

  it("the build puts every article where the commands said, with Warsaw datelines", () => {
    expect(built.status, built.stderr).toBe(0);
    const output = path.join(site, "_site");
    const fresh = readOutput(output, `/${now.toFormat("yyyy/MM")}/${shortSlug(newTitle)}/`);
    expect(fresh).toContain(newTitle);
    const first = readOutput(output, `/2021/12/${shortSlug(importedTitle)}/`);
    const second = readOutput(output, `/2021/12/${shortSlug(importedTitle)}-2/`);
    expect([first, second].join("\n")).toContain(importedTitle);
    expect([first, second].join("\n")).toContain(twinTitle);
    expect(first + second).toContain('datetime="2021-12-31T23:30:00+01:00"');
    expect(first + second).toContain('datetime="2021-12-31T23:45:00+01:00"');
  });

  it("a second build in Eleventy's default layout does not take the first one's _site/ as templates", () => {
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(existsSync(path.join(site, "_site", "_site"))).toBe(false);
    expect(existsSync(path.join(site, "_site", ".cache"))).toBe(false);
  });

  it("a change to the site's global data or to a module its config imports reaches every page, though no article changed", () => {
    expect(afterData).toContain('<p id="desk">тел. +48 22 111 11 11</p>');
    expect(afterFilter.status, afterFilter.stderr).toBe(0);
    expect(readOutput(path.join(site, "_site"), `/2021/12/${shortSlug(importedTitle)}/`)).toContain('<p id="desk">телефон +48 22 111 11 11</p>');
    expect(readOutput(path.join(site, "_site"), "/")).toContain('<p id="desk">телефон +48 22 111 11 11</p>');
  });
});
