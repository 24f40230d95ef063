import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, readOutput } from "./build-site.ts";

const articles = "test/fixtures/search-articles";
const articleCount = readdirSync(articles).filter((f) => f.endsWith(".md")).length;

describe("search index in the build", () => {
  let output: string;

  beforeAll(() => {
    output = buildSite({ articles, pathPrefix: "/sub/" });
  });

  it("indexes exactly one Pagefind page per article", () => {
    const entry = JSON.parse(readFileSync(path.join(output, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual(["uk"]);
    expect(entry.languages.uk!.page_count).toBe(articleCount);
    expect(articleCount).toBe(6);
  });

  it("gives every record the address of an article page that exists, under the path prefix", () => {
    const dir = path.join(output, "pagefind", "fragment");
    const urls = readdirSync(dir).map((file) => {
      const json = gunzipSync(readFileSync(path.join(dir, file))).toString("utf8").replace(/^pagefind_dcd/, "");
      return (JSON.parse(json) as { url: string }).url;
    });
    expect(urls).toHaveLength(articleCount);
    for (const url of urls) {
      expect(url).toMatch(/^\/sub\/\d{4}\/\d\d\/[a-z0-9-]+\/$/);
      expect(existsSync(path.join(output, url.slice("/sub/".length), "index.html"))).toBe(true);
    }
  });

  it("writes /search/ with its hashed script, the Pagefind address under the prefix and a no-script message", () => {
    const html = readOutput(output, "/search/");
    const script = /<script src="(\/sub\/assets\/search\.[0-9a-f]{10}\.js)" defer><\/script>/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(existsSync(path.join(output, script!.slice("/sub/".length)))).toBe(true);
    expect(html).toContain('<input id="search-input" type="search" name="q"');
    expect(html).toContain('"pagefind":"/sub/pagefind/pagefind.js"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toMatch(/<noscript>.*Для пошуку потрібен JavaScript\..*<\/noscript>/);
    expect(html).toContain('<option value="Росія">Росія</option>');
  });

  it("loads the search script on /search/ only", () => {
    const pages = readdirSync(output, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html") && !f.startsWith("search"));
    expect(pages.length).toBeGreaterThan(articleCount);
    for (const page of pages) expect(readFileSync(path.join(output, page), "utf8")).not.toContain("/assets/search.");
  });
});
