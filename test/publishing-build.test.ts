import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Parser } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheRulesFor } from "./host-rules.ts";
import { publishingBuild, publishingSiteUrl as siteUrl } from "./publishing-site.ts";
import { fixtureArticleCount } from "./publishing-fixture.ts";
import { htmlPages, pageAddress, read, siteFiles } from "./site-files.ts";
import { cacheForever, cacheRevalidate, type HeaderRule } from "../src/publishing/headers.ts";

const base = `${siteUrl}/sub`;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["url", "entry", "link", "sitemap"].includes(name) });

interface Head {
  meta: Map<string, string[]>;
  links: Record<string, string>[];
  jsonLd: Record<string, unknown>[];
  scripts: string[];
}

function head(html: string): Head {
  const result: Head = { meta: new Map(), links: [], jsonLd: [], scripts: [] };
  let inJsonLd = false;
  let json = "";
  const parser = new Parser({
    onopentag(tag, a) {
      if (tag === "meta" && (a.name || a.property)) {
        const key = (a.name ?? a.property)!;
        result.meta.set(key, [...(result.meta.get(key) ?? []), a.content ?? ""]);
      }
      if (tag === "link") result.links.push(a);
      if (tag === "script" && a.src) result.scripts.push(a.src);
      if (tag === "script" && a.type === "application/ld+json") inJsonLd = true;
    },
    ontext(text) {
      if (inJsonLd) json += text;
    },
    onclosetag(tag) {
      if (tag === "script" && inJsonLd) {
        result.jsonLd.push(JSON.parse(json));
        inJsonLd = false;
        json = "";
      }
    },
  });
  parser.write(html);
  parser.end();
  return result;
}

const xml = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text);
};

describe("publishing in a build under a path prefix", () => {
  let output: string;
  let files: string[];
  let pages: string[];
  const articlePages = () => pages.filter((p) => /^\/\d{4}\/\d{2}\/[a-z0-9-]+\/index\.html$/.test(p) && !/\/page\/\d+\//.test(p));

  beforeAll(() => {
    output = publishingBuild("/sub/");
    files = siteFiles(output);
    pages = htmlPages(output);
  });

  it("writes the archive feeds with the newest 20 articles (the default feedSize)", () => {
    const atom = xml(read(output, "/feed.xml")).feed;
    expect(atom.entry).toHaveLength(20);
    expect(atom.link.find((l: Record<string, string>) => l["@rel"] === "self")["@href"]).toBe(`${base}/feed.xml`);
    const json = JSON.parse(read(output, "/feed.json"));
    expect(json.items).toHaveLength(20);
    expect(json.items.map((i: { id: string }) => i.id)).toEqual(atom.entry.map((e: { id: string }) => e.id));
    expect(json.items[0].title).toBe("Свіжа новина & «тест»");
  });

  it("makes root links in article bodies absolute in feeds, with the path prefix once", () => {
    const hostile = JSON.parse(read(output, "/tags/kyiv/feed.json")).items.find((i: { title: string }) => i.title.startsWith("<script>"));
    expect(hostile.content_html).toContain(`href="${base}/tags/kyiv/"`);
    expect(hostile.content_html).toContain(`src="${base}/tags/"`);
    expect(hostile.content_html).not.toContain("/sub/sub/");
    expect(hostile.content_html).not.toContain("<script>");
  });

  it("writes both feeds for every tag, each holding that tag's newest articles", () => {
    const tagPages = pages.filter((p) => /^\/tags\/[^/]+\/index\.html$/.test(p));
    expect(tagPages.length).toBeGreaterThan(5);
    for (const page of tagPages) {
      const folder = page.replace(/index\.html$/, "");
      const atom = xml(read(output, `${folder}feed.xml`)).feed;
      const json = JSON.parse(read(output, `${folder}feed.json`));
      expect(atom.link.find((l: Record<string, string>) => l["@rel"] === "alternate")["@href"]).toBe(`${base}${folder}`);
      expect(json.home_page_url).toBe(`${base}${folder}`);
      expect(json.items.length).toBe(atom.entry.length);
      expect(json.items.length).toBeGreaterThan(0);
      expect(json.items.length).toBeLessThanOrEqual(20);
    }
    expect(JSON.parse(read(output, "/tags/kyiv/feed.json")).items).toHaveLength(20);
  });

  it("lists every article and listing page in the sitemap, and nothing that is not a page", () => {
    const locs: string[] = xml(read(output, "/sitemap.xml")).urlset.url.map((u: { loc: string; lastmod: string }) => {
      expect(Date.parse(u.lastmod)).not.toBeNaN();
      return u.loc;
    });
    const oneOffs = /^\/(404\.html|search\/index\.html|offline\/index\.html)$/;
    const expected = pages.filter((p) => !oneOffs.test(p)).map((p) => `${base}${pageAddress(p)}`);
    expect([...locs].sort()).toEqual([...expected].sort());
    expect(articlePages()).toHaveLength(fixtureArticleCount);
  });

  it("lists the article of the last hour in the news sitemap, and robots.txt names both sitemaps", () => {
    const news = xml(read(output, "/sitemap-news.xml")).urlset.url;
    expect(news).toHaveLength(1);
    expect(news[0]["news:news"]["news:title"]).toBe("Свіжа новина & «тест»");
    const robots = read(output, "/robots.txt");
    expect(robots).toContain(`Sitemap: ${base}/sitemap.xml\n`);
    expect(robots).toContain(`Sitemap: ${base}/sitemap-news.xml\n`);
  });

  it("gives every page an absolute canonical, a description, Open Graph and Twitter card tags", () => {
    for (const page of pages) {
      const { meta, links } = head(read(output, page));
      const canonical = links.filter((l) => l.rel === "canonical");
      expect(canonical, page).toHaveLength(1);
      expect(canonical[0]!.href, page).toBe(`${base}${pageAddress(page)}`);
      expect(meta.get("description")?.[0], page).toBeTruthy();
      for (const key of ["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale", "twitter:card", "twitter:title", "twitter:description"]) {
        expect(meta.get(key)?.[0], `${page} ${key}`).toBeTruthy();
      }
      expect(meta.get("og:url")![0]).toBe(canonical[0]!.href);
    }
  });

  it("gives articles NewsArticle and BreadcrumbList JSON-LD and article:* tags", () => {
    for (const page of articlePages()) {
      const { meta, jsonLd } = head(read(output, page));
      expect(jsonLd.map((d) => d["@type"]), page).toEqual(["NewsArticle", "BreadcrumbList"]);
      const [article, crumbs] = jsonLd as [Record<string, unknown>, { itemListElement: { item: string; position: number }[] }];
      expect(article.url).toBe(`${base}${pageAddress(page)}`);
      expect(crumbs.itemListElement.at(-1)!.item).toBe(article.url);
      expect(crumbs.itemListElement.map((c) => c.position)).toEqual(crumbs.itemListElement.map((_, i) => i + 1));
      expect(meta.get("og:type")).toEqual(["article"]);
      expect(Date.parse(meta.get("article:published_time")![0]!)).not.toBeNaN();
      expect(Date.parse(meta.get("article:modified_time")![0]!)).not.toBeNaN();
      expect(meta.get("article:tag")!.length).toBeGreaterThan(0);
    }
    const hostile = articlePages().find((p) => p.includes("script-alert"))!;
    const { meta, jsonLd } = head(read(output, hostile));
    // Control characters in the front matter are dropped when the article is read.
    expect(jsonLd[0]!.headline).toBe(`<script>alert("x")</script> Тарифи & «ціни»: 'лапки' ]]> кінець`);
    expect(meta.get("article:author")).toEqual([expect.stringMatching(new RegExp(`^${base}/authors/`)), `${base}/authors/petro-shevchuk/`]);
    expect(meta.get("og:image")).toEqual(["https://images.example.org/photo.jpg?w=1200&h=630"]);
    expect(meta.get("twitter:card")).toEqual(["summary_large_image"]);
  });

  it("gives listing pages breadcrumbs as JSON-LD where they show breadcrumbs", () => {
    const tag = head(read(output, "/tags/kyiv/page/2/index.html")).jsonLd;
    expect(tag.map((d) => d["@type"])).toEqual(["BreadcrumbList"]);
    expect(head(read(output, "/index.html")).jsonLd).toEqual([]);
  });

  it("announces the archive's feeds on the home page and a tag's own feeds on its first page only", () => {
    const alternates = (page: string) => head(read(output, page)).links.filter((l) => l.rel === "alternate").map((l) => [l.type, l.href]);
    expect(alternates("/index.html")).toEqual([
      ["application/atom+xml", `${base}/feed.xml`],
      ["application/feed+json", `${base}/feed.json`],
    ]);
    expect(alternates("/tags/kyiv/index.html")).toEqual([
      ["application/atom+xml", `${base}/tags/kyiv/feed.xml`],
      ["application/feed+json", `${base}/tags/kyiv/feed.json`],
    ]);
    expect(alternates("/tags/kyiv/page/2/index.html")).toEqual([]);
    expect(alternates("/page/2/index.html")).toEqual([]);
    expect(alternates("/authors/index.html")).toEqual([]);
  });

  it("names every stylesheet and script it links by content hash", () => {
    const seen = new Set<string>();
    for (const page of pages) {
      const { links, scripts } = head(read(output, page));
      for (const url of [...links.filter((l) => l.rel === "stylesheet").map((l) => l.href!), ...scripts]) seen.add(url);
    }
    expect(seen.size).toBeGreaterThan(1);
    for (const url of seen) expect(url).toMatch(/^\/sub\/assets\/[a-z0-9-]+\.[0-9a-f]{10}\.(css|js)$/);
  });

  it("writes _headers that give every output file at most one cache policy: hashed files for ever, pages revalidated", () => {
    const text = read(output, "/_headers");
    const rules: HeaderRule[] = text
      .trim()
      .split(/\n\n+/)
      .map((block) => {
        const [path, ...lines] = block.split("\n");
        return { path: path!, headers: lines.map((line) => line.trim().split(/: (.*)/s).slice(0, 2) as [string, string]) };
      });
    expect(rules[0]!.path).toBe("/sub/*");
    expect(rules[0]!.headers.map(([name]) => name)).toContain("Content-Security-Policy");
    for (const file of files) {
      // Hosts match rules against the address asked for: `/sub/tags/`, not `/sub/tags/index.html`.
      const address = `/sub${pageAddress(file)}`;
      const policies = cacheRulesFor(rules, address);
      expect(policies.length, address).toBeLessThanOrEqual(1);
      if (/^\/(assets|pagefind)\//.test(file)) expect(policies, address).toEqual([cacheForever]);
      if (file.endsWith(".html") || /\/(feed\.(xml|json)|sitemap[^/]*\.xml|robots\.txt)$/.test(file)) expect(policies, address).toEqual([cacheRevalidate]);
      // Unhashed on purpose: the service worker, whose name browsers must find again.
      if (file === "/sw.js") expect(policies, address).toEqual([cacheRevalidate]);
    }
    expect(files).toContain("/sw.js");
    expect(files.some((file) => /^\/pagefind\/[\w-]+\.[0-9a-f]{12}\/pagefind-entry\.json$/.test(file))).toBe(true);
    expect(read(output, "/_redirects")).toContain("/sub/feed /sub/feed.xml 301\n");
  });
});
