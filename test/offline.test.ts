import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import {
  builtPage,
  appIcons,
  buildId,
  encodePng,
  isPagefindIndexFile,
  isPagefindRuntime,
  maxListPartBytes,
  offlineList,
  pageDependencies,
  pageTitle,
  parseHexColour,
  precacheList,
  serviceWorkerSource,
  shortName,
  webAppManifest,
  splitList,
  type OfflineListFile,
} from "../src/offline/index.ts";
import { buildSite, readOutput } from "./build-site.ts";
import { listedFiles, readSummary } from "./offline-list.ts";

function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("app icons", () => {
  it("are real PNGs of 192 and 512 pixels, one of them maskable, in the brand colour", () => {
    const icons = appIcons("#aa0000");
    expect(icons.map((i) => [i.url, i.size, i.purpose])).toEqual([
      ["/icons/icon-192.png", 192, "any"],
      ["/icons/icon-512.png", 512, "any"],
      ["/icons/icon-512-maskable.png", 512, "maskable"],
    ]);
    for (const icon of icons) expect(pngSize(icon.png)).toEqual({ width: icon.size, height: icon.size });
    // The corner pixel is the brand colour: row 0 starts after the filter byte.
    const idat = icons[0]!.png.indexOf("IDAT");
    const length = icons[0]!.png.readUInt32BE(idat - 4);
    const rows = inflateSync(icons[0]!.png.subarray(idat + 4, idat + 4 + length));
    expect([...rows.subarray(1, 4)]).toEqual([0xaa, 0, 0]);
  });

  it("encodes pixels losslessly", () => {
    const pixels = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]);
    const png = encodePng(2, 2, pixels);
    const idat = png.indexOf("IDAT");
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect([...rows]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 9, 9, 9]);
  });

  it("read hex brand colours and fall back for other CSS colours", () => {
    expect(parseHexColour("#0b5394")).toEqual([0x0b, 0x53, 0x94]);
    expect(parseHexColour("#fa0")).toEqual([0xff, 0xaa, 0x00]);
    expect(parseHexColour("rebeccapurple")).toEqual([0x0b, 0x53, 0x94]);
  });
});

describe("web app manifest", () => {
  const icons = appIcons("#0b5394");

  it("opens the archive at its root under the path prefix, standalone, with its icons", () => {
    const manifest = webAppManifest({
      name: "Діалог.UA — архів",
      description: "Архів",
      lang: "uk",
      pathPrefix: "/sub/",
      themeColour: "#0b5394",
      backgroundColour: "#ffffff",
      icons,
    }) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: "Діалог.UA — архів",
      short_name: "Діалог.UA",
      start_url: "/sub/",
      scope: "/sub/",
      id: "/sub/",
      display: "standalone",
      theme_color: "#0b5394",
      background_color: "#ffffff",
      lang: "uk",
    });
    expect(manifest.icons).toEqual([
      { src: "/sub/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/sub/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/sub/icons/icon-512-maskable.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ]);
  });

  it("gives a home-screen name of at most 12 characters, cut at a word", () => {
    expect(shortName("Архів новин")).toBe("Архів новин");
    expect(shortName("Діалог.UA — архів")).toBe("Діалог.UA");
    expect(shortName("Надзвичайнодовгеслово")).toHaveLength(12);
  });
});

describe("precache", () => {
  it("finds the scripts, stylesheets, icons and manifest a page loads, under the path prefix", () => {
    const html = `<link rel="stylesheet" href="/sub/assets/archive.1234567890.css"><link rel="canonical" href="https://x.ua/sub/">
      <link rel="manifest" href="/sub/manifest.webmanifest"><link rel="alternate" href="/sub/feed.xml">
      <script type="application/ld+json">{}</script><script src="/sub/assets/sw-register.abc.js" defer></script>
      <script src="https://cdn.example/x.js"></script><img data-src="/sub/x.png"><a href="/sub/2021/">2021</a>`;
    expect(pageDependencies(html, "/sub/").sort()).toEqual(["/assets/archive.1234567890.css", "/assets/sw-register.abc.js", "/manifest.webmanifest"]);
  });

  it("holds the shell pages and what they load, nothing of the search index", () => {
    const list = precacheList({
      pages: [
        { url: "/", html: '<script src="/assets/a.1.js"></script>' },
        { url: "/search/", html: '<script src="/assets/search.2.js"></script><link rel="modulepreload" href="/pagefind/2021.abc/pagefind.js"><script src="/assets/a.1.js"></script>' },
      ],
      extra: ["/manifest.webmanifest"],
      pathPrefix: "/",
    });
    expect(list).toEqual(["/", "/assets/a.1.js", "/assets/search.2.js", "/manifest.webmanifest", "/search/"]);
  });

  it("tells Pagefind's runtime and index files from its prebuilt UI", () => {
    expect(["pagefind.js", "wasm.en.pagefind", "pagefind.en_abc.pf_meta"].every(isPagefindRuntime)).toBe(true);
    expect(isPagefindRuntime("fragment/uk_1.pf_fragment")).toBe(false);
    expect(["2021-2.1a2b3c/pagefind.js", "2021-2.1a2b3c/pagefind-entry.json"].every(isPagefindRuntime)).toBe(true);
    expect(["2021.1a2b3c/index/uk_1.pf_index", "2021.1a2b3c/filter/uk_1.pf_filter"].every(isPagefindIndexFile)).toBe(true);
    expect(isPagefindIndexFile("2021.1a2b3c/pagefind-ui.js")).toBe(false);
    expect(["fragment/uk_1.pf_fragment", "index/uk_1.pf_index", "filter/uk_1.pf_filter", "pagefind-entry.json", "lemmas.1a2b3c/12.txt", "lemmas.1a2b3c/splits.txt"].every(isPagefindIndexFile)).toBe(true);
    // A part's lemma list is for the next build, not for readers.
    expect(isPagefindIndexFile("2021.1a2b3c/lemmas.txt")).toBe(false);
    expect(["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-highlight.js"].some(isPagefindIndexFile)).toBe(false);
  });

  it("versions the worker by the bytes of what it precaches, in any order", () => {
    const a = buildId([{ url: "/", contents: "home" }, { url: "/x.css", contents: "css" }]);
    expect(buildId([{ url: "/x.css", contents: "css" }, { url: "/", contents: "home" }])).toBe(a);
    expect(buildId([{ url: "/", contents: "home!" }, { url: "/x.css", contents: "css" }])).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("offline list", () => {
  const list = offlineList({
    pages: [
      builtPage("/", "<title>Архів</title>"),
      builtPage("/2021/12/a/", "<title>&quot;Кава&quot; &amp; чай &#39;24 — Архів</title>"),
      builtPage("/2022/01/b/", "<title>Б</title>"),
      builtPage("/404.html", "<title>Не знайдено</title>"),
      builtPage("/offline/", "<title>Офлайн</title>"),
    ],
    pagefindFiles: [
      { file: "2021.aaa/pagefind.js", size: 100 },
      { file: "2021.aaa/fragment/uk_1.pf_fragment", size: 20 },
      { file: "2021.aaa/pagefind-ui.js", size: 5000 },
      { file: "2022.bbb/index/uk_2.pf_index", size: 30 },
    ],
    pathPrefix: "/sub/",
  });
  const part = (url: string) => {
    const file = list.files.find((f) => `/sub${f.url}` === url);
    if (!file) throw new Error(`no list part at ${url}`);
    return (JSON.parse(file.contents) as OfflineListFile).files;
  };

  it("gives totals in a summary, and lists the index by search part and the pages by year, under the path prefix", () => {
    const { summary } = list;
    expect(summary.index.size).toBe(150);
    expect(summary.index.files).toBe(3);
    expect(summary.index.parts.map((p) => [p.id, p.files, p.size])).toEqual([["2021.aaa", 2, 120], ["2022.bbb", 1, 30]]);
    expect(part(summary.index.parts[0]!.url)).toEqual([
      { url: "/sub/pagefind/2021.aaa/fragment/uk_1.pf_fragment", size: 20 },
      { url: "/sub/pagefind/2021.aaa/pagefind.js", size: 100 },
    ]);
    expect(summary.pages.parts.map((p) => p.id)).toEqual(["2021", "2022", "site"]);
    expect(summary.pages.parts.map((p) => part(p.url).map((f) => [f.url, f.title]))).toEqual([
      [["/sub/2021/12/a/", `"Кава" & чай '24 — Архів`]],
      [["/sub/2022/01/b/", "Б"]],
      [["/sub/", "Архів"]],
    ]);
    expect(summary.pages.size).toBe(["<title>Архів</title>", "<title>&quot;Кава&quot; &amp; чай &#39;24 — Архів</title>", "<title>Б</title>"].reduce((n, t) => n + Buffer.byteLength(t), 0));
    // Parts are named by their contents, below the offline page.
    for (const p of [...summary.index.parts, ...summary.pages.parts]) expect(p.url).toMatch(/^\/sub\/offline\/(search|pages)-[\w.-]+\.[0-9a-f]{10}\.json$/);
  });

  it("splits a part at 1 MB, whatever the archive's size", () => {
    const title = "Заголовок статті ".repeat(17);
    const files = Array.from({ length: 6000 }, (_, i) => ({ url: `/sub/2021/01/stattia-${i}/`, size: 15_000, title }));
    const parts = splitList("2021", files);
    // About 3.6 MB of entries.
    expect(parts.map((p) => p.id)).toEqual(["2021", "2021-2", "2021-3", "2021-4"]);
    expect(parts.flatMap((p) => p.files)).toEqual(files);
    for (const p of parts) expect(Buffer.byteLength(JSON.stringify({ files: p.files }))).toBeLessThanOrEqual(maxListPartBytes);
    expect(splitList("x", files, 2_000).every((p) => Buffer.byteLength(JSON.stringify({ files: p.files })) <= 2_000)).toBe(true);
  });

  it("changes version when a page's text changes, even at the same size", () => {
    const changed = offlineList({
      pages: [builtPage("/", "<title>Архів</title>"), builtPage("/2021/12/a/", "<title>&quot;Кава&quot; &amp; чай &#39;25 — Архів</title>"), builtPage("/2022/01/b/", "<title>Б</title>")],
      pagefindFiles: [{ file: "2021.aaa/pagefind.js", size: 100 }, { file: "2021.aaa/fragment/uk_1.pf_fragment", size: 20 }, { file: "2022.bbb/index/uk_2.pf_index", size: 30 }],
      pathPrefix: "/sub/",
    }).summary;
    expect(changed.pages.size).toBe(list.summary.pages.size);
    expect(changed.version).not.toBe(list.summary.version);
  });

  it("reads titles with any entity", () => {
    expect(pageTitle("<title>A &lt;b&gt; &#x41; &nbsp;</title>")).toBe("A <b> A &nbsp;");
    expect(pageTitle("<p>no title</p>")).toBeUndefined();
  });
});

describe("service worker source", () => {
  it("is the theme's runtime after one line of settings, with scope-relative addresses", () => {
    const source = serviceWorkerSource(
      { version: "abc123", precache: ["/", "/search/", "/assets/a.1.js"], offlinePage: "/offline/", searchFolders: ["2021.aaa"] },
      "/* runtime */",
    );
    expect(source).toBe(
      'self.NEWS_ARCHIVE_OFFLINE = {"version":"abc123","precache":["","search/","assets/a.1.js"],"offlinePage":"offline/","searchFolders":["2021.aaa"],"photoFolder":"img/","photoFileName":"^([0-9a-f]{16})(?:-(\\\\d+|og))?\\\\.(avif|webp|jpg|png|svg)$"};\n/* runtime */',
    );
  });
});

describe("a built archive, offline-ready", () => {
  let output: string;
  beforeAll(() => {
    output = buildSite({ articles: "test/fixtures/offline-articles", pathPrefix: "/sub/" });
  });

  it("links the manifest and theme colour from every page, and loads only the registration script on article pages", () => {
    const pages = listedFiles(output, "pages", "/sub/");
    expect(pages.length).toBeGreaterThan(4);
    for (const file of pages) {
      const html = readOutput(output, file.url.replace(/^\/sub/, ""));
      expect(html).toContain('<link rel="manifest" href="/sub/manifest.webmanifest">');
      expect(html).toContain('<meta name="theme-color" content="#0b5394">');
      expect(html).toMatch(/<script src="\/sub\/assets\/sw-register\.[0-9a-f]+\.js" defer><\/script>/);
      // No inline script but JSON data blocks, which browsers never execute.
      expect(html.match(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(ld\+)?json")[^>]*>/g) ?? []).toEqual([]);
    }
    const article = readOutput(output, pages.find((f) => f.title?.startsWith("Теплиці"))!.url.replace(/^\/sub/, ""));
    expect(article.match(/<script src=/g)).toHaveLength(1);
  });

  it("writes the worker at the root, precaching the shell, nothing that grows with the archive", () => {
    const sw = readOutput(output, "/sw.js");
    const settings = JSON.parse(/^self\.NEWS_ARCHIVE_OFFLINE = (.*);$/m.exec(sw)![1]!) as { precache: string[]; version: string; searchFolders: string[] };
    expect(settings.precache).toEqual(expect.arrayContaining(["", "search/", "offline/", "manifest.webmanifest", "offline/list.json", "icons/icon-192.png"]));
    expect(settings.precache.some((p) => /^assets\/search\.\w+\.js$/.test(p))).toBe(true);
    expect(settings.precache.some((p) => /^assets\/offline\.\w+\.js$/.test(p))).toBe(true);
    // No file of the search index or of the offline list: the worker knows the index's folders to drop stale copies.
    expect(settings.precache.filter((p) => p.startsWith("pagefind/") || /^offline\/(pages|search)-/.test(p))).toEqual([]);
    const parts = readdirSync(path.join(output, "pagefind"));
    expect(parts.length).toBeGreaterThan(0);
    expect(settings.searchFolders).toEqual([...parts].sort());
    for (const relative of settings.precache) expect(() => readFileSync(path.join(output, relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative))).not.toThrow();
    expect(readdirSync(path.join(output, "icons")).sort()).toEqual(["icon-192.png", "icon-512-maskable.png", "icon-512.png"]);
  });

  it("lists for saving every index file and every page but the error and offline pages, in parts that exist", () => {
    const summary = readSummary(output);
    const index = listedFiles(output, "index", "/sub/");
    const pagefind = readdirSync(path.join(output, "pagefind"), { recursive: true, encoding: "utf8" }).filter((f) => /\/(index|fragment|filter)\//.test(`/${f.split(path.sep).join("/")}`));
    expect(index.filter((f) => /\/(index|fragment|filter)\//.test(f.url))).toHaveLength(pagefind.length);
    expect(summary.index.size).toBe(index.reduce((n, f) => n + f.size, 0));
    const pages = listedFiles(output, "pages", "/sub/").map((f) => f.url);
    expect(pages).toContain("/sub/");
    expect(pages.some((url) => url.endsWith("/offline/") || url.endsWith("404.html"))).toBe(false);
    expect(summary.pages.files).toBe(pages.length);
  });

  it("gives the offline page in Ukrainian, with its save control and its own script", () => {
    const html = readOutput(output, "/offline/");
    expect(html).toMatch(/^<!doctype html>\s*<html lang="uk">/i);
    expect(html).toContain("<h1>Читання без інтернету</h1>");
    expect(html).toContain("Ви офлайн.");
    expect(html).toContain('<progress id="offline-progress"');
    expect(html).toContain('data-list="/sub/offline/list.json"');
    expect(html).toMatch(/<script src="\/sub\/assets\/offline\.[0-9a-f]+\.js" defer>/);
    // Every page's footer leads here.
    expect(readOutput(output, "/")).toContain('<a href="/sub/offline/">Читання без інтернету</a>');
  });

});
