import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { publishingBuild, publishingSiteUrl as siteUrl } from "./publishing-site.ts";
import { htmlPages, htmlReferences, pageAddress, read, resolveLocal, siteFiles } from "./site-files.ts";


describe.each([
  { label: "at the host's root", pathPrefix: "/" as const },
  { label: "under the path prefix /sub/", pathPrefix: "/sub/" as const },
])("every local link resolves, $label", ({ pathPrefix }) => {
  let output: string;
  const site = () => ({ output, siteUrl, pathPrefix });

  beforeAll(() => {
    output = publishingBuild(pathPrefix);
  });

  it("in every href, src, srcset, poster and form action of every HTML page, fragments included", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const page of htmlPages(output)) {
      const { references, ids } = htmlReferences(read(output, page));
      for (const { tag, attribute, value } of references) {
        if (value.startsWith("#")) {
          if (value.length > 1 && !ids.has(decodeURIComponent(value.slice(1)))) problems.push(`${page}: <${tag} ${attribute}="${value}">: no such id`);
          continue;
        }
        const resolved = resolveLocal(value, pageAddress(page), site());
        if (resolved === null) continue;
        checked++;
        if ("problem" in resolved) problems.push(`${page}: <${tag} ${attribute}="${value}">: ${resolved.problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it("from the 404 page at any depth: its addresses are all root-absolute or absolute", () => {
    const { references } = htmlReferences(read(output, "/404.html"));
    expect(references.length).toBeGreaterThan(5);
    for (const { value } of references) {
      expect(value, value).toMatch(new RegExp(`^(#|https?://|${pathPrefix.replace(/\//g, "\\/")})`));
      // The same addresses work from a page three folders deep.
      if (!value.startsWith("#") && !/^https?:/.test(value)) expect(resolveLocal(value, "/a/b/c/", site()), value).toHaveProperty("file");
    }
  });

  it("in the sitemaps, feeds and robots.txt", () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["url", "entry", "link", "sitemap"].includes(name) });
    const addresses: string[] = [];
    const files = siteFiles(output);
    for (const file of files.filter((f) => /\/sitemap[^/]*\.xml$/.test(f))) {
      const xml = parser.parse(read(output, file));
      addresses.push(...(xml.urlset?.url ?? []).map((u: { loc: string }) => u.loc), ...(xml.sitemapindex?.sitemap ?? []).map((s: { loc: string }) => s.loc));
    }
    for (const file of files.filter((f) => f.endsWith("/feed.xml"))) {
      const feed = parser.parse(read(output, file)).feed;
      addresses.push(feed.id, ...feed.link.map((l: Record<string, string>) => l["@href"]));
      // A remote lead photo's enclosure points where the photo lives; every other link is the site's own.
      const own = (l: Record<string, string>) => l["@rel"] !== "enclosure" || l["@href"]!.startsWith(siteUrl);
      for (const entry of feed.entry ?? []) addresses.push(entry.id, ...entry.link.filter(own).map((l: Record<string, string>) => l["@href"]));
    }
    for (const file of files.filter((f) => f.endsWith("/feed.json"))) {
      const feed = JSON.parse(read(output, file));
      addresses.push(feed.home_page_url, feed.feed_url, ...feed.items.flatMap((i: { url: string; authors?: { url: string }[] }) => [i.url, ...(i.authors ?? []).map((a) => a.url)]));
    }
    addresses.push(...[...read(output, "/robots.txt").matchAll(/^Sitemap: (.+)$/gm)].map((m) => m[1]!));
    expect(addresses.length).toBeGreaterThan(200);
    const broken = addresses.filter((address) => {
      if (!address.startsWith(`${siteUrl}${pathPrefix}`)) return true;
      const resolved = resolveLocal(address, "/", site());
      return resolved === null || "problem" in resolved;
    });
    expect(broken).toEqual([]);
  });
});

describe("the link checker itself", () => {
  const site = { output: import.meta.dirname, siteUrl, pathPrefix: "/sub/" };
  it("reports missing files and addresses that escape the path prefix, and leaves other hosts alone", () => {
    expect(resolveLocal("/sub/links.test.ts", "/", site)).toEqual({ file: "/links.test.ts" });
    expect(resolveLocal("links.test.ts", "/", site)).toEqual({ file: "/links.test.ts" });
    expect(resolveLocal("/sub/missing.css", "/", site)).toEqual({ problem: "no file /missing.css" });
    expect(resolveLocal("/links.test.ts", "/", site)).toEqual({ problem: "outside the path prefix /sub/" });
    expect(resolveLocal("../links.test.ts", "/", site)).toEqual({ problem: "outside the path prefix /sub/" });
    expect(resolveLocal(`${siteUrl}/sub/fixtures/`, "/", site)).toEqual({ problem: "no file /fixtures/index.html" });
    expect(resolveLocal("https://elsewhere.example/x", "/", site)).toBeNull();
    expect(resolveLocal("mailto:desk@example.ua", "/", site)).toBeNull();
  });
});
