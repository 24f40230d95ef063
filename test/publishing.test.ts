import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Archive } from "../src/archive.ts";
import { readArticles } from "../src/articles.ts";
import { resolveOptions } from "../src/options.ts";
import { articlePage, articleView, listingPage, plainPage, siteContext } from "../src/pages.ts";
import { atomFeed, feedLinks, jsonFeed, type FeedInput } from "../src/publishing/feeds.ts";
import { cacheForever, cacheRevalidate, contentSecurityPolicy, headerRules, redirects, renderHeaders } from "../src/publishing/headers.ts";
import { lastChange, newestChange } from "../src/publishing/changes.ts";
import { archiveFeedLinks, registerPublishing } from "../src/publishing/index.ts";
import { newsSitemap, planSitemaps, renderSitemap, robotsTxt, sitemapUrls } from "../src/publishing/sitemaps.ts";
import { escapeXml, stripIllegalXmlCharacters } from "../src/publishing/xml.ts";
import { cacheRulesFor, matches } from "./host-rules.ts";
import { fixtureArticleCount, writePublishingFixture } from "./publishing-fixture.ts";

const now = new Date("2026-05-10T12:00:00Z");
const options = resolveOptions({ siteUrl: "https://news.example.ua", siteName: "Редакція & <Ко>", pageSize: 10, feedSize: 5 });
const { articles: sources } = readArticles(writePublishingFixture(now), { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength });
const archive = new Archive(sources, { pageSize: options.pageSize, relatedCount: 2 });
const site = siteContext(options, "/sub/", "/assets/archive.css");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "url", "sitemap", "author", "link", "category"].includes(name) });

function parseXml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const hostile = archive.articles.find((a) => a.title.includes("<script>"))!;

function input(articles = archive.articles.slice(0, options.feedSize)): FeedInput {
  return { title: site.name, description: site.description, pagePath: "/", articles, site, bodyHtml: () => '<p>a <a href="/sub/tags/kyiv/">b</a> & ]]&gt;</p>', now };
}

describe("escapeXml", () => {
  it("escapes markup and quotes and drops characters XML 1.0 forbids", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("]]>")).toBe("]]&gt;");
    expect(stripIllegalXmlCharacters("a\u0000b\u0001c\u001Fd\te\nf\rg\uFFFEh\uD800i😀")).toBe("abcd\te\nf\rghi😀");
  });
});

describe("Atom feed", () => {
  const xml = atomFeed(input());
  const feed = parseXml(xml).feed;

  it("has every element RFC 4287 requires of a feed", () => {
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("https://news.example.ua/sub/");
    expect(feed.title["#text"]).toBe("Редакція & <Ко>");
    expect(Date.parse(feed.updated)).not.toBeNaN();
    expect(feed.author[0].name).toBe("Редакція & <Ко>");
    const self = feed.link.find((l: Record<string, string>) => l["@rel"] === "self");
    const alternate = feed.link.find((l: Record<string, string>) => l["@rel"] === "alternate");
    expect(self["@href"]).toBe("https://news.example.ua/sub/feed.xml");
    expect(alternate["@href"]).toBe("https://news.example.ua/sub/");
  });

  it("holds the newest feedSize articles with every required entry element", () => {
    expect(feed.entry).toHaveLength(5);
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual(archive.articles.slice(0, 5).map((a) => `https://news.example.ua/sub${a.url}`));
    for (const entry of feed.entry) {
      expect(entry.id).toMatch(/^https:\/\/news\.example\.ua\/sub\/\d{4}\/\d{2}\/[a-z0-9-]+\/$/);
      expect(entry.title["#text"]).toBeTruthy();
      expect(Date.parse(entry.updated)).not.toBeNaN();
      expect(Date.parse(entry.published)).not.toBeNaN();
      expect(entry.link[0]["@href"]).toBe(entry.id);
      expect(entry.summary["#text"]).toBeTruthy();
      expect(entry.content["@type"]).toBe("html");
      // Root-relative links become absolute; the path prefix is already in them.
      expect(entry.content["#text"]).toContain('href="https://news.example.ua/sub/tags/kyiv/"');
    }
  });

  it("carries hostile article text as text, whatever it holds", () => {
    const xmlOf = atomFeed(input([hostile]));
    const entry = parseXml(xmlOf).feed.entry[0];
    expect(entry.title["#text"]).toBe(`<script>alert("x")</script> Тарифи & «ціни»: 'лапки' ]]> кінець`);
    expect(xmlOf).not.toContain("<script>");
    expect(xmlOf).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    // A name's apostrophe is folded to ’ when the article is read, so one person has one author page.
    expect(entry.author.map((a: { name: string }) => a.name)).toEqual(["О’Коннор <b>Ірина</b>", "Петро Шевчук"]);
    expect(entry.category.map((c: Record<string, string>) => c["@term"])).toContain('R&D "тест"');
    expect(Date.parse(entry.updated)).toBeGreaterThan(Date.parse(entry.published));
  });

  it("is still valid with no articles, dated by the build", () => {
    const empty = parseXml(atomFeed(input([]))).feed;
    expect(empty.entry).toBeUndefined();
    expect(empty.updated).toBe("2026-05-10T12:00:00Z");
  });
});

describe("JSON Feed", () => {
  const feed = JSON.parse(jsonFeed(input()));

  it("has the JSON Feed 1.1 top-level fields", () => {
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "Редакція & <Ко>",
      home_page_url: "https://news.example.ua/sub/",
      feed_url: "https://news.example.ua/sub/feed.json",
      language: "uk",
      authors: [{ name: "Редакція & <Ко>", url: "https://news.example.ua/sub/" }],
    });
    expect(feed.items).toHaveLength(5);
  });

  it("gives every item an id, url, title, content, summary and RFC 3339 dates", () => {
    for (const item of feed.items) {
      expect(item.id).toBe(item.url);
      expect(item.url).toMatch(/^https:\/\/news\.example\.ua\/sub\//);
      expect(item.title).toBeTruthy();
      expect(item.content_html).toContain("https://news.example.ua/sub/tags/kyiv/");
      expect(item.summary).toBeTruthy();
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(item.date_modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(item.tags.length).toBeGreaterThan(0);
    }
  });

  it("keeps hostile text intact as JSON data, with authors, tags and an absolute image", () => {
    const item = JSON.parse(jsonFeed(input([hostile]))).items[0];
    expect(item.title).toBe(hostile.title);
    expect(item.authors).toEqual([
      { name: "О’Коннор <b>Ірина</b>", url: expect.stringMatching(/^https:\/\/news\.example\.ua\/sub\/authors\//) },
      { name: "Петро Шевчук", url: "https://news.example.ua/sub/authors/petro-shevchuk/" },
    ]);
    expect(item.tags).toContain('R&D "тест"');
    expect(item.image).toBe("https://images.example.org/photo.jpg?w=1200&h=630");
  });
});

describe("feed discovery links", () => {
  it("point at both formats with absolute addresses under the prefix", () => {
    expect(archiveFeedLinks(site).map((l) => [l.type, l.href])).toEqual([
      ["application/atom+xml", "https://news.example.ua/sub/feed.xml"],
      ["application/feed+json", "https://news.example.ua/sub/feed.json"],
    ]);
    expect(feedLinks("/tags/kyiv/", "Київ", site)[0]!.href).toBe("https://news.example.ua/sub/tags/kyiv/feed.xml");
  });
});

describe("sitemaps", () => {
  const urls = sitemapUrls(archive);

  it("list every article, every listing page and the three indexes, each with lastmod", () => {
    expect(urls).toHaveLength(fixtureArticleCount + archive.listingPages.length + 3);
    expect(new Set(urls.map((u) => u.path)).size).toBe(urls.length);
    for (const article of archive.articles) expect(urls.map((u) => u.path)).toContain(article.url);
    for (const path of ["/", "/page/2/", "/page/3/", "/tags/kyiv/page/3/", "/2023/01/page/3/", "/tags/", "/authors/", "/archive/"]) {
      expect(urls.map((u) => u.path)).toContain(path);
    }
    for (const url of urls) expect(Date.parse(url.lastmod!)).not.toBeNaN();
  });

  it("give a listing page the newest change among its articles", () => {
    const home = urls.find((u) => u.path === "/")!;
    expect(home.lastmod).toBe(archive.articles[0]!.date.instant.startOf("second").toISO({ suppressMilliseconds: true }));
  });

  it("stay one file up to the limit", () => {
    const files = planSitemaps(urls);
    expect(files).toHaveLength(1);
    const parsed = parseXml(renderSitemap(files[0]!, site)).urlset;
    expect(parsed["@xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(parsed.url).toHaveLength(urls.length);
    expect(parsed.url[0].loc).toMatch(/^https:\/\/news\.example\.ua\/sub\//);
  });

  it("become an index of parts beyond the limit, losing no URL", () => {
    const files = planSitemaps(urls, 20);
    const [index, ...parts] = files;
    expect(index!.path).toBe("/sitemap.xml");
    expect(parts).toHaveLength(Math.ceil(urls.length / 20));
    const parsedIndex = parseXml(renderSitemap(index!, site)).sitemapindex;
    expect(parsedIndex.sitemap.map((s: { loc: string }) => s.loc)).toEqual(parts.map((p) => `https://news.example.ua/sub${p.path}`));
    for (const s of parsedIndex.sitemap) expect(Date.parse(s.lastmod)).not.toBeNaN();
    const locs = parts.flatMap((part) => {
      const parsed = parseXml(renderSitemap(part, site)).urlset.url as { loc: string }[];
      expect(parsed.length).toBeLessThanOrEqual(20);
      return parsed.map((u) => u.loc);
    });
    expect(locs).toEqual(urls.map((u) => `https://news.example.ua/sub${u.path}`));
  });

  it("news sitemap lists only articles from the two days before the build", () => {
    const news = parseXml(newsSitemap(archive.articles, site, now)).urlset;
    expect(news["@xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(news.url).toHaveLength(1);
    const entry = news.url[0];
    expect(entry.loc).toMatch(/^https:\/\/news\.example\.ua\/sub\/2026\/05\/svizha-novyna/);
    expect(entry["news:news"]["news:publication"]).toEqual({ "news:name": "Редакція & <Ко>", "news:language": "uk" });
    expect(entry["news:news"]["news:title"]).toBe("Свіжа новина & «тест»");
    expect(Date.parse(entry["news:news"]["news:publication_date"])).toBe(now.getTime() - 3_600_000);
    // Three days on, nothing is news any more; the file stays a valid, empty urlset.
    const later = parseXml(newsSitemap(archive.articles, site, new Date(now.getTime() + 3 * 86_400_000))).urlset;
    expect(later.url).toBeUndefined();
    // Reaching back far enough takes in the hostile article with its title as plain text.
    const wide = parseXml(newsSitemap(archive.articles, site, now, 24 * 365 * 3)).urlset;
    expect(wide.url.map((u: { "news:news": { "news:title": string } }) => u["news:news"]["news:title"])).toContain(
      `<script>alert("x")</script> Тарифи & «ціни»: 'лапки' ]]> кінець`,
    );
  });

  it("robots.txt names the sitemaps by absolute address", () => {
    expect(robotsTxt(site, ["/sitemap.xml", "/sitemap-news.xml"]).split("\n")).toEqual(
      expect.arrayContaining(["User-agent: *", "Sitemap: https://news.example.ua/sub/sitemap.xml", "Sitemap: https://news.example.ua/sub/sitemap-news.xml"]),
    );
  });
});

describe("_headers", () => {
  const rules = headerRules({ pathPrefix: "/", embedHosts: ["www.youtube.com"], sections: ["/2023/", "/2024/"], unhashedFiles: ["/feed.xml", "/sitemap.xml"] });

  it("caches hashed files for ever, HTML and unhashed entry files only after revalidating, never both", () => {
    const expected: Record<string, string> = {
      "/assets/archive.0123456789.css": cacheForever,
      "/assets/search.0123456789.js": cacheForever,
      // Search parts live in folders named by their fingerprints: even the entry file and loader never change under their names.
      "/pagefind/2023.0123456789ab/fragment/uk_5f1d753.pf_fragment": cacheForever,
      "/pagefind/2023-2.0123456789ab/index/uk_c846c16.pf_index": cacheForever,
      "/pagefind/2015.0123456789ab/pagefind.js": cacheForever,
      "/pagefind/2023.0123456789ab/pagefind-entry.json": cacheForever,
      "/pagefind/2015.0123456789ab/pagefind-worker.js": cacheForever,
      "/pagefind/2015.0123456789ab/wasm.unknown.pagefind": cacheForever,
      "/": cacheRevalidate,
      "/page/2/": cacheRevalidate,
      "/2023/01/novyna/": cacheRevalidate,
      "/tags/kyiv/": cacheRevalidate,
      "/tags/kyiv/feed.xml": cacheRevalidate,
      "/search/": cacheRevalidate,
      "/404.html": cacheRevalidate,
      "/feed.xml": cacheRevalidate,
      "/sitemap.xml": cacheRevalidate,
    };
    for (const [path, value] of Object.entries(expected)) expect([path, cacheRulesFor(rules, path)]).toEqual([path, [value]]);
  });

  it("sends security headers everywhere, with a CSP Pagefind can run under", () => {
    const csp = contentSecurityPolicy(["www.youtube.com"]);
    const directives = Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["style-src"]).not.toContain("'unsafe-inline'");
    expect(directives["frame-src"]).toEqual(["https://www.youtube.com"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    const text = renderHeaders(rules);
    expect(text).toMatch(/^\/\*\n {2}Content-Security-Policy: default-src 'self'/);
    expect(text).toContain("  X-Content-Type-Options: nosniff");
  });

  it("puts every rule under the path prefix", () => {
    const prefixed = headerRules({ pathPrefix: "/sub/", embedHosts: [], sections: ["/2023/"], unhashedFiles: [] });
    for (const rule of prefixed) expect(rule.path.startsWith("/sub/")).toBe(true);
    expect(cacheRulesFor(prefixed, "/sub/assets/archive.1.css")).toEqual([cacheForever]);
  });
});

describe("_redirects", () => {
  it("sends the habitual feed addresses to /feed.xml and page 1 to the listing itself", () => {
    const list = redirects("/sub/");
    expect(list).toContainEqual({ from: "/sub/feed", to: "/sub/feed.xml", status: 301 });
    expect(list).toContainEqual({ from: "/sub/rss", to: "/sub/feed.xml", status: 301 });
    expect(list).toContainEqual({ from: "/sub/tags/:slug/page/1/", to: "/sub/tags/:slug/", status: 301 });
    for (const r of list) expect(matches(r.from, r.to)).toBe(false);
    const firstDynamic = list.findIndex((r) => r.from.includes(":"));
    expect(list.slice(firstDynamic).every((r) => r.from.includes(":"))).toBe(true);
  });
});

describe("page metadata", () => {
  const withLogo = siteContext(resolveOptions({ siteUrl: "https://news.example.ua", publisher: { name: "Видавець", logo: "/images/logo.png" } }), "/sub/", "/a.css");
  const meta = (page: { meta: { key: string; content: string }[] }, key: string) => page.meta.filter((m) => m.key === key).map((m) => m.content);

  it("falls back to the publisher's logo for pages without an image of their own", () => {
    const listing = listingPage(archive.listingPages[0]!, withLogo).page;
    expect(meta(listing, "og:image")).toEqual(["https://news.example.ua/sub/images/logo.png"]);
    expect(meta(listing, "twitter:card")).toEqual(["summary"]);
    const own = articlePage(articleView(hostile), withLogo, "").page;
    expect(meta(own, "og:image")).toEqual(["https://images.example.org/photo.jpg?w=1200&h=630"]);
    expect(meta(own, "twitter:card")).toEqual(["summary_large_image"]);
    // Without a logo there is no picture to offer, and no empty tag either.
    expect(meta(listingPage(archive.listingPages[0]!, site).page, "og:image")).toEqual([]);
  });

  it("gives every page Twitter title and description, and keeps the 404 page out of search engines", () => {
    const notFound = plainPage("not-found", "/404.html", "Не знайдено", site).page;
    expect(meta(notFound, "robots")).toEqual(["noindex"]);
    expect(meta(notFound, "twitter:title")).toEqual(["Не знайдено"]);
    expect(meta(notFound, "twitter:description")[0]).toBeTruthy();
    expect(notFound.jsonLd).toEqual([]);
  });

  it("adds BreadcrumbList JSON-LD next to the article's NewsArticle, with absolute items in order", () => {
    const { jsonLd, breadcrumbs } = articlePage(articleView(hostile), site, "").page;
    expect(jsonLd.map((d) => (d as { "@type": string })["@type"])).toEqual(["NewsArticle", "BreadcrumbList"]);
    const list = jsonLd[1] as { itemListElement: { position: number; name: string; item: string }[] };
    expect(list.itemListElement).toHaveLength(breadcrumbs.length);
    expect(list.itemListElement[0]).toEqual({ "@type": "ListItem", position: 1, name: breadcrumbs[0]!.label, item: "https://news.example.ua/sub/" });
    expect(list.itemListElement.at(-1)!.item).toBe(`https://news.example.ua/sub${hostile.url}`);
  });
});

describe("registerPublishing", () => {
  type Registered = { data: { permalink: string | ((data: object) => string); pagination?: { data: string; before?: (items: unknown[], data: object) => unknown[] } }; render: (data: object) => string };
  const templates = new Map<string, Registered>();
  registerPublishing((name, data, render) => templates.set(name, { data: data as Registered["data"], render: render as Registered["render"] }), { now: () => now, sitemapLimit: 20 });
  const build = { options, archive, site, bodyHtml: (article: { body: string }) => `<p>${article.body.length}</p>` };

  it("registers every file it promises, at its address", () => {
    expect([...templates.keys()].sort()).toEqual(["feed-atom", "feed-json", "headers", "redirects", "robots", "sitemap", "sitemap-news", "tag-feed-atom", "tag-feed-json"]);
    const fixed = Object.fromEntries([...templates].filter(([, t]) => typeof t.data.permalink === "string").map(([name, t]) => [name, t.data.permalink]));
    expect(fixed).toEqual({ "feed-atom": "/feed.xml", "feed-json": "/feed.json", "sitemap-news": "/sitemap-news.xml", robots: "/robots.txt", headers: "/_headers", redirects: "/_redirects" });
    const tagFeed = templates.get("tag-feed-atom")!;
    expect(tagFeed.data.pagination!.data).toBe("newsArchive.archive.tags");
    expect((tagFeed.data.permalink as (data: object) => string)({ tag: archive.tags[0] })).toBe(`${archive.tags[0]!.url}feed.xml`);
  });

  it("splits the sitemap through pagination once the build passes the limit", () => {
    const sitemap = templates.get("sitemap")!;
    const files = sitemap.data.pagination!.before!([], { newsArchive: build }) as { path: string }[];
    expect(files.length).toBe(1 + Math.ceil(sitemapUrls(archive).length / 20));
    expect(files.map((file) => (sitemap.data.permalink as (data: object) => string)({ sitemap: file }))).toEqual(files.map((f) => f.path));
    const index = parseXml(sitemap.render({ newsArchive: build, sitemap: files[0] })).sitemapindex;
    expect(index.sitemap).toHaveLength(files.length - 1);
    // _headers revalidates every sitemap part.
    expect(templates.get("headers")!.render({ newsArchive: build })).toContain(`/sub${files.at(-1)!.path}\n  Cache-Control: ${cacheRevalidate}`);
  });

  it("renders the feeds and the news sitemap from the build, at the injected time", () => {
    const atom = parseXml(templates.get("feed-atom")!.render({ newsArchive: build })).feed;
    expect(atom.entry).toHaveLength(options.feedSize);
    expect(atom.entry[0].content["#text"]).toMatch(/^<p>\d+<\/p>$/);
    const kyiv = archive.tags.find((tag) => tag.slug === "kyiv")!;
    expect(JSON.parse(templates.get("tag-feed-json")!.render({ newsArchive: build, tag: kyiv })).feed_url).toBe("https://news.example.ua/sub/tags/kyiv/feed.json");
    expect(parseXml(templates.get("sitemap-news")!.render({ newsArchive: build })).urlset.url).toHaveLength(1);
  });
});

describe("registerPublishing without an injected time", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("takes the build time from SOURCE_DATE_EPOCH, so two builds of the same sources are identical", () => {
    vi.stubEnv("SOURCE_DATE_EPOCH", String(now.getTime() / 1000));
    const templates = new Map<string, (data: object) => string>();
    registerPublishing((name, _data, render) => templates.set(name, render as (data: object) => string));
    const build = { options, archive, site, bodyHtml: () => "<p></p>" };
    expect(parseXml(templates.get("sitemap-news")!({ newsArchive: build })).urlset.url).toHaveLength(1);
  });
});

describe("last change of an article", () => {
  it("is its update, unless that was given earlier than publication", () => {
    const [a, b] = archive.articles;
    expect(lastChange({ ...a!, updated: b!.date })).toBe(a!.date);
    expect(lastChange(hostile)).toBe(hostile.updated);
    expect(newestChange([])).toBeUndefined();
  });
});
