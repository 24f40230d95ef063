/**
 * Issue 13: a phone gets a small photo. An article whose lead photo is 4000×3000 loads at most 60 KB of image on a
 * 390 px wide screen, and nothing on the page shifts as the photos arrive (cumulative layout shift 0).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();

/** A busy, photo-like 4000×3000 picture: sky, hills, a few hundred buildings and windows, softened as a lens would. */
async function bigPhoto(): Promise<Buffer> {
  const w = 4000;
  const h = 3000;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const buildings = Array.from({ length: 300 }, () => {
    const x = rnd() * w;
    const bw = 40 + rnd() * 160;
    const bh = 200 + rnd() * 900;
    const shade = Math.floor(90 + rnd() * 120);
    return `<rect x="${x}" y="${h * 0.75 - bh}" width="${bw}" height="${bh}" fill="rgb(${shade},${shade - 20},${shade - 40})"/>`;
  }).join("");
  const windows = Array.from({ length: 1500 }, () => `<rect x="${rnd() * w}" y="${h * 0.3 + rnd() * h * 0.45}" width="14" height="20" fill="#f3d27a" fill-opacity="${rnd()}"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b5d8f"/><stop offset="1" stop-color="#f0b778"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/>${buildings}${windows}<rect y="${h * 0.75}" width="${w}" height="${h * 0.25}" fill="#4b5a3c"/></svg>`;
  return sharp(Buffer.from(svg)).blur(0.8).jpeg({ quality: 90 }).toBuffer();
}

describe.skipIf(!canRun)("photos on a phone, in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const articles = mkdtempSync(path.join(tmpdir(), "photo-browser-"));
    mkdirSync(path.join(articles, "2024"));
    writeFileSync(path.join(articles, "2024", "misto.jpg"), await bigPhoto());
    writeFileSync(
      path.join(articles, "2024", "misto.md"),
      `---\ntitle: Місто ввечері\ndate: 2024-05-01 20:00\nauthor: Редакція\nlead: Вечірнє місто з висоти.\nimage: misto.jpg\nimageAlt: "Багатоповерхівки з освітленими вікнами на тлі вечірнього неба"\nimageCaption: "Вечірнє місто"\nimageCredit: УНІАН\n---\n${"Текст статті про місто. ".repeat(40)}\n\n![Місто зблизька](misto.jpg "Те саме місто ближче")\n\n${"Ще текст. ".repeat(80)}\n`,
    );
    const output = buildSite({ articles, pathPrefix: "/sub/" });
    server = await serveStatic(output, "/sub/");
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads at most 60 KB of photo at 390 px wide, the lead first, and nothing shifts", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.addInitScript(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const photos: { url: string; bytes: number; type: string }[] = [];
    page.on("response", async (response) => {
      if (!response.url().includes("/img/")) return;
      photos.push({ url: response.url(), bytes: (await response.body()).length, type: response.headers()["content-type"] ?? "" });
    });
    await page.goto(`${server.url}2024/05/misto-vvecheri/`, { waitUntil: "load" });
    const lead = page.locator(".article__image img");
    await expect.poll(() => lead.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const chosen = await lead.evaluate((img: HTMLImageElement) => ({ src: img.currentSrc, width: img.naturalWidth, shown: img.getBoundingClientRect().width }));
    expect(chosen.src).toMatch(/-640\.avif$/);
    expect(chosen.shown).toBeLessThanOrEqual(390);
    const leadFile = photos.find((p) => p.url === chosen.src)!;
    expect(leadFile.type).toBe("image/avif");
    expect(leadFile.bytes).toBeLessThanOrEqual(60_000);
    // The body's copy is lazy: scrolled to, it loads, and still nothing moves.
    await page.locator(".article__body picture img").scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator(".article__body picture img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
    console.info(`[photos] 390 px: lead ${chosen.src.split("/").pop()} ${leadFile.bytes} bytes; all photos ${photos.reduce((n, p) => n + p.bytes, 0)} bytes`);
    await context.close();
  }, 120_000);
});
