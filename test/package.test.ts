/**
 * The proof that a newsroom can use the package: `npm pack`, installed (without network) into a new site outside
 * this repository with a plain JavaScript config, built with Eleventy's own command line.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readOutput, repoRoot } from "./build-site.ts";
import { installOffline } from "./install-offline.ts";

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const article = (title: string, date: string, tags: string) =>
  `---\ntitle: "${title}"\ndate: ${date}\nauthor: Олена Гнатюк\ntags: [${tags}]\nlead: "Лід статті «${title}»."\n---\nТекст статті про ${title.toLowerCase()}.\n`;

const siteConfig = `import newsArchive from "eleventy-news-archive";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(newsArchive, {
    siteName: "Полтавська хвиля",
    siteUrl: "https://hvylia.example.ua",
    brand: { colour: "#7a1f1f" },
    strings: { navArchive: "Усі публікації" },
  });
  // Added after the plugin: theme templates read the site's filters when the build starts.
  eleventyConfig.addFilter("shout", (value) => String(value).toUpperCase());
  eleventyConfig.addShortcode("desk", (city) => \`Редакція: \${city}\`);
  eleventyConfig.addPairedShortcode("aside", (content) => \`<small>\${content}</small>\`);
}
`;

describe("the packed package in a newsroom's own Eleventy site", () => {
  let files: string[];
  let site: string;
  let output: string;

  beforeAll(() => {
    const work = mkdtempSync(path.join(tmpdir(), "package-proof-"));
    // dist/ is fresh: vitest's global setup compiled it. --ignore-scripts: no second compile.
    const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: repoRoot, encoding: "utf8" })) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed[0]!.files.map((f) => f.path);
    site = path.join(work, "site");
    write(site, "package.json", JSON.stringify({ name: "newsroom-site", private: true, type: "module" }));
    installOffline(site, path.join(work, packed[0]!.filename));
    write(site, "eleventy.config.js", siteConfig);
    write(site, "_data/newsroom.json", JSON.stringify({ phone: "+380 532 00 00 00" }));
    write(site, "_includes/partials/footer.njk", `<footer class="site-footer" id="newsroom-footer"><p>{{ site.name | shout }} · {{ newsroom.phone }} · {{ t.navArchive }} · {% desk "Полтава" %} · {% aside %}{{ site.name }}{% endaside %}</p></footer>\n`);
    write(site, "_includes/base.njk", `{% extends "news-archive/base.njk" %}\n{% block bodyEnd %}<p id="newsroom-end">{{ newsroom.phone }}</p>{% endblock %}\n`);
    write(site, "articles/2024/mist.md", article("Міст через Ворсклу відкрили", "2024-03-05 10:00", "Полтава, транспорт"));
    write(site, "articles/2024/shkola.md", article("Нова школа у Кременчуці", "2024-04-12 09:30", "освіта"));
    write(site, "articles/2025/festyval.md", article("Фестиваль на Івана Купала", "2025-07-06 18:00", "Полтава, культура"));
    execFileSync("npx", ["--offline", "@11ty/eleventy", "--quiet"], { cwd: site, stdio: "pipe", encoding: "utf8" });
    output = path.join(site, "_site");
  });

  it("packs compiled modules with declarations, the theme and the command, and nothing else", () => {
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/bin.js", "theme/templates/base.njk", "theme/scss/main.scss"]));
    // Besides dist/ and theme/: the modules the theme's search script shares with the build, which it bundles from source.
    const browserSources = ["src/i18n.ts", "src/search/query.ts", "src/search/stemmer.ts", "src/search/words.ts", "src/suggest.ts"];
    expect(files.filter((f) => !/^(dist|theme)\//.test(f)).sort()).toEqual(["README.md", "package.json", ...browserSources].sort());
    expect(files.filter((f) => /\.test\.|fixtures|bench|eval/.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(site, "node_modules", "eleventy-news-archive", "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest["11ty"]).toEqual({ compatibility: ">=3.1" });
    expect(Object.keys(manifest.peerDependencies as object)).toEqual(["@11ty/eleventy"]);
    expect(Object.keys(manifest.dependencies as object)).not.toContain("tsx");
  });

  it("writes article pages and listings", () => {
    const page = readOutput(output, "/2024/03/mist-cherez-vorsklu-vidkryly/");
    expect(page).toContain("Міст через Ворсклу відкрили");
    expect(page).toMatch(/^<!DOCTYPE html>/);
    const home = readOutput(output, "/");
    for (const title of ["Міст через Ворсклу відкрили", "Нова школа у Кременчуці", "Фестиваль на Івана Купала"]) expect(home).toContain(title);
    expect(readOutput(output, "/tags/poltava/")).toContain("Фестиваль на Івана Купала");
    expect(readOutput(output, "/2024/")).toContain("Нова школа у Кременчуці");
    expect(readOutput(output, "/authors/")).toContain("Олена Гнатюк");
  });

  it("writes the search index and the feeds", () => {
    const entries = readdirSync(path.join(output, "pagefind"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("pagefind-entry.json"));
    expect(entries.length).toBeGreaterThan(0);
    // The index comes in parts (by period), each with its own entry file: together they hold every article.
    const pages = entries.flatMap((file) => {
      const entry = JSON.parse(readFileSync(path.join(output, "pagefind", file), "utf8")) as { languages: Record<string, { page_count: number }> };
      return Object.values(entry.languages).map((language) => language.page_count);
    });
    expect(pages.reduce((a, b) => a + b, 0)).toBe(3);
    expect(readOutput(output, "/feed.xml").match(/<entry>/g)).toHaveLength(3);
    expect((JSON.parse(readOutput(output, "/feed.json")) as { items: unknown[] }).items).toHaveLength(3);
    expect(existsSync(path.join(output, "sw.js"))).toBe(true);
  });

  it("uses the site's footer override, its filter, shortcodes and data, its string and its brand colour", () => {
    const page = readOutput(output, "/2025/07/festyval-na-ivana-kupala/");
    expect(page).toContain('<footer class="site-footer" id="newsroom-footer"><p>ПОЛТАВСЬКА ХВИЛЯ · +380 532 00 00 00 · Усі публікації · Редакція: Полтава · <small>Полтавська хвиля</small></p></footer>');
    expect(page).toContain('<p id="newsroom-end">+380 532 00 00 00</p>');
    expect(page).toMatch(/<nav class="masthead__nav"[\s\S]*Усі публікації[\s\S]*<\/nav>/);
    const stylesheet = /href="(\/assets\/archive\.[0-9a-f]+\.css)"/.exec(page)![1]!;
    expect(readOutput(output, stylesheet)).toMatch(/#7a1f1f/i);
  });

  it("gives a TypeScript site the plugin's types, library checks on", () => {
    write(site, "types-check/check.ts", `import newsArchive, { resolveOptions, type NewsArchiveOptions } from "eleventy-news-archive";
const options: NewsArchiveOptions = { siteName: "Хвиля", timeZone: "Europe/Warsaw", strings: { navArchive: "Усі" } };
// @ts-expect-error pageSize is a number: an unused expectation fails the check, so the options are typed.
const wrong: NewsArchiveOptions = { pageSize: "ten" };
const zone: string = resolveOptions(options).timeZone;
export { newsArchive, wrong, zone };
`);
    const nodeTypes = path.join(repoRoot, "node_modules", "@types");
    write(site, "types-check/tsconfig.json", JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, typeRoots: [nodeTypes], types: ["node"] }, files: ["check.ts"] }));
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(site, "types-check")], { cwd: site, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("runs the package's command in the site", () => {
    const report = execFileSync("npx", ["--offline", "news-archive", "check"], { cwd: site, encoding: "utf8" });
    expect(report).toMatch(/3 articles checked: no problems/);
  });
});
