/**
 * Issue 13: "save the archive" can take the pages' photos too, listed apart from the pages with their own size:
 * one file per photo (a format and width the reader's browser would load), in list parts of at most 1 MB.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { imageSettings, sizes } from "../src/images/pictures.ts";
import {
  builtPage,
  maxListPartBytes,
  offlineList,
  offlinePhotos,
  savedPhotoWidth,
  type OfflinePhoto,
  type OfflinePhotoListFile,
} from "../src/offline/index.ts";
import { buildSite } from "./build-site.ts";
import { listPartFile, readSummary } from "./offline-list.ts";

const key = (n: number) => n.toString(16).padStart(16, "0");

/** The files the build writes for a raster photo: AVIF, WebP and fallback per width, and the link-preview JPEG. */
function rasterFiles(n: number, widths: number[], bytes: (width: number, format: string) => number) {
  return [
    ...widths.flatMap((w) => ["avif", "webp", "jpg"].map((ext) => ({ file: `${key(n)}-${w}.${ext}`, size: bytes(w, ext) }))),
    { file: `${key(n)}-og.jpg`, size: 99_999 },
  ];
}

describe("the photos' offline list", () => {
  const big = rasterFiles(1, [320, 640, 960, 1280], (w, ext) => (ext === "avif" ? w * 10 : w * 20));
  const small = rasterFiles(2, [320, 500], (w, ext) => (ext === "avif" ? w : w * 2));
  const svg = { file: `${key(3)}.svg`, size: 777 };

  it("lists each photo once, by the start of its files' addresses, with the AVIF and WebP of every served width", () => {
    const photos = offlinePhotos([...big, ...small, svg], "/sub/");
    expect(photos).toEqual([
      { url: `/sub/img/${key(1)}`, widths: [320, 640, 960, 1280], avif: [3200, 6400, 9600, 12800], webp: [6400, 12800, 19200, 25600] },
      { url: `/sub/img/${key(2)}`, widths: [320, 500], avif: [320, 500], webp: [640, 1000] },
      { url: `/sub/img/${key(3)}.svg`, size: 777 },
    ]);
  });

  it("saves the smallest width that covers the screen's need, else the photo's largest", () => {
    expect(savedPhotoWidth([320, 640, 960, 1280], 640)).toBe(640);
    expect(savedPhotoWidth([320, 640, 960, 1280], 1280)).toBe(1280);
    expect(savedPhotoWidth([320, 500], 640)).toBe(500);
    expect(savedPhotoWidth([320, 500], 320)).toBe(320);
  });

  it("gives the summary the photos' size apart, per format and per screen width, and the column the page's srcset fills", () => {
    const list = offlineList({ pages: [builtPage("/2021/01/a/", "<title>А</title>")], pagefindFiles: [], photoFiles: [...big, ...small, svg], pathPrefix: "/sub/" });
    const { photos } = list.summary;
    expect(photos.photos).toBe(3);
    expect(photos.column).toBe(sizes.article);
    expect(photos.widths).toEqual([...imageSettings.widths]);
    // Per standard width: the big photo at that width, the small one at 320 or its largest (500), and the SVG.
    expect(photos.bytes.avif).toEqual([3200 + 320 + 777, 6400 + 500 + 777, 9600 + 500 + 777, 12800 + 500 + 777]);
    expect(photos.bytes.webp).toEqual([6400 + 640 + 777, 12800 + 1000 + 777, 19200 + 1000 + 777, 25600 + 1000 + 777]);
    // Pages keep their own size, without the photos.
    expect(list.summary.pages.size).toBe(Buffer.byteLength("<title>А</title>"));
    expect(photos.parts).toHaveLength(1);
    const part = list.files.find((f) => `/sub${f.url}` === photos.parts[0]!.url)!;
    expect(part.url).toMatch(/^\/offline\/photos-all\.[0-9a-f]{10}\.json$/);
    expect((JSON.parse(part.contents) as OfflinePhotoListFile).photos).toEqual(offlinePhotos([...big, ...small, svg], "/sub/"));
  });

  it("has no photos, and no photo part, when the archive has none", () => {
    const list = offlineList({ pages: [builtPage("/", "<title>А</title>")], pagefindFiles: [], pathPrefix: "/" });
    expect(list.summary.photos.photos).toBe(0);
    expect(list.summary.photos.parts).toEqual([]);
    expect(list.summary.photos.bytes.avif).toEqual([0, 0, 0, 0]);
  });

  it("splits the photos' list at 1 MB, whatever the archive's size", () => {
    const files = Array.from({ length: 30_000 }, (_, i) => rasterFiles(i + 1, [320, 640, 960, 1280], (w) => w * 31 + i)).flat();
    const list = offlineList({ pages: [], pagefindFiles: [], photoFiles: files, pathPrefix: "/" });
    const { parts } = list.summary.photos;
    expect(parts.length).toBeGreaterThan(1);
    const listed: OfflinePhoto[] = [];
    for (const p of parts) {
      const contents = list.files.find((f) => f.url === p.url)!.contents;
      expect(Buffer.byteLength(contents)).toBeLessThanOrEqual(maxListPartBytes);
      const photos = (JSON.parse(contents) as OfflinePhotoListFile).photos;
      expect(photos).toHaveLength(p.photos);
      listed.push(...photos);
    }
    expect(listed).toHaveLength(30_000);
    // The summary stays small: a few numbers and one line per part.
    expect(Buffer.byteLength(JSON.stringify(list.summary.photos))).toBeLessThan(2_000);
  });
});

describe("a built archive's photos, listed for saving", () => {
  let output: string;
  beforeAll(async () => {
    const articles = mkdtempSync(path.join(tmpdir(), "offline-photos-"));
    mkdirSync(path.join(articles, "2022"));
    const picture = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 } } }).jpeg();
    await picture(1400, 900).toFile(path.join(articles, "2022", "mist.jpg"));
    await picture(500, 400).toFile(path.join(articles, "2022", "mala.jpg"));
    const article = (slug: string, day: number, image: string, body = "Текст.") =>
      `---\ntitle: Стаття ${slug}\ndate: 2022-03-0${day} 10:00\nauthor: Редакція\nslug: ${slug}\nlead: Лід.\nimage: ${image}\nimageAlt: "Міст через річку"\n---\n${body}\n`;
    writeFileSync(path.join(articles, "2022", "mist.md"), article("mist", 4, "mist.jpg", "![Мала світлина](mala.jpg)"));
    writeFileSync(path.join(articles, "2022", "druhyi.md"), article("druhyi-mist", 2, "mist.jpg"));
    output = buildSite({ articles, pathPrefix: "/sub/", extra: ["--cache", mkdtempSync(path.join(tmpdir(), "offline-photos-cache-"))] });
  }, 180_000);

  it("lists every photo the pages show once, each listed file in the output at the size given", () => {
    const summary = readSummary(output);
    expect(summary.photos.photos).toBe(2);
    const photos = summary.photos.parts.flatMap(
      (part) => (JSON.parse(readFileSync(listPartFile(output, part.url, "/sub/"), "utf8")) as OfflinePhotoListFile).photos,
    );
    expect(photos.map((p) => ("widths" in p ? p.widths : []))).toEqual(expect.arrayContaining([[320, 640, 960, 1280], [320, 500]]));
    for (const photo of photos) {
      if (!("widths" in photo)) throw new Error("no SVG here");
      photo.widths.forEach((width, i) => {
        for (const format of ["avif", "webp"] as const) {
          const file = listPartFile(output, `${photo.url}-${width}.${format}`, "/sub/");
          expect(existsSync(file)).toBe(true);
          expect(statSync(file).size).toBe(photo[format][i]);
        }
      });
    }
    // The photos' size is apart from the pages'; saving every photo at 960 costs what the list says.
    const at960 = photos.reduce((sum, p) => sum + ("widths" in p ? p.webp[p.widths.indexOf(savedPhotoWidth(p.widths, 960))]! : 0), 0);
    expect(summary.photos.bytes.webp[imageSettings.widths.indexOf(960)]).toBe(at960);
    expect(summary.pages.size).toBeGreaterThan(0);
  });

  it("precaches none of it", () => {
    const worker = readFileSync(path.join(output, "sw.js"), "utf8");
    const precache = (JSON.parse(/"precache":(\[[^\]]*\])/.exec(worker)![1]!) as string[]);
    expect(precache.filter((url) => url.startsWith("img/") || url.includes("photos-"))).toEqual([]);
  });
});
