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
  offlineManifest,
  pageDependencies,
  pageTitle,
  parseHexColour,
  precacheList,
  serviceWorkerSource,
  shortName,
  webAppManifest,
  type OfflineManifest,
} from "../src/offline/index.ts";
import { buildSite, readOutput } from "./build-site.ts";

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

  it("holds the shell pages, what they load, and Pagefind's runtime but not its index chunks or prebuilt UI", () => {
    const list = precacheList({
      pages: [
        { url: "/", html: '<script src="/assets/a.1.js"></script>' },
        { url: "/search/", html: '<script src="/assets/search.2.js"></script><script src="/assets/a.1.js"></script>' },
      ],
      pagefindFiles: [
        ...["pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.unknown.pagefind", "pagefind.uk_1a2b.pf_meta", "pagefind-ui.js", "index/uk_1.pf_index", "fragment/uk_2.pf_fragment"].map((f) => `2021.aaa/${f}`),
        ...["pagefind-entry.json", "pagefind.uk_3c4d.pf_meta", "index/uk_3.pf_index", "filter/uk_4.pf_filter"].map((f) => `2022.bbb/${f}`),
      ],
      extra: ["/manifest.webmanifest"],
      pathPrefix: "/",
    });
    expect(list).toEqual([
      "/",
      "/assets/a.1.js",
      "/assets/search.2.js",
      "/manifest.webmanifest",
      "/pagefind/2021.aaa/pagefind-entry.json",
      "/pagefind/2021.aaa/pagefind-worker.js",
      "/pagefind/2021.aaa/pagefind.js",
      "/pagefind/2021.aaa/pagefind.uk_1a2b.pf_meta",
      "/pagefind/2021.aaa/wasm.unknown.pagefind",
      "/pagefind/2022.bbb/pagefind-entry.json",
      "/pagefind/2022.bbb/pagefind.uk_3c4d.pf_meta",
      "/search/",
    ]);
  });

  it("tells Pagefind's runtime and index files from its prebuilt UI", () => {
    expect(["pagefind.js", "wasm.en.pagefind", "pagefind.en_abc.pf_meta"].every(isPagefindRuntime)).toBe(true);
    expect(isPagefindRuntime("fragment/uk_1.pf_fragment")).toBe(false);
    expect(["2021-2.1a2b3c/pagefind.js", "2021-2.1a2b3c/pagefind-entry.json"].every(isPagefindRuntime)).toBe(true);
    expect(["2021.1a2b3c/index/uk_1.pf_index", "2021.1a2b3c/filter/uk_1.pf_filter"].every(isPagefindIndexFile)).toBe(true);
    expect(isPagefindIndexFile("2021.1a2b3c/pagefind-ui.js")).toBe(false);
    expect(["fragment/uk_1.pf_fragment", "index/uk_1.pf_index", "filter/uk_1.pf_filter", "pagefind-entry.json", "lemmas.1a2b3c/12.txt"].every(isPagefindIndexFile)).toBe(true);
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

describe("offline manifest", () => {
  const manifest = offlineManifest({
    pages: [
      builtPage("/", "<title>Архів</title>"),
      builtPage("/2021/12/a/", "<title>&quot;Кава&quot; &amp; чай &#39;24 — Архів</title>"),
      builtPage("/404.html", "<title>Не знайдено</title>"),
      builtPage("/offline/", "<title>Офлайн</title>"),
    ],
    pagefindFiles: [
      { file: "pagefind.js", size: 100 },
      { file: "fragment/uk_1.pf_fragment", size: 20 },
      { file: "pagefind-ui.js", size: 5000 },
    ],
    pathPrefix: "/sub/",
  });

  it("lists the index files and every page with sizes and readable titles, under the path prefix", () => {
    expect(manifest.index).toEqual({
      files: [
        { url: "/sub/pagefind/fragment/uk_1.pf_fragment", size: 20 },
        { url: "/sub/pagefind/pagefind.js", size: 100 },
      ],
      size: 120,
    });
    expect(manifest.pages.files.map((f) => [f.url, f.title])).toEqual([
      ["/sub/", "Архів"],
      ["/sub/2021/12/a/", `"Кава" & чай '24 — Архів`],
    ]);
    expect(manifest.pages.size).toBe(Buffer.byteLength("<title>Архів</title>") + Buffer.byteLength("<title>&quot;Кава&quot; &amp; чай &#39;24 — Архів</title>"));
  });

  it("changes version when a page's text changes, even at the same size", () => {
    const changed = offlineManifest({
      pages: [builtPage("/", "<title>Архів</title>"), builtPage("/2021/12/a/", "<title>&quot;Кава&quot; &amp; чай &#39;25 — Архів</title>")],
      pagefindFiles: [{ file: "pagefind.js", size: 100 }, { file: "fragment/uk_1.pf_fragment", size: 20 }],
      pathPrefix: "/sub/",
    });
    expect(changed.pages.size).toBe(manifest.pages.size);
    expect(changed.version).not.toBe(manifest.version);
  });

  it("reads titles with any entity", () => {
    expect(pageTitle("<title>A &lt;b&gt; &#x41; &nbsp;</title>")).toBe("A <b> A &nbsp;");
    expect(pageTitle("<p>no title</p>")).toBeUndefined();
  });
});

describe("service worker source", () => {
  it("is the theme's runtime after one line of settings, with scope-relative addresses", () => {
    const source = serviceWorkerSource(
      { version: "abc123", precache: ["/", "/search/", "/assets/a.1.js"], offlinePage: "/offline/", offlineManifest: "/offline-manifest.json" },
      "/* runtime */",
    );
    expect(source).toBe(
      'self.NEWS_ARCHIVE_OFFLINE = {"version":"abc123","precache":["","search/","assets/a.1.js"],"offlinePage":"offline/","offlineManifest":"offline-manifest.json"};\n/* runtime */',
    );
  });
});

describe("a built archive, offline-ready", () => {
  let output: string;
  beforeAll(() => {
    output = buildSite({ articles: "test/fixtures/offline-articles", pathPrefix: "/sub/" });
  });

  it("links the manifest and theme colour from every page, and loads only the registration script on article pages", () => {
    const manifest = JSON.parse(readOutput(output, "/offline-manifest.json")) as OfflineManifest;
    for (const file of manifest.pages.files) {
      const html = readOutput(output, file.url.replace(/^\/sub/, ""));
      expect(html).toContain('<link rel="manifest" href="/sub/manifest.webmanifest">');
      expect(html).toContain('<meta name="theme-color" content="#0b5394">');
      expect(html).toMatch(/<script src="\/sub\/assets\/sw-register\.[0-9a-f]+\.js" defer><\/script>/);
      // No inline script but JSON data blocks, which browsers never execute.
      expect(html.match(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(ld\+)?json")[^>]*>/g) ?? []).toEqual([]);
    }
    const article = readOutput(output, manifest.pages.files.find((f) => f.title?.startsWith("Теплиці"))!.url.replace(/^\/sub/, ""));
    expect(article.match(/<script src=/g)).toHaveLength(1);
  });

  it("writes the worker at the root, precaching files that exist, Pagefind's runtime among them", () => {
    const sw = readOutput(output, "/sw.js");
    const settings = JSON.parse(/^self\.NEWS_ARCHIVE_OFFLINE = (.*);$/m.exec(sw)![1]!) as { precache: string[]; version: string };
    expect(settings.precache).toEqual(expect.arrayContaining(["", "search/", "offline/", "manifest.webmanifest", "offline-manifest.json", "icons/icon-192.png"]));
    // The loader once, from the primary part; every part's entry file and metadata.
    // (The lemma table's folder is no Pagefind part: its chunks load on demand, like Pagefind's.)
    const parts = readdirSync(path.join(output, "pagefind")).filter((folder) => !folder.startsWith("lemmas."));
    expect(parts.length).toBeGreaterThan(0);
    expect(settings.precache.filter((p) => /^pagefind\/[\w.-]+\/pagefind\.js$/.test(p))).toHaveLength(1);
    expect(settings.precache.filter((p) => /^pagefind\/[\w.-]+\/wasm\.\w+\.pagefind$/.test(p))).toHaveLength(1);
    for (const part of parts) expect(settings.precache).toContain(`pagefind/${part}/pagefind-entry.json`);
    expect(settings.precache.some((p) => /\/(index|fragment|filter)\/|^pagefind\/lemmas\./.test(p))).toBe(false);
    expect(settings.precache.some((p) => /^assets\/search\.\w+\.js$/.test(p))).toBe(true);
    for (const relative of settings.precache) expect(() => readFileSync(path.join(output, relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative))).not.toThrow();
    expect(readdirSync(path.join(output, "icons")).sort()).toEqual(["icon-192.png", "icon-512-maskable.png", "icon-512.png"]);
  });

  it("gives the offline page in Ukrainian, with its save control and its own script", () => {
    const html = readOutput(output, "/offline/");
    expect(html).toMatch(/^<!doctype html>\s*<html lang="uk">/i);
    expect(html).toContain("<h1>Читання без інтернету</h1>");
    expect(html).toContain("Ви офлайн.");
    expect(html).toContain('<progress id="offline-progress"');
    expect(html).toContain('data-manifest="/sub/offline-manifest.json"');
    expect(html).toMatch(/<script src="\/sub\/assets\/offline\.[0-9a-f]+\.js" defer>/);
    // Every page's footer leads here.
    expect(readOutput(output, "/")).toContain('<a href="/sub/offline/">Читання без інтернету</a>');
  });

});
