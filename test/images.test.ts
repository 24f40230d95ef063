import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../src/build/output-folder.ts";
import { binPath, buildFailure, buildSite, readOutput, repoRoot } from "./build-site.ts";

/** A photo-like picture: gradients and shapes, so encoders behave as on real photos (noise would not compress at all). */
async function photo(width: number, height: number, options: { alpha?: boolean } = {}): Promise<sharp.Sharp> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#4a7fc1"/><stop offset="1" stop-color="#e8c07a"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="${options.alpha ? "none" : "url(#sky)"}"/>
    <circle cx="${width * 0.7}" cy="${height * 0.3}" r="${Math.min(width, height) * 0.12}" fill="#ffd34d"/>
    <rect x="0" y="${height * 0.65}" width="${width}" height="${height * 0.35}" fill="#3d6b35" fill-opacity="${options.alpha ? 0.6 : 1}"/>
    <rect x="${width * 0.15}" y="${height * 0.4}" width="${width * 0.25}" height="${height * 0.3}" fill="#8a3b2e"/>
  </svg>`;
  return sharp(Buffer.from(svg));
}

const dir = mkdtempSync(path.join(tmpdir(), "images-articles-"));
const cache = mkdtempSync(path.join(tmpdir(), "images-cache-"));
const timings = path.join(cache, "timings.json");
const articleText = (fields: string, body = "Текст статті.") => `---\ntitle: Стаття\n${fields.includes("date:") ? "" : "date: 2021-06-01 10:00\n"}author: Редакція\ntags: [Фото]\nlead: Лід статті.\n${fields}\n---\n${body}\n`;

beforeAll(async () => {
  mkdirSync(path.join(dir, "2021"), { recursive: true });
  await (await photo(1600, 1000)).jpeg().toFile(path.join(dir, "2021", "port.jpg"));
  await (await photo(700, 500, { alpha: true })).png().toFile(path.join(dir, "2021", "kran.png"));
  await (await photo(600, 900)).jpeg().toFile(path.join(dir, "2021", "portret.jpg"));
  await (await photo(100, 80)).jpeg().toFile(path.join(dir, "2021", "mala.jpg"));
  await (await photo(800, 600)).toColourspace("cmyk").jpeg().toFile(path.join(dir, "2021", "cmyk.jpg"));
  await (await photo(500, 400)).toColourspace("rgb16").png().toFile(path.join(dir, "2021", "glyboka.png"));
  writeFileSync(
    path.join(dir, "2021", "port.md"),
    articleText(
      `slug: port\nimage: port.jpg\nimageAlt: "Кран над причалом в Одесі"\nimageCaption: "Порт «Південний» зранку"\nimageCredit: УНІАН`,
      [
        "Перший абзац.",
        "",
        '![Кран із вантажем](kran.png "Кран розвантажує судно")',
        "",
        '<p><img src="portret.jpg" alt="Портрет капітана"></p>',
        "",
        '![Віддалене фото](https://cdn.example.org/a.jpg "Фото з агентства")',
        "",
        "![Маленька](mala.jpg)",
        "",
        "![Схема](/images/soniachni-paneli.svg)",
      ].join("\n"),
    ),
  );
  writeFileSync(path.join(dir, "2021", "cmyk.md"), articleText(`slug: cmyk\ndate: 2021-05-01\nimage: cmyk.jpg\nimageAlt: "Друкарня"`));
  writeFileSync(path.join(dir, "2021", "glyboka.md"), articleText(`slug: glyboka\ndate: 2021-04-01\nimage: glyboka.png\nimageAlt: "Поле"`));
  writeFileSync(path.join(dir, "2021", "bez-foto.md"), articleText(`slug: bez-foto\ndate: 2021-03-01`));
}, 60_000);

const imagesBelow = (output: string) => (existsSync(path.join(output, "img")) ? readdirSync(path.join(output, "img")).sort() : []);
const build = (output?: string) =>
  buildSite({ articles: dir, pathPrefix: "/sub/", extra: ["--cache", cache], env: { NEWS_ARCHIVE_TIMINGS: timings }, ...(output ? { output } : {}) });
const report = () => JSON.parse(readFileSync(timings, "utf8")) as { imagesEncoded: number };

describe("photos in a build", () => {
  let output: string;
  let page: string;
  beforeAll(() => {
    output = build();
    page = readOutput(output, "2021/06/port/");
  }, 180_000);

  it("serves the lead photo as AVIF, WebP and JPEG at widths no larger than the original, under the path prefix", async () => {
    const lead = /<figure class="article__image">([\s\S]*?)<\/figure>/.exec(page)![1]!;
    expect(lead).toMatch(/<source type="image\/avif" srcset="\/sub\/img\/[0-9a-f]{16}-320\.avif 320w, [^"]*-640\.avif 640w, [^"]*-960\.avif 960w, [^"]*-1280\.avif 1280w"/);
    expect(lead).toContain('<source type="image/webp"');
    expect(lead).toMatch(/<img src="\/sub\/img\/[0-9a-f]{16}-1280\.jpg"/);
    expect(lead).toContain('width="1600" height="1000"');
    expect(lead).toContain('fetchpriority="high"');
    expect(lead).toContain('decoding="async"');
    expect(lead).not.toContain("loading=");
    expect(lead).toContain('alt="Кран над причалом в Одесі"');
    expect(lead).toMatch(/<figcaption>Порт «Південний» зранку <span class="article__credit">Фото: УНІАН<\/span><\/figcaption>/);
    const src = /<img src="\/sub\/([^"]+)"/.exec(lead)![1]!;
    const file = await sharp(path.join(output, src)).metadata();
    expect([file.format, file.width, file.height]).toEqual(["jpeg", 1280, 800]);
    const avif = await sharp(path.join(output, src.replace("-1280.jpg", "-320.avif"))).metadata();
    expect([avif.format, avif.width, avif.height]).toEqual(["heif", 320, 200]);
  });

  it("turns body images into lazy pictures, with captions from the Markdown title, keeping PNG transparency", async () => {
    expect(page).toMatch(/<figure><picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img src="\/sub\/img\/[0-9a-f]{16}-700\.png"[^>]*width="700" height="500" loading="lazy" decoding="async"><\/picture><figcaption>Кран розвантажує судно<\/figcaption><\/figure>/);
    const png = /<img src="\/sub\/(img\/[0-9a-f]{16}-700\.png)"/.exec(page)![1]!;
    expect((await sharp(path.join(output, png)).metadata()).hasAlpha).toBe(true);
    // Raw HTML, a portrait: widths below 600 plus 600 itself.
    expect(page).toMatch(/srcset="[^"]*-320\.jpg 320w, [^"]*-600\.jpg 600w"[^>]*alt="Портрет капітана" width="600" height="900" loading="lazy"/);
    // Smaller than the smallest width: served at its own size only.
    expect(page).toMatch(/srcset="\/sub\/img\/[0-9a-f]{16}-100\.avif 100w"/);
    expect(page).toMatch(/alt="Маленька" width="100" height="80"/);
  });

  it("leaves remote images and SVG as they are, but lazy, asynchronous and captioned", () => {
    expect(page).toMatch(/<figure><img src="https:\/\/cdn\.example\.org\/a\.jpg" alt="Віддалене фото" loading="lazy" decoding="async"><figcaption>Фото з агентства<\/figcaption><\/figure>/);
    const svg = /<img src="\/sub\/(img\/[0-9a-f]{16}\.svg)" alt="Схема"[^>]*loading="lazy" decoding="async">/.exec(page)![1]!;
    expect(readFileSync(path.join(output, svg))).toEqual(readFileSync(path.join(repoRoot, "site", "images", "soniachni-paneli.svg")));
  });

  it("converts CMYK and 16-bit photos to web formats", async () => {
    for (const slug of ["cmyk", "glyboka"]) {
      const src = /<img src="\/sub\/([^"]+)"/.exec(/<figure class="article__image">([\s\S]*?)<\/figure>/.exec(readOutput(output, `2021/0${slug === "cmyk" ? 5 : 4}/${slug}/`))![1]!)![1]!;
      const meta = await sharp(path.join(output, src)).metadata();
      expect(meta.space).toBe("srgb");
      expect(meta.depth).toBe("uchar");
    }
  });

  it("describes the lead photo in JSON-LD, Open Graph, feeds and the search record", async () => {
    const jsonLd = [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
    const image = jsonLd.find((d) => d["@type"] === "NewsArticle").image[0];
    expect(image).toMatchObject({ "@type": "ImageObject", width: 1200, height: 750, caption: "Порт «Південний» зранку", creditText: "УНІАН" });
    expect(image.url).toMatch(/^https:\/\/archive\.example\.ua\/sub\/img\/[0-9a-f]{16}-og\.jpg$/);
    expect(page).toContain(`<meta property="og:image" content="${image.url}">`);
    expect(page).toContain('<meta property="og:image:width" content="1200">');
    expect(page).toContain('<meta property="og:image:height" content="750">');
    expect(page).toContain('<meta property="og:image:alt" content="Кран над причалом в Одесі">');
    const og = await sharp(path.join(output, new URL(image.url).pathname.replace("/sub/", ""))).metadata();
    expect([og.format, og.width]).toEqual(["jpeg", 1200]);

    const feed = JSON.parse(readOutput(output, "feed.json")) as { items: { url: string; image?: string; content_html: string }[] };
    const item = feed.items.find((i) => i.url.endsWith("/2021/06/port/"))!;
    expect(item.image).toBe(image.url);
    expect(item.content_html).toContain("Порт «Південний» зранку Фото: УНІАН</figcaption>");
    expect(item.content_html).toMatch(/srcset="https:\/\/archive\.example\.ua\/sub\/img\//);
    expect(readOutput(output, "feed.xml")).toContain(`<link rel="enclosure" href="${image.url}" type="image/jpeg"/>`);
  });

  it("shows sized thumbnails in listings, and keeps the old layout for articles without a photo", () => {
    const home = readOutput(output, "index.html");
    const cards = home.split('<article class="card').slice(1);
    const withPhoto = cards.find((c) => c.includes("/2021/06/port/"))!;
    expect(withPhoto).toMatch(/^ card--with-image">/);
    expect(withPhoto).toMatch(/<div class="card__image"><picture><source type="image\/avif" srcset="\/sub\/img\/[0-9a-f]{16}-320\.avif 320w" sizes="8rem">.*alt="" width="320" height="200" loading="lazy" decoding="async">/);
    expect(cards.find((c) => c.includes("/2021/03/bez-foto/"))).toMatch(/^">/);
  });

  it("lists every photo file in the output manifest, and a second build with the cache kept encodes nothing", () => {
    const manifest = readManifest(output)!;
    const files = imagesBelow(output);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(manifest.files[`img/${file}`]?.unit).toBe("image");
    const again = build();
    expect(report().imagesEncoded).toBe(0);
    expect(imagesBelow(again)).toEqual(files);
    expect(readOutput(again, "2021/06/port/")).toBe(page);
  }, 120_000);
});

describe("photo problems", () => {
  const problems = (files: Record<string, string | Buffer>) => {
    const bad = mkdtempSync(path.join(tmpdir(), "images-bad-"));
    for (const [name, contents] of Object.entries(files)) writeFileSync(path.join(bad, name), contents);
    return bad;
  };

  it("fails the build and the check naming the article, the field and the image: missing, not an image, damaged, too large", async () => {
    const jpeg = await (await photo(400, 300)).jpeg().toBuffer();
    const huge = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: "#888" } }).png().toBuffer();
    const bad = problems({
      "nema.md": articleText(`slug: nema\nimage: nema.jpg\nimageAlt: "Фото"`),
      "tekst.md": articleText(`slug: tekst\nimage: notatky.jpg\nimageAlt: "Фото"`),
      "notatky.jpg": "це не фото",
      "velyke.md": articleText(`slug: velyke\nimageAlt: "Фото"`, "![Величезне](velyke.png)"),
      "velyke.png": huge,
      "zipsovane.md": articleText(`slug: zipsovane\nimage: zipsovane.jpg\nimageAlt: "Фото"`),
      "zipsovane.jpg": jpeg.subarray(0, Math.floor(jpeg.length / 3)),
    });
    const message = buildFailure({ articles: bad, extra: ["--cache", mkdtempSync(path.join(tmpdir(), "images-cache-"))] });
    expect(message).toMatch(/nema\.md \[image\]: error: image "nema\.jpg" is missing: no file at/);
    expect(message).toMatch(/tekst\.md \[image\]: error: image "notatky\.jpg" \(.*notatky\.jpg\) is not an image/);
    expect(message).toMatch(/velyke\.md \[body\]: error: image "velyke\.png" \(.*\) is 8000×8000 \(64 megapixels\); photos may have at most 60 megapixels/);
    const check = spawnSync(process.execPath, [binPath, "check", "--articles", bad], { cwd: repoRoot, encoding: "utf8" });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/nema\.md \[image\]: error: image "nema\.jpg" is missing/);
    expect(check.stderr).toMatch(/velyke\.md \[body\]: .*64 megapixels/);

    // A damaged photo whose header still reads is found when it is decoded.
    const damaged = problems({ "zipsovane.md": articleText(`slug: zipsovane\nimage: zipsovane.jpg\nimageAlt: "Фото"`), "zipsovane.jpg": jpeg.subarray(0, Math.floor(jpeg.length / 3)) });
    expect(buildFailure({ articles: damaged, extra: ["--cache", mkdtempSync(path.join(tmpdir(), "images-cache-"))] })).toMatch(
      /zipsovane\.md: image: image "zipsovane\.jpg" \(.*\) is damaged and cannot be decoded/,
    );
  }, 120_000);

  it("refuses a lead photo without imageAlt, or with imageAlt that repeats the file name", () => {
    const bad = problems({
      "bez-alt.md": articleText(`slug: bez-alt\nimage: a.jpg`),
      "imia.md": articleText(`slug: imia\nimage: /images/IMG_2041.jpg\nimageAlt: "IMG_2041"`),
    });
    const message = buildFailure({ articles: bad });
    expect(message).toMatch(/bez-alt\.md:\d+ \[imageAlt\]: error: image has no imageAlt/);
    expect(message).toMatch(/imia\.md:\d+ \[imageAlt\]: error: imageAlt "IMG_2041" only repeats the file name/);
  }, 60_000);
});
