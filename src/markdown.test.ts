import { describe, expect, it } from "vitest";
import { createArticleRenderer } from "./markdown.ts";
import { defaultEmbedHosts, sanitizeArticleHtml } from "./sanitize.ts";

const render = createArticleRenderer();
const sanitize = (html: string) => sanitizeArticleHtml(html, { embedHosts: defaultEmbedHosts });

describe("createArticleRenderer", () => {
  it("renders paragraphs", () => {
    expect(render("Перший абзац.\n\nДругий абзац.")).toBe(
      "<p>Перший абзац.</p>\n<p>Другий абзац.</p>\n",
    );
  });

  it("demotes headings below the page headline, never skipping a level", () => {
    const html = render("# Один\n\n## Два\n\n##### П'ять\n\n###### Шість\n\nСетекст\n===");
    expect(html).toContain('<h2 id="odyn">Один</h2>');
    expect(html).toContain('<h3 id="dva">Два</h3>');
    expect(html).toContain('<h4 id="piat">П’ять</h4>');
    expect(html).toContain('<h5 id="shist">Шість</h5>');
    expect(html).toContain('<h2 id="setekst">Сетекст</h2>');
    expect(html).not.toMatch(/<h1/);
  });

  it("starts the body's highest heading level at h2, whatever level the author started at, and closes skipped levels", () => {
    expect(render("## Два\n\n### Три\n\n#### Чотири")).toBe('<h2 id="dva">Два</h2>\n<h3 id="try">Три</h3>\n<h4 id="chotyry">Чотири</h4>\n');
    expect(render("### Три\n\n###### Шість")).toBe('<h2 id="try">Три</h2>\n<h3 id="shist">Шість</h3>\n');
    // The first heading is not always the highest: it never lands deeper than h2 after the headline.
    expect(render("### Вступ\n\n## Розділ\n\n#### Деталь")).toBe('<h2 id="vstup">Вступ</h2>\n<h2 id="rozdil">Розділ</h2>\n<h3 id="detal">Деталь</h3>\n');
    expect(render("> ## У цитаті\n\n### Три")).toContain('<h2 id="u-tsytati">');
  });

  it("shifts raw HTML headings with the Markdown ones, so no level is skipped after the headline", () => {
    expect(render("<h4>Сира розмітка</h4>\n\nТекст.")).toContain("<h2>Сира розмітка</h2>");
    expect(render("<h3>Розділ</h3>\n\n#### Підрозділ")).toMatch(/<h2>Розділ<\/h2>[\s\S]*<h3 id="pidrozdil">Підрозділ<\/h3>/);
    expect(render("## Розділ\n\n<h4>Глибше</h4>")).toContain("<h3>Глибше</h3>");
    expect(render("### Глибоко\n\n<h1>Сирий</h1>\n\n#### Ще")).toMatch(/^<h2 id="hlyboko">Глибоко<\/h2>\n<h2>Сирий<\/h2>\n<h3 id="shche">Ще<\/h3>\n$/);
    expect(render("<h4>Сирий</h4>\n\nТекст\n\n###### Шостий")).toMatch(/^<h2>Сирий<\/h2>[\s\S]*<h3 id="shostyi">Шостий<\/h3>\n$/);
  });

  it("demotes a raw HTML h1 too", () => {
    expect(render("<h1>Сира розмітка</h1>")).toBe("<h2>Сира розмітка</h2>");
  });

  it("gives headings romanized ids that are unique within the article", () => {
    const html = render("## Що відомо\n\n## Що відомо\n\n## Що відомо\n\n## Що відомо 2");
    expect(html).toContain('<h2 id="shcho-vidomo">');
    expect(html).toContain('<h2 id="shcho-vidomo-2">');
    expect(html).toContain('<h2 id="shcho-vidomo-3">');
    // An author's own "2" must not collide with the numbered copy.
    expect(html).toContain('<h2 id="shcho-vidomo-2-2">');
  });

  it("builds ids from the heading text, not its markup or link targets", () => {
    const html = render("## Що **відомо** про [Київ](https://kyiv.example/) та `API`");
    expect(html).toContain('id="shcho-vidomo-pro-kyiv-ta-api"');
  });

  it("falls back to a generic id for headings with nothing to spell", () => {
    expect(render("## ???\n\n## !!!")).toBe(
      '<h2 id="section">???</h2>\n<h2 id="section-2">!!!</h2>\n',
    );
  });

  it("starts ids afresh for every article", () => {
    render("## Підсумки");
    expect(render("## Підсумки")).toContain('id="pidsumky"');
  });

  it("leaves ids off when heading anchors are turned off", () => {
    expect(createArticleRenderer({ headingAnchors: false })("## Що відомо")).toBe(
      "<h2>Що відомо</h2>\n",
    );
  });

  it("sets Ukrainian quotes: «» outside, „“ nested, and a typographic apostrophe", () => {
    expect(render(`Він сказав: "Це 'Азов' і п'ять бригад".`)).toBe(
      "<p>Він сказав: «Це „Азов“ і п’ять бригад».</p>\n",
    );
  });

  it("renders tables, keeping column alignment as classes instead of style", () => {
    const html = render("| Область | Обстріли |\n|:--|--:|\n| Харківська | 12 |");
    expect(html).toContain("<table>");
    expect(html).toContain('<th class="align-left">Область</th>');
    expect(html).toContain('<td class="align-right">12</td>');
    expect(html).not.toContain("style");
  });

  it("links bare URLs", () => {
    expect(render("Джерело: https://www.pravda.com.ua/news/")).toContain(
      '<a href="https://www.pravda.com.ua/news/">https://www.pravda.com.ua/news/</a>',
    );
  });

  it("keeps the language class of fenced code", () => {
    expect(render("```json\n{}\n```")).toBe('<pre><code class="language-json">{}\n</code></pre>\n');
  });

  it("removes script blocks and inline scripts from raw HTML", () => {
    const html = render("<script>alert(1)</script>\n\nТекст <script>alert(2)</script> далі.");
    expect(html).not.toMatch(/script|alert/);
    expect(html).toContain("<p>Текст  далі.</p>");
  });

  it("neutralises javascript: links in Markdown and in raw HTML", () => {
    const html = render(
      [
        "[x](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(2)">y</a>',
        '<a href="&#106;avascript:alert(3)">z</a>',
        '<a href="java&#x09;script:alert(4)">w</a>',
        "[v](vbscript:msgbox(5))",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/href="\s*(java|vb)/i);
    expect(html).toContain("<a>y</a>");
    expect(html).toContain("<a>z</a>");
    expect(html).toContain("<a>w</a>");
  });

  it("keeps embeds from allowed hosts and drops the rest", () => {
    const html = render(
      [
        '<iframe src="https://www.youtube.com/embed/abc" title="Брифінг"></iframe>',
        '<iframe src="https://evil.example/x"></iframe>',
        '<iframe src="http://www.youtube.com/embed/abc"></iframe>',
      ].join("\n\n"),
    );
    expect(html).toBe(
      '<iframe src="https://www.youtube.com/embed/abc" title="Брифінг" loading="lazy" allowfullscreen></iframe>\n\n',
    );
  });

  it("takes the embed hosts from options", () => {
    const renderWithMaps = createArticleRenderer({ embedHosts: ["maps.example.org"] });
    expect(renderWithMaps('<iframe src="https://maps.example.org/m"></iframe>')).toContain(
      'src="https://maps.example.org/m"',
    );
    expect(renderWithMaps('<iframe src="https://www.youtube.com/embed/abc"></iframe>')).toBe("");
  });

  it("strips event handlers, style attributes and SVG", () => {
    const html = render(
      '<img src=x onerror=alert(1)>\n\n<p style="color:red" onclick="x()">Текст</p>\n\n<svg onload=alert(1)></svg>',
    );
    expect(html).toContain('<img src="x" loading="lazy" decoding="async">');
    expect(html).toContain("<p>Текст</p>");
    expect(html).not.toMatch(/onerror|onclick|onload|style|svg|alert/);
  });
});

describe("sanitizeArticleHtml", () => {
  it("keeps ordinary article markup", () => {
    const html =
      '<figure><img src="https://cdn.example/p.jpg" alt="Фото" width="800" height="600" loading="lazy">' +
      "<figcaption>Підпис</figcaption></figure>" +
      '<blockquote cite="https://example.com/"><p><q>Цитата</q> <cite>Джерело</cite></p></blockquote>' +
      '<p><abbr title="Збройні сили України">ЗСУ</abbr> <time datetime="2024-02-24">24 лютого</time> ' +
      '<span lang="en">ceasefire</span> <mark>важливо</mark></p>';
    expect(sanitize(html)).toBe(html.replace(' loading="lazy">', ' loading="lazy" />'));
  });

  it("keeps heading ids but no ids elsewhere", () => {
    expect(sanitize('<h2 id="a">A</h2><p id="b">B</p>')).toBe('<h2 id="a">A</h2><p>B</p>');
  });

  it("keeps the ids of the page's own elements off body headings, so the skip link still reaches the main content", () => {
    expect(sanitize('<h1 id="main">A</h1><h3 id="site-search">B</h3>')).toBe("<h2>A</h2><h3>B</h3>");
    expect(render("# Main\n\n# Related heading")).toBe('<h2 id="main-2">Main</h2>\n<h2 id="related-heading-2">Related heading</h2>\n');
  });

  it("drops dangerous elements together with their script or style content", () => {
    const html =
      "<style>p{}</style><object data=x></object><embed src=x><form><input name=q><button>Go</button></form>";
    expect(sanitize(html)).toBe("Go");
  });

  it("allows data: URLs nowhere", () => {
    const html = sanitize(
      '<a href="data:text/html,<script>alert(1)</script>">a</a>' +
        '<img src="data:image/png;base64,AAAA" srcset="data:image/png;base64,AAAA 1x, https://cdn.example/2x.png 2x">' +
        '<picture><source srcset="data:image/webp;base64,AAAA" type="image/webp"></picture>',
    );
    expect(html).not.toContain("data:");
    expect(html).toContain('srcset="https://cdn.example/2x.png 2x"');
  });

  it("limits source to srcset, type and media", () => {
    expect(
      sanitize('<picture><source srcset="https://cdn.example/p.webp" type="image/webp" media="(min-width: 40em)" onerror="x"></picture>'),
    ).toBe('<picture><source srcset="https://cdn.example/p.webp" type="image/webp" media="(min-width: 40em)" /></picture>');
  });

  it("cleans media players", () => {
    expect(
      sanitize('<video src="https://cdn.example/v.mp4" poster="javascript:alert(1)" controls autoplay></video>'),
    ).toBe('<video src="https://cdn.example/v.mp4" controls></video>');
  });

  it("adds noopener noreferrer to links that open a new tab, keeping the author's rel", () => {
    expect(sanitize('<a href="https://example.com/" target="_blank" rel="sponsored">Партнер</a>')).toBe(
      '<a href="https://example.com/" target="_blank" rel="sponsored noopener noreferrer">Партнер</a>',
    );
    expect(sanitize('<a href="https://example.com/">Лінк</a>')).toBe('<a href="https://example.com/">Лінк</a>');
  });

  it("drops iframes that are not plain https embeds from an allowed host", () => {
    for (const src of [
      "https://evil.example/x",
      "http://www.youtube.com/embed/abc",
      "//www.youtube.com/embed/abc",
      "/embed/abc",
      "javascript:alert(1)",
      "https://www.youtube.com@evil.example/",
      "https://www.youtube.com.evil.example/",
      "https://t.me/durov/1?embed=1",
    ]) {
      expect(sanitize(`<p>До<iframe src="${src}"></iframe>після</p>`)).toBe("<p>Допісля</p>");
    }
    expect(sanitize("<iframe>без адреси</iframe>")).toBe("");
  });

  it("makes allowed iframes lazy and fullscreen-capable, keeping only safe attributes", () => {
    expect(
      sanitize(
        '<iframe src="https://player.vimeo.com/video/1" title="Інтерв’ю" width="640" height="360" style="border:0" onload="x" srcdoc="<script></script>"></iframe>',
      ),
    ).toBe(
      '<iframe src="https://player.vimeo.com/video/1" title="Інтерв’ю" width="640" height="360" loading="lazy" allowfullscreen></iframe>',
    );
  });

  it("does not list Telegram, whose embeds need a script", () => {
    expect(defaultEmbedHosts).not.toContain("t.me");
    expect(defaultEmbedHosts).toContain("www.youtube.com");
  });
});

describe("site paths under a path prefix", () => {
  it("prefixes links and images that start at the site root, and nothing else", () => {
    const render = createArticleRenderer({ pathPrefix: "/sub/" });
    const html = render('[тег](/tags/kyiv/) ![фото](/images/a.jpg) [зовні](https://x.ua/a) [якір](#z) <img src="//cdn.example/b.jpg" alt="">');
    expect(html).toContain('href="/sub/tags/kyiv/"');
    expect(html).toContain('src="/sub/images/a.jpg"');
    expect(html).toContain('href="https://x.ua/a"');
    expect(html).toContain('href="#z"');
    expect(html).toContain('src="//cdn.example/b.jpg"');
  });
});

describe("control characters", () => {
  it("never reach the rendered body", () => {
    expect(createArticleRenderer()("Те\u000Bкст\u0001 і\tтаб")).toBe("<p>Текст і\tтаб</p>\n");
  });
});
