import { describe, expect, it } from "vitest";
import { resolveOptions } from "./options.ts";
import { siteContext } from "./pages.ts";

describe("siteContext", () => {
  it("leads to the search page only when the archive has one", () => {
    const withSearch = siteContext(resolveOptions({}), "/", "/assets/a.css");
    expect(withSearch.navigation.map((item) => item.url)).toContain("/search/");
    expect(withSearch.search).toBe(true);
    const without = siteContext(resolveOptions({ search: false }), "/", "/assets/a.css");
    expect(without.navigation.map((item) => item.url)).not.toContain("/search/");
    expect(without.search).toBe(false);
  });
});
