import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { partFingerprint, partFolder, planSearchParts, primaryPart } from "./parts.ts";

/** The least of an article planning needs; `day` counts from 1 January of its year. */
const article = (year: number, day: number, slug = `a${year}-${day}`) => {
  const instant = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: "Europe/Kyiv" }).plus({ days: day - 1 });
  return { url: `/${year}/${slug}/`, year, date: { instant, hasTime: true }, revision: `r-${slug}` };
};

const ids = (parts: { id: string }[]) => parts.map((p) => p.id);
const slugs = (articles: { url: string }[]) => articles.map((a) => a.url.split("/")[2]);

describe("planSearchParts", () => {
  it("makes one part per year, newest first, each in date order", () => {
    const parts = planSearchParts([article(2021, 5), article(2023, 2), article(2021, 1), article(2022, 9)], { maxArticles: 10 });
    expect(ids(parts)).toEqual(["2023", "2022", "2021"]);
    expect(slugs(parts[2]!.articles)).toEqual(["a2021-1", "a2021-5"]);
    expect(primaryPart(parts)!.id).toBe("2021");
  });

  it("splits a year larger than maxArticles into date-ordered chunks numbered from its oldest", () => {
    const year = Array.from({ length: 7 }, (_, i) => article(2022, 7 - i));
    const parts = planSearchParts([...year, article(2023, 1)], { maxArticles: 3 });
    expect(ids(parts)).toEqual(["2023", "2022-3", "2022-2", "2022"]);
    expect(parts.map((p) => slugs(p.articles))).toEqual([["a2023-1"], ["a2022-7"], ["a2022-4", "a2022-5", "a2022-6"], ["a2022-1", "a2022-2", "a2022-3"]]);
  });

  it("orders articles of one instant by address, so a plan never depends on the order files were read", () => {
    const [a, b] = [article(2022, 1, "b"), article(2022, 1, "a")];
    expect(slugs(planSearchParts([a, b])[0]!.articles)).toEqual(["a", "b"]);
    expect(slugs(planSearchParts([b, a])[0]!.articles)).toEqual(["a", "b"]);
  });

  it("keeps every older part as it was when a new article joins the current year", () => {
    const archive = [...Array.from({ length: 5 }, (_, i) => article(2024, i + 1)), article(2023, 1)];
    const settings = { pathPrefix: "/" };
    const fingerprints = (list: typeof archive) => planSearchParts(list, { maxArticles: 2 }).map((p) => `${p.id}.${partFingerprint(p.articles, settings)}`);
    const before = fingerprints(archive);
    const after = fingerprints([...archive, article(2024, 200)]);
    expect(before.map((f) => f.split(".")[0])).toEqual(["2024-3", "2024-2", "2024", "2023"]);
    // Only the newest chunk took the new article.
    expect(after.filter((f) => !before.includes(f)).map((f) => f.split(".")[0])).toEqual(["2024-3"]);
    expect(after).toHaveLength(before.length);
  });

  it("refuses a part size below one", () => {
    expect(() => planSearchParts([article(2021, 1)], { maxArticles: 0 })).toThrow(RangeError);
  });
});

describe("partFingerprint and partFolder", () => {
  const a = article(2021, 1);
  it("changes when an article, its revision or a setting changes, and only then", () => {
    const print = partFingerprint([a], { pathPrefix: "/" });
    expect(partFingerprint([{ ...a }], { pathPrefix: "/" })).toBe(print);
    expect(partFingerprint([{ ...a, revision: "r2" }], { pathPrefix: "/" })).not.toBe(print);
    expect(partFingerprint([{ ...a, url: "/2021/b/" }], { pathPrefix: "/" })).not.toBe(print);
    expect(partFingerprint([a], { pathPrefix: "/sub/" })).not.toBe(print);
  });

  it("names a part's folder by its id and fingerprint", () => {
    expect(partFolder({ id: "2021-2", fingerprint: "0123456789ab" })).toBe("2021-2.0123456789ab");
    expect(() => partFolder({ id: "../x", fingerprint: "0123456789ab" })).toThrow();
  });
});
