import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import newsArchive from "./index.ts";
import { OptionsError, pathPrefixProblem, resolveOptions, siteUrlProblem } from "./options.ts";

describe("resolveOptions", () => {
  it("fills defaults for a Ukrainian newsroom", () => {
    const options = resolveOptions({ siteName: "Редакція", siteUrl: "https://news.example.ua/" });
    expect(options).toMatchObject({ locale: "uk", timeZone: "Europe/Kyiv", articles: "articles", pageSize: 20, siteUrl: "https://news.example.ua" });
    expect(options.publisher.name).toBe("Редакція");
    expect(options.drafts).toBeUndefined();
  });

  it("reports every problem at once, in words a newsroom can act on", () => {
    let error: unknown;
    try {
      resolveOptions({ siteUrl: "news.example.ua", timeZone: "Europe/Kiev2", pageSize: 0, searchBundleSize: 101, searchIndexChunkSize: 500, locale: "ru" as "uk", brand: { colour: "red; x" }, sitename: "x" } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OptionsError);
    const problems = (error as OptionsError).problems.join("\n");
    expect(problems).toMatch(/siteUrl must be an absolute http\(s\) address/);
    expect(problems).toMatch(/timeZone must be an IANA zone/);
    expect(problems).toMatch(/pageSize must be a whole number of at least 1/);
    expect(problems).toMatch(/searchBundleSize must be a whole number from 1 to 100, got 101/);
    expect(problems).toMatch(/searchIndexChunkSize must be a whole number from 1000 to 1000000, got 500/);
    expect(problems).toMatch(/locale must be one of uk, en/);
    expect(problems).toMatch(/brand\.colour must be a CSS value/);
    expect(problems).toMatch(/unknown option "sitename" \(did you mean siteName\?\)/);
  });
});

describe("strings: the site's own wording of interface strings", () => {
  const problems = (strings: unknown, locale: "uk" | "en" = "uk") => {
    try {
      resolveOptions({ locale, strings } as never);
      return [];
    } catch (error) {
      return (error as OptionsError).problems;
    }
  };

  it("replaces the keys given, in the site's locale, and keeps the rest", () => {
    const options = resolveOptions({ locale: "en", strings: { navArchive: "Everything", articleCount: { one: "{n} story", other: "{n} stories" } } });
    expect(options.strings).toEqual({ navArchive: "Everything", articleCount: { one: "{n} story", other: "{n} stories" } });
  });

  it("names an unknown key with the nearest real one", () => {
    expect(problems({ navArchiv: "Архів" })).toEqual(["strings.navArchiv is not an interface string (did you mean strings.navArchive?)"]);
    expect(problems({ somethingElse: "x" })).toEqual(["strings.somethingElse is not an interface string; the keys are those of UiStrings in eleventy-news-archive/src/i18n.ts"]);
  });

  it("refuses a placeholder the theme does not fill, naming the ones it does", () => {
    expect(problems({ footerCopyright: "© {year} {site}" })).toEqual(["strings.footerCopyright uses {year}, which the theme does not fill; it has {site}"]);
    expect(problems({ pageOf: "{page}/{pages}", navHome: "{home}" })).toEqual(["strings.navHome uses {home}, which the theme does not fill; it has none"]);
    expect(problems({ articleCount: { one: "{n} стаття", other: "{count} статей" } })).toEqual(["strings.articleCount uses {count}, which the theme does not fill; it has {n}"]);
    expect(problems({ footerCopyright: "© {site}, 2004–2025", articleCount: { one: "одна", other: "{n} статей" } })).toEqual([]);
  });

  it("refuses a value of another shape than the string it replaces", () => {
    expect(problems({ navArchive: "" })[0]).toMatch(/strings\.navArchive must be non-empty text/);
    expect(problems({ articleCount: "статті" })[0]).toMatch(/strings\.articleCount must be plural forms/);
    expect(problems({ articleCount: { one: "{n}", other: "{n}", several: "{n}" } })[0]).toMatch(/strings\.articleCount must be plural forms/);
    expect(problems(["x"])[0]).toMatch(/strings must be an object/);
  });
});

describe("siteUrlProblem", () => {
  it.each([
    ["https://news.example.ua"],
    ["http://localhost:8080"],
    ["https://news.example.ua/"],
    ["https://новини.укр"],
  ])("accepts %j", (url) => {
    expect(siteUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ["news.example.ua", /absolute http\(s\) address/],
    ["ftp://news.example.ua", /absolute http\(s\) address/],
    ["https:news.example.ua", /absolute http\(s\) address/],
    ["https://news example.ua", /absolute http\(s\) address/],
    ["https://x.ua?x=1", /no query \(\?…\) or fragment \(#…\)/],
    ["https://x.ua/#top", /no query \(\?…\) or fragment \(#…\)/],
    ["https://x.ua?", /no query/],
    ["https://editor:secret@x.ua", /no user name or password/],
    ["https://x.ua/archive", /without a path.*--path-prefix \/archive\//],
  ])("refuses %j in one line", (url, message) => {
    const problem = siteUrlProblem(url);
    expect(problem).toMatch(message);
    expect(problem).toContain(JSON.stringify(url));
    expect(problem).not.toContain("\n");
  });

  it("is what resolveOptions reports", () => {
    expect(() => resolveOptions({ siteUrl: "https://x.ua?x=1" })).toThrow(/siteUrl .*no query/);
  });
});

describe("pathPrefixProblem", () => {
  it.each([[undefined], ["/"], [""], ["/archive/"], ["archive"], ["/news/2021_old.v2~x/"]])("accepts %j", (prefix) => {
    expect(pathPrefixProblem(prefix)).toBeUndefined();
  });

  it.each([
    ["/my archive/", /only Latin letters, digits and - \. _ ~/],
    ["/архів/", /only Latin letters, digits and - \. _ ~/],
    ["/a?b/", /only Latin letters/],
    ["/../x/", /"\.\."/],
    ["/x/./y/", /"\."/],
    ["/a//b/", /empty/],
    ["https://cdn.example/x/", /not an address.*--site-url/],
    ["//cdn.example/x/", /not an address/],
  ])("refuses %j in one line", (prefix, message) => {
    const problem = pathPrefixProblem(prefix);
    expect(problem).toMatch(message);
    expect(problem).toContain(JSON.stringify(prefix));
    expect(problem).not.toContain("\n");
  });

  it("stops the plugin with an OptionsError", () => {
    const config = { pathPrefix: "/../x/", directories: { input: ".", includes: "_includes", output: "_site" }, ignores: new Set<string>(), passthroughCopies: {}, addGlobalData() {}, addTemplate() {}, addWatchTarget() {}, on() {} };
    expect(() => newsArchive(config)).toThrow(OptionsError);
  });

  it("has Eleventy watch the articles, the theme and the site's own Sass entry", () => {
    const entry = path.join(mkdtempSync(path.join(tmpdir(), "site-sass-")), "newsroom.scss");
    writeFileSync(entry, '@use "main";\n');
    const watched: string[] = [];
    const config = { directories: { input: ".", includes: "_includes", output: "_site" }, ignores: new Set<string>(), passthroughCopies: {}, addGlobalData() {}, addTemplate() {}, addWatchTarget: (target: string) => void watched.push(target), on() {} };
    newsArchive(config, { articles: "texts", stylesheet: entry });
    expect(watched).toEqual(expect.arrayContaining(["texts", entry]));
  });

  it("asks Eleventy whether it is a version the plugin supports, before anything else", () => {
    const asked: string[] = [];
    const config = {
      directories: { input: ".", includes: "_includes", output: "_site" },
      ignores: new Set<string>(),
      passthroughCopies: {},
      versionCheck: (range: string) => {
        asked.push(range);
        throw new Error(`Eleventy ${range} required`);
      },
      addGlobalData() {},
      addTemplate() {},
      addWatchTarget() {},
      on() {},
    };
    expect(() => newsArchive(config)).toThrow(/Eleventy >=3\.1 required/);
    expect(asked).toEqual([">=3.1"]);
  });
});
