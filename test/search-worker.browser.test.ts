import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();
/** More than two pages of results (the page shows 10, "show more" 10 more). */
const ARTICLES = 23;

/** Articles that all mention the metro, dated a day apart, so that every search for it has one order. */
function writeArticles(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "search-worker-"));
  for (let n = 1; n <= ARTICLES; n++) {
    const day = String(n).padStart(2, "0");
    writeFileSync(
      path.join(dir, `metro-${day}.md`),
      `---\ntitle: "Метро, випуск ${n}"\ndate: "${n} січня 2024, 12:00"\nauthor: Олена Коваль\ntags: [Транспорт]\nlead: "Новини метрополітену."\n---\n\nСтанції метро працюватимуть за графіком номер ${n}.\n`,
    );
  }
  return dir;
}

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const titles = (page: Page) => page.locator("#search-results .search-result__title").allTextContents();
const issue = (n: number) => `Метро, випуск ${n}`;
/** Newest first. */
const newest = (count: number, from = 0) => Array.from({ length: count }, (_, i) => issue(ARTICLES - from - i));

describe.skipIf(!canRun)("the search page's engine in a Web Worker", () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveStatic(buildSite({ articles: writeArticles() }), "/", { hostHeaders: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("searches in a worker started from the page's own script; the page never runs Pagefind", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}search/?q=${encodeURIComponent("метро")}&sort=date`);
    await poll(() => titles(page)).toEqual(newest(10));
    const script = await page.locator('script[src*="/assets/search."]').getAttribute("src");
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toContain(script);
    // Pagefind's module is evaluated in the worker only: the page never imports it, so it has no Pagefind globals
    // and never starts Pagefind's own worker.
    expect(page.workers().some((worker) => worker.url().includes("pagefind-worker"))).toBe(false);
    expect(await page.locator("#search-status").textContent()).toBe(`Знайдено ${ARTICLES} статті`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows more results page by page, drawn a few at a time, in order and each once, focusing the first new one", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/?q=${encodeURIComponent("метро")}&sort=date`);
    await poll(() => titles(page)).toEqual(newest(10));
    const more = page.locator("#search-more");
    expect(await more.isVisible()).toBe(true);
    await more.click();
    await poll(() => titles(page)).toEqual(newest(20));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(issue(ARTICLES - 10));
    await more.click();
    await poll(() => titles(page)).toEqual(newest(ARTICLES));
    expect(await more.isHidden()).toBe(true);
    await page.close();
  });

  it("searches in the page itself where no worker can start", async () => {
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on("console", (message) => warnings.push(message.text()));
    await page.addInitScript(() => {
      delete (window as { Worker?: unknown }).Worker;
    });
    await page.goto(`${server.url}search/?q=${encodeURIComponent("метро")}&sort=date`);
    await poll(() => titles(page)).toEqual(newest(10));
    expect(page.workers().some((worker) => worker.url().includes("/assets/search."))).toBe(false);
    await page.locator("#search-more").click();
    await poll(() => titles(page)).toEqual(newest(20));
    expect(warnings.filter((text) => text.includes("search failed"))).toEqual([]);
    await page.close();
  });
});
