import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Parser } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFailure, buildSite, readOutput } from "./build-site.ts";

/** A corpus written by the test itself: several years, authors and tags, hostile text, and a dateline per date form. */
function writeCorpus(): { dir: string; count: number } {
  const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  write(
    "2021/seed.md",
    `---\ntitle: "Путін вимагав від Байдена гарантій: у Кремлі розкрили деталі двогодинних переговорів"\ndate: "7 грудня 2021, 22:21"\nauthor: Татьяна Шевченко\ntags: [Кремль, Київ]\nlead: "Кремль оприлюднив свою версію переговорів."\n---\nПресслужба Кремля розкрила "нові деталі".\n`,
  );
  write("2020/date-only.md", `---\ntitle: Лише дата\ndate: 2020-05-15\nauthor: Іван Петренко\ntags: [КИЇВ]\n---\nТекст.\n`);
  write(
    "2022/hostile.md",
    `---\ntitle: "<script>alert('title')</script> & «лапки»"\ndate: 2022-08-24 09:00\nauthor: "<img src=x onerror=alert(1)>"\ntags: ["<b>тег</b>"]\nlead: "</script><script>alert('lead')</script>"\n---\n<script>alert('body')</script>\n\n<p onclick="alert(1)">Клік</p>\n\n[посилання](javascript:alert(1))\n\n<iframe src="https://evil.example/x"></iframe>\n`,
  );
  write("2024/draft.md", `---\ntitle: Чернетка\ndate: 2024-01-01\ndraft: true\n---\nЩе не готово.\n`);
  // Enough articles to paginate every kind of listing (the demo config shows 10 a page).
  for (let i = 0; i < 27; i++) {
    const month = String((i % 3) + 1).padStart(2, "0");
    write(
      `2023/bulk-${i}.md`,
      `---\ntitle: "Новина номер ${i}"\ndate: 2023-${month}-${String(i + 1).padStart(2, "0")}T10:00:00+02:00\nauthor: [Олена Коваленко${i % 2 ? ", Тарас Гнатюк" : ""}]\ntags: [Київ, економіка]\nlead: Коротко.\n---\nТекст ${i}.\n`,
    );
  }
  return { dir, count: 30 };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
}

/** Follows rel="next" links in the built HTML from a listing's first page and returns the article links it saw. */
function crawlListing(output: string, firstUrl: string): Set<string> {
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  let guard = 0;
  while (url && guard++ < 100) {
    const html = readOutput(output, url);
    for (const match of html.matchAll(/<h2 class="card__title"><a href="([^"]+)"/g)) seen.add(match[1]!);
    url = /<a [^>]*rel="next" href="([^"]+)"/.exec(html)?.[1] ?? /<a [^>]*href="([^"]+)"[^>]*rel="next"/.exec(html)?.[1];
  }
  return seen;
}

describe("building a corpus", () => {
  let output: string;
  let corpus: { dir: string; count: number };
  let articleUrls: string[];

  beforeAll(() => {
    corpus = writeCorpus();
    output = buildSite({ articles: corpus.dir, siteUrl: "https://news.example.ua" });
    articleUrls = htmlFiles(output)
      .filter((f) => /^\d{4}\/\d{2}\/(?!page\/)[^/]+\/index\.html$/.test(f))
      .map((f) => `/${f.replace(/index\.html$/, "")}`);
  });

  it("writes one page per article at /yyyy/mm/slug/", () => {
    expect(articleUrls).toHaveLength(corpus.count);
    expect(articleUrls).toContain("/2021/12/putin-vymahav-vid-baidena-harantii-u-kremli-rozkryly-detali-dvohodynnykh/");
    expect(articleUrls).toContain("/2020/05/lyshe-data/");
    expect(articleUrls.some((u) => u.startsWith("/2024/"))).toBe(false);
  });

  it("shows the dateline in a <time> holding the ISO instant", () => {
    const html = readOutput(output, "/2021/12/putin-vymahav-vid-baidena-harantii-u-kremli-rozkryly-detali-dvohodynnykh/");
    expect(html).toContain('<time datetime="2021-12-07T22:21:00+02:00">7 грудня 2021, 22:21</time>');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('href="/authors/tatiana-shevchenko/"');
    expect(html).toContain('href="/tags/kreml/"');
    expect(html).toContain('"@type":"NewsArticle"');
    expect(html).toContain('<link rel="canonical" href="https://news.example.ua/2021/12/putin-vymahav-vid-baidena-harantii-u-kremli-rozkryly-detali-dvohodynnykh/">');
    expect(html).toContain("«нові деталі»");
    const dateOnly = readOutput(output, "/2020/05/lyshe-data/");
    expect(dateOnly).toContain('<time datetime="2020-05-15">15 травня 2020</time>');
  });

  it("reaches every article from the first page of every listing through rel=next", () => {
    expect(crawlListing(output, "/")).toEqual(new Set(articleUrls));
    expect(crawlListing(output, "/tags/kyiv/").size).toBe(29);
    expect(crawlListing(output, "/authors/olena-kovalenko/").size).toBe(27);
    expect(crawlListing(output, "/2023/").size).toBe(27);
    expect(crawlListing(output, "/2023/01/").size).toBe(9);
    expect(readOutput(output, "/page/2/")).toContain('rel="prev" href="/"');
  });

  it("merges tags that slug the same and counts in Ukrainian plural forms", () => {
    const tags = readOutput(output, "/tags/");
    expect(tags.match(/href="\/tags\/kyiv\/"/g)).toHaveLength(1);
    expect(tags).toMatch(/>Київ<\/a> <span[^>]*>29 статей</);
    expect(tags).toMatch(/>Кремль<\/a> <span[^>]*>1 стаття</);
    expect(readOutput(output, "/authors/")).toMatch(/Тарас Гнатюк<\/a> <span[^>]*>13 статей</);
  });

  it("links a year's months by name", () => {
    const year = readOutput(output, "/2023/");
    expect(year).toContain('<a href="/2023/03/">березень 2023</a>');
    expect(readOutput(output, "/2023/03/")).toContain("<h1>березень 2023</h1>");
  });

  it("writes a 404 page", () => {
    expect(readOutput(output, "/404.html")).toContain("Сторінку не знайдено");
  });

  it("lets no live script or handler through from article text", () => {
    for (const file of htmlFiles(output)) {
      const html = readFileSync(path.join(output, file), "utf8");
      const parser = new Parser({
        onopentag(name, attributes) {
          for (const [attribute, value] of Object.entries(attributes)) {
            expect(attribute, `${file}: <${name} ${attribute}>`).not.toMatch(/^on/i);
            if (["href", "src", "action"].includes(attribute)) expect(value.trim(), file).not.toMatch(/^(javascript|vbscript|data):/i);
          }
          // Scripts are either external files of the theme or JSON data blocks.
          if (name === "script") expect(attributes.src ?? attributes.type, file).toMatch(/^(\/assets\/|\/[\w-]+\.js$|application\/(ld\+)?json$)/);
          if (name === "iframe") expect(attributes.src).not.toContain("evil.example");
        },
      });
      parser.end(html);
    }
    const hostile = readOutput(output, articleUrls.find((u) => u.startsWith("/2022/"))!);
    expect(hostile).toContain("<h1 class=\"article__title\">&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; «лапки»</h1>");
    expect(hostile).not.toContain("<script>alert");
  });
});

describe("refusing bad articles", () => {
  it("stops the build naming the file and field, even with good articles beside it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "articles-"));
    writeFileSync(path.join(dir, "good.md"), "---\ntitle: Добра\ndate: 2021-01-01\n---\nТекст\n");
    writeFileSync(path.join(dir, "bad-date.md"), "---\ntitle: Погана\ndate: 32 грудня 2021\n---\nТекст\n");
    writeFileSync(path.join(dir, "no-title.md"), "---\ndate: 2021-01-01\n---\nТекст\n");
    const message = buildFailure({ articles: dir });
    expect(message).toMatch(/bad-date\.md:3 \[date\]: error/);
    expect(message).toMatch(/no-title\.md(:\d+)? \[title\]: error: title is required/);
  });
});
