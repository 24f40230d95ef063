import { describe, expect, it } from "vitest";
import { absoluteUrl, withPathPrefix } from "./site-paths.ts";

describe("site paths", () => {
  it("adds the path prefix only to site paths", () => {
    expect(withPathPrefix("/2021/12/a/", "/sub/")).toBe("/sub/2021/12/a/");
    expect(withPathPrefix("/", "/")).toBe("/");
    expect(withPathPrefix("https://x.ua/a", "/sub/")).toBe("https://x.ua/a");
    expect(withPathPrefix("#top", "/sub/")).toBe("#top");
    expect(absoluteUrl("/a/", "https://news.example.ua/", "/sub/")).toBe("https://news.example.ua/sub/a/");
  });
});
