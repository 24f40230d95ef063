import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { publishingBuild } from "./publishing-site.ts";
import { htmlPages, read } from "./site-files.ts";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // Page titles are the newsroom's headlines followed by the site name; shortening a headline is an editor's call, not the theme's.
    "long-title": "off",
    // Article bodies come from the HTML sanitizer, which writes void elements as `<img />`; both spellings are valid HTML.
    "void-style": "off",
  },
});

/** One page of every kind the theme renders; the hostile article's title holds markup, quotes and control characters. */
const pageOfEachKind: Record<string, RegExp> = {
  article: /^\/2024\/03\/script-alert-x-script-[^/]+\/index\.html$/,
  home: /^\/index\.html$/,
  "home, page 2": /^\/page\/2\/index\.html$/,
  tag: /^\/tags\/kyiv\/index\.html$/,
  "tag, page 2": /^\/tags\/kyiv\/page\/2\/index\.html$/,
  author: /^\/authors\/mariia-doroshenko\/index\.html$/,
  year: /^\/2023\/index\.html$/,
  month: /^\/2023\/01\/index\.html$/,
  "tags index": /^\/tags\/index\.html$/,
  "authors index": /^\/authors\/index\.html$/,
  "archive index": /^\/archive\/index\.html$/,
  "not found": /^\/404\.html$/,
  search: /^\/search\/index\.html$/,
};

describe("every page passes html-validate (recommended rules)", () => {
  let output: string;
  let pages: string[];
  beforeAll(() => {
    output = publishingBuild("/sub/");
    pages = htmlPages(output);
  });

  it("covers a page of every kind", () => {
    for (const [kind, pattern] of Object.entries(pageOfEachKind)) expect(pages.some((p) => pattern.test(p)), kind).toBe(true);
  });

  it("finds no problem in a page of each kind, nor in any one-off page (offline, the site's own)", async () => {
    const kinds = Object.values(pageOfEachKind);
    const chosen = pages.filter((p) => kinds.some((pattern) => pattern.test(p)) || !/^\/(\d{4}|tags|authors|page)\//.test(p));
    const problems: string[] = [];
    for (const page of chosen) {
      const report = await validator.validateString(read(output, page), page);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
