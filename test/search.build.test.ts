import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, readOutput } from "./build-site.ts";
// The build's own code (its cache is keyed by the code that wrote it), compiled before the tests run.
import { cachedDictionary, lemmatize } from "../dist/search/dictionary.js";
import { createBuild } from "../src/index.ts";
import { resolveOptions } from "../src/options.ts";
import { indexArchive } from "../src/search/index.ts";
import { parseChunk } from "../src/search/words.ts";
import { splitsFile } from "../src/search/lemma-table.ts";

const articles = "test/fixtures/search-articles";
const articleCount = readdirSync(articles).filter((f) => f.endsWith(".md")).length;

describe("search index in the build", () => {
  let output: string;
  const cache = mkdtempSync(path.join(tmpdir(), "news-archive-cache-"));

  beforeAll(() => {
    output = buildSite({ articles, pathPrefix: "/sub/", extra: ["--cache", cache] });
  });

  /** The lemma table the search page names, as one form→lemmas map. */
  const lemmaTable = (site: string) => {
    const html = readFileSync(path.join(site, "search", "index.html"), "utf8");
    const config = JSON.parse(/<script type="application\/json" id="search-config">(.*?)<\/script>/s.exec(html)![1]!) as { lemmas: { path: string; chunks: number } };
    const folder = path.join(site, config.lemmas.path.slice("/sub/".length));
    const chunks = readdirSync(folder).filter((file) => /^\d+\.txt$/.test(file));
    return { config, folder, chunks, table: parseChunk(chunks.map((file) => readFileSync(path.join(folder, file), "utf8")).join("")) };
  };

  /** The part folders in `pagefind/`, each a Pagefind bundle (the lemma table's folder aside). */
  const parts = () =>
    readdirSync(path.join(output, "pagefind"))
      .filter((folder) => !folder.startsWith("lemmas."))
      .sort();
  const pageCount = (part: string) =>
    (JSON.parse(readFileSync(path.join(output, "pagefind", part, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> }).languages;

  it("indexes exactly one Pagefind page per article, in one part per year named by id and fingerprint", () => {
    expect(parts().map((p) => p.split(".")[0])).toEqual(["2020", "2021", "2022", "2023", "2024"]);
    for (const part of parts()) {
      expect(part).toMatch(/^\d{4}\.[0-9a-f]{12}$/);
      expect(Object.keys(pageCount(part))).toEqual(["uk"]);
    }
    expect(parts().reduce((sum, part) => sum + pageCount(part).uk!.page_count, 0)).toBe(articleCount);
  });

  it("keeps Pagefind's loader in the oldest part only, and none of its prebuilt UI", () => {
    const [oldest, ...others] = parts();
    expect(readdirSync(path.join(output, "pagefind", oldest!)).filter((f) => !/^(index|fragment|filter)$/.test(f)).sort()).toEqual(
      expect.arrayContaining(["pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.unknown.pagefind"]),
    );
    for (const part of others) expect(readdirSync(path.join(output, "pagefind", part)).some((f) => f.endsWith(".js") || f.endsWith(".css") || f.startsWith("wasm."))).toBe(false);
    expect(readdirSync(path.join(output, "pagefind", oldest!)).some((f) => f.includes("-ui") || f.includes("highlight"))).toBe(false);
  });

  it("gives every record the address of an article page that exists, under the path prefix", () => {
    const urls = parts().flatMap((part) => {
      const dir = path.join(output, "pagefind", part, "fragment");
      return readdirSync(dir).flatMap((file) => {
        const json = gunzipSync(readFileSync(path.join(dir, file))).toString("utf8").replace(/^pagefind_dcd/, "");
        // A bundle (searchBundleSize) maps each of its pages' hashes to that page's fragment.
        const fragment = JSON.parse(json) as { url: string } | Record<string, { url: string }>;
        return typeof fragment.url === "string" ? [fragment.url as string] : Object.values(fragment as Record<string, { url: string }>).map((f) => f.url);
      });
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
    const [oldest, ...others] = parts();
    expect(html).toContain(`"pagefind":"/sub/pagefind/${oldest}/pagefind.js"`);
    // Every part, newest first, with its id and cache tag, so the script merges them without asking for a list.
    const config = JSON.parse(/<script type="application\/json" id="search-config">(.*?)<\/script>/s.exec(html)![1]!) as { parts: { id: string; path: string; tag: string; articles: number }[] };
    expect(config.parts.map(({ articles: _, ...part }) => part)).toEqual([...others.reverse(), oldest].map((folder) => ({ id: folder!.split(".")[0], path: `/sub/pagefind/${folder}/`, tag: folder!.split(".")[1] })));
    // And how many articles each holds, which tells the script how many parts a page of results may take.
    expect(config.parts.every((part) => part.articles > 0)).toBe(true);
    expect(config.parts.reduce((sum, part) => sum + part.articles, 0)).toBe(articleCount);
    expect(html).toContain('aria-live="polite"');
    expect(html).toMatch(/<noscript>.*Для пошуку потрібен JavaScript\..*<\/noscript>/);
    expect(html).toContain('<option value="Росія">Росія</option>');
  });

  it("writes the lemma table the search page names, in chunks holding every form of the archive's words", () => {
    const { config, folder, chunks, table } = lemmaTable(output);
    expect(config.lemmas.path).toMatch(/^\/sub\/pagefind\/lemmas\.\w+\/$/);
    // The fixtures say "Кремль", "Кремля" and "Кремлі"; the table has the forms they never use as well.
    expect(table.get("кремлем")).toContain("кремль");
    for (const file of chunks) expect(Number(file.split(".")[0])).toBeLessThan(config.lemmas.chunks);
    // A small archive's groups of forms are all small: none is split.
    expect(readFileSync(path.join(folder, splitsFile), "utf8")).toBe("");
  });

  it("keeps the expanded dictionary in the build's cache folder, and a later build reads it from there", () => {
    const [dictionary, ...others] = readdirSync(cache).filter((name) => name.startsWith("dictionary-"));
    expect(others).toEqual([]);
    // An entry that no dictionary has, put into the cache's index, shows that the next build took its lemmas from
    // the cache and did not expand the dictionary.
    const text = cachedDictionary(cache).store!.read()!.text;
    rmSync(path.join(cache, dictionary!), { recursive: true });
    const tampered = cachedDictionary(cache, undefined, () => ({ version: "tampered", text: () => Buffer.concat([text, Buffer.from("підземка\tметро\n")]) }));
    lemmatize(new Set(["метро"]), tampered);
    expect(readdirSync(cache).filter((name) => name.startsWith("dictionary-"))).toEqual([dictionary]);
    const again = buildSite({ articles, pathPrefix: "/sub/", extra: ["--cache", cache] });
    expect(lemmaTable(again).table.get("метро")).toContain("підземка");
    expect(lemmaTable(output).table.get("метро")).not.toContain("підземка");
  });

  it("loads the search script on /search/ only", () => {
    const pages = readdirSync(output, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html") && !f.startsWith("search"));
    expect(pages.length).toBeGreaterThan(articleCount);
    for (const page of pages) expect(readFileSync(path.join(output, page), "utf8")).not.toContain("/assets/search.");
  });
});

describe("indexArchive into a folder that holds an earlier index", () => {
  it("indexes no unchanged part again, and removes what the build no longer has", async () => {
    const build = () => createBuild(resolveOptions({ articles }), { pathPrefix: "/", includeDrafts: false });
    const output = mkdtempSync(path.join(tmpdir(), "search-index-"));
    const first = await indexArchive(build(), output);
    expect(first.parts.every((p) => !p.reused)).toBe(true);
    const entry = path.join(output, first.parts[0]!.files.find((f) => f.endsWith("pagefind-entry.json"))!);
    const mtime = statSync(entry).mtimeMs;
    writeFileSync(path.join(output, "pagefind", "pagefind.js"), "from a build of one index");
    const again = await indexArchive(build(), output);
    expect(again.parts.every((p) => p.reused)).toBe(true);
    expect(statSync(entry).mtimeMs).toBe(mtime);
    expect(readdirSync(path.join(output, "pagefind")).sort()).toEqual(first.parts.map((p) => p.folder).sort());
  });
});
