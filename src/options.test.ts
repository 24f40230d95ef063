import { describe, expect, it } from "vitest";
import { OptionsError, resolveOptions } from "./options.ts";

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
      resolveOptions({ siteUrl: "news.example.ua", timeZone: "Europe/Kiev2", pageSize: 0, locale: "ru" as "uk", brand: { colour: "red; x" }, sitename: "x" } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OptionsError);
    const problems = (error as OptionsError).problems.join("\n");
    expect(problems).toMatch(/siteUrl must be an absolute http\(s\) address/);
    expect(problems).toMatch(/timeZone must be an IANA zone/);
    expect(problems).toMatch(/pageSize must be a whole number of at least 1/);
    expect(problems).toMatch(/locale must be one of uk, en/);
    expect(problems).toMatch(/brand\.colour must be a CSS value/);
    expect(problems).toMatch(/unknown option "sitename"/);
  });
});
