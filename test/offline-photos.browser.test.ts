/**
 * Issue 13: saving the whole archive for offline can include or leave out the photos, whose size is shown apart.
 * Saved with photos, an article's photos (and the listings' thumbnails) show offline; saved without, no photo file
 * is in the saved copy.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageSettings } from "../src/images/pictures.ts";
import type { OfflineSummary } from "../src/offline/index.ts";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { readSummary } from "./offline-list.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();
const prefix = "/sub/";
const ARTICLE = `${prefix}2024/05/mist/`;

const poll = <T>(check: () => Promise<T>, timeout = 15_000) => expect.poll(check, { timeout, interval: 100 });

/** A photo-like picture (gradient and shapes), so the encoded sizes are a photo's, not a flat colour's. */
function photo(width: number, height: number): sharp.Sharp {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b5d8f"/><stop offset="1" stop-color="#f0b778"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/><circle cx="${width * 0.7}" cy="${height * 0.3}" r="${height * 0.1}" fill="#ffd34d"/><rect y="${height * 0.7}" width="${width}" height="${height * 0.3}" fill="#4b5a3c"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 });
}

/** What the offline page shows as a size, as it formats it (offline.js). */
function formatSize(bytes: number): string {
  const [unit, amount] = bytes >= 1e6 ? ["megabyte", bytes / 1e6] : bytes >= 1e3 ? ["kilobyte", bytes / 1e3] : ["byte", bytes];
  return new Intl.NumberFormat("uk", { style: "unit", unit: unit!, maximumFractionDigits: 1 }).format(amount as number);
}

/** The paths kept in the saved copy. */
const savedPaths = (page: Page) =>
  page.evaluate(async (name) => {
    if (!(await caches.has(name))) return [];
    return (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
  }, `news-archive:${prefix}:saved`);

/** Whether an image has finished and what it shows: naturalWidth 0 is a broken image. */
const shown = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1));

describe.skipIf(!canRun)("saving the archive with or without its photos, in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let summary: OfflineSummary;

  beforeAll(async () => {
    const articles = mkdtempSync(path.join(tmpdir(), "offline-photos-browser-"));
    mkdirSync(path.join(articles, "2024"));
    await photo(1600, 1000).toFile(path.join(articles, "2024", "mist.jpg"));
    await photo(500, 400).toFile(path.join(articles, "2024", "richka.jpg"));
    const article = (slug: string, day: string, fields: string, body: string) =>
      `---\ntitle: Стаття ${slug}\ndate: 2024-05-${day} 10:00\nauthor: Редакція\nslug: ${slug}\nlead: Лід статті.\n${fields}\n---\n${body}\n`;
    writeFileSync(
      path.join(articles, "2024", "mist.md"),
      article("mist", "02", `image: mist.jpg\nimageAlt: "Міст через Дніпро"\nimageCaption: "Міст уранці"\nimageCredit: УНІАН`, `Текст.\n\n![Річка під мостом](richka.jpg)\n`),
    );
    writeFileSync(path.join(articles, "2024", "bez-foto.md"), article("bez-foto", "01", "", "Стаття без фото."));
    const output = buildSite({ articles, pathPrefix: prefix, extra: ["--cache", mkdtempSync(path.join(tmpdir(), "offline-photos-browser-cache-"))] });
    summary = readSummary(output);
    server = await serveStatic(output, prefix);
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A phone: 390 CSS pixels at twice the density, so the article column (358 px) needs a 716-pixel photo. */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${server.url}offline/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await poll(() => page.locator("#offline-size").textContent()).toMatch(/^Розмір: /);
    return { context, page };
  }

  async function save(page: Page, photos: boolean) {
    await page.locator("#offline-include-pages").check();
    await page.locator("#offline-include-photos").setChecked(photos);
    await page.locator("#offline-save-button").click();
    await poll(() => page.locator("#offline-status").textContent(), 30_000).toBe("Архів збережено. Його можна читати без інтернету.");
  }

  it("shows the photos' size apart, offered only with the pages, off by default", async () => {
    const { context, page } = await phone();
    // The column needs 716 pixels: the 960 width, in AVIF, which Chromium shows.
    const photosSize = formatSize(summary.photos.bytes.avif[imageSettings.widths.indexOf(960)]!);
    expect(await page.locator("#offline-include-photos-label").textContent()).toBe(`Також зберегти фото (${photosSize})`);
    expect(await page.locator("#offline-include-photos").isChecked()).toBe(false);
    expect(await page.locator("#offline-include-photos").isDisabled()).toBe(true);
    await page.locator("#offline-include-pages").check();
    const withPages = await page.locator("#offline-size").textContent();
    expect(await page.locator("#offline-include-photos").isEnabled()).toBe(true);
    await page.locator("#offline-include-photos").check();
    const withPhotos = await page.locator("#offline-size").textContent();
    expect(withPhotos).not.toBe(withPages);
    const total = [...summary.index.parts, ...summary.pages.parts].reduce((sum, p) => sum + p.size, 0) + summary.photos.bytes.avif[2]!;
    expect(withPhotos).toBe(`Розмір: ${formatSize(total)}`);
    // Leaving out the pages leaves out their photos.
    await page.locator("#offline-include-pages").uncheck();
    expect(await page.locator("#offline-include-photos").isChecked()).toBe(false);
    expect(await page.locator("#offline-include-photos").isDisabled()).toBe(true);
    await context.close();
  });

  it("saved with photos, an article's photos and a listing's thumbnail show offline; saved again without, the photos go", async () => {
    const { context, page } = await phone();
    await save(page, true);
    const photoFiles = (await savedPaths(page)).filter((p) => /\/img\/[0-9a-f]+-\d+\.\w+$/.test(p));
    // One file per photo: AVIF at the width the column needs (the small photo's largest is its own 500).
    expect(photoFiles.map((p) => p.replace(/^.*-/, "")).sort()).toEqual(["500.avif", "960.avif"]);

    await context.setOffline(true);
    try {
      await page.goto(`${server.url.replace(/\/sub\/$/, "")}${ARTICLE}`);
      expect(await page.locator("h1").first().textContent()).toBe("Стаття mist");
      await poll(() => shown(page, ".article__image img")).toBeGreaterThan(0);
      await poll(() => shown(page, ".article__body picture img")).toBeGreaterThan(0);
      // Chromium's own pick for a 2x screen may be another width: the worker answers with the saved file.
      await page.goto(server.url);
      await poll(() => shown(page, ".card__image img")).toBeGreaterThan(0);
    } finally {
      await context.setOffline(false);
    }

    await page.goto(`${server.url}offline/`);
    await poll(() => page.locator("#offline-delete-button").isVisible()).toBe(true);
    await save(page, false);
    // The page says "saved" from the first copy too, so the second save may still be at work: wait for its outcome.
    await poll(async () => (await savedPaths(page)).filter((p) => p.startsWith(`${prefix}img/`)), 30_000).toEqual([]);
    await context.close();
  });

  it("saved without photos, the pages open offline but no photo file is kept", async () => {
    const { context, page } = await phone();
    await save(page, false);
    const saved = await savedPaths(page);
    expect(saved).toContain(ARTICLE);
    expect(saved.filter((p) => p.startsWith(`${prefix}img/`))).toEqual([]);
    await context.setOffline(true);
    try {
      await page.goto(`${server.url.replace(/\/sub\/$/, "")}${ARTICLE}`);
      expect(await page.locator("h1").first().textContent()).toBe("Стаття mist");
      await poll(() => shown(page, ".article__image img")).toBe(0);
    } finally {
      await context.setOffline(false);
    }
    await context.close();
  });
});
