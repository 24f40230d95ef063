import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArticles } from "../scripts/lib/generate-articles.ts";
import { plural, uiStrings } from "../src/i18n.ts";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();

/** `npm run bench`'s articles, 2006–2026: a search part a year, and a common word in many of each. */
const ARTICLES = 200;

/** The generated articles holding the word `уряд` (the generator never inflects it), newest first, by title. */
function holding(articles: string): { title: string; date: string }[] {
  const found: { title: string; date: string }[] = [];
  for (const year of readdirSync(articles)) {
    for (const file of readdirSync(path.join(articles, year))) {
      const text = readFileSync(path.join(articles, year, file), "utf8");
      if (/(^|[^\p{L}])уряд([^\p{L}]|$)/iu.test(text)) found.push({ title: /^title: "(.*)"$/m.exec(text)![1]!, date: /^date: (.*)$/m.exec(text)![1]! });
    }
  }
  return found.sort((a, b) => (a.date < b.date ? 1 : -1));
}

const status = (page: Page) => page.locator("#search-status").textContent();
const titles = (page: Page) => page.locator("#search-results .search-result__title").allTextContents();

/** Clicks "show more" until it goes, each time waiting for the whole page. */
async function showAll(page: Page): Promise<void> {
  const more = page.locator("#search-more");
  while (await more.isVisible()) {
    const shown = (await titles(page)).length;
    await more.click();
    // A page of results is drawn a few a frame; the button goes once the last is drawn.
    await expect.poll(async () => (await more.isHidden()) || (await titles(page)).length === shown + 10).toBe(true);
  }
}

describe.skipIf(!canRun)("search in a large archive: newest parts first", () => {
  let browser: Browser;
  let server: StaticServer;
  let root: string;
  let articles: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "search-groups-"));
    articles = path.join(root, "articles");
    generateArticles(articles, ARTICLES);
    server = await serveStatic(buildSite({ articles, output: path.join(root, "site") }), "/");
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Opens a search and counts the parts whose entry file it loads. */
  async function open(query: string): Promise<{ page: Page; parts: () => number; close: () => Promise<void> }> {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const parts = new Set<string>();
    page.on("request", (request) => {
      const file = new URL(request.url()).pathname;
      if (file.endsWith("/pagefind-entry.json")) parts.add(file);
    });
    await page.goto(`${server.url}search/?${query}`);
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Знайдено/);
    return { page, parts: () => parts.size, close: () => context.close() };
  }

  it("shows a first page from the newest parts alone, says the count is a lower bound, and finds every match with “show more”", async () => {
    const truth = holding(articles);
    expect(truth.length).toBeGreaterThan(30);
    const { page, parts, close } = await open("q=уряд");
    const yearParts = (await page.locator("#search-config").textContent())!.match(/"id":"\d{4}"/g)!.length;
    expect(await status(page)).toMatch(/^Знайдено щонайменше \d+ стат/);
    expect(await titles(page)).toHaveLength(10);
    // The newest parts that held a page of matches, and the oldest, whose loader Pagefind starts with.
    const first = parts();
    console.info(`"уряд" in ${ARTICLES} articles: the first page loaded ${first} of ${yearParts} parts`);
    expect(first).toBeLessThan(yearParts / 2);
    await showAll(page);
    expect(await status(page)).toBe(plural(truth.length, uiStrings("uk").searchCount, "uk"));
    expect((await titles(page)).sort()).toEqual(truth.map((a) => a.title).sort());
    expect(parts()).toBeGreaterThan(first);
    await close();
  });

  it("keeps what it shows and its button when “show more” cannot load further parts, and loads them on another try", async () => {
    const { page, close } = await open("q=уряд");
    const more = page.locator("#search-more");
    // Parts not loaded yet cannot be had: a click that needs one fails, and says so beside the count.
    const entry = (url: URL) => url.pathname.endsWith("/pagefind-entry.json");
    await page.route(entry, (route) => route.abort());
    let shown = (await titles(page)).length;
    for (let click = 0; click < 20 && !(await status(page))!.includes(uiStrings("uk").searchMoreFailed); click++) {
      shown = (await titles(page)).length;
      await more.click();
      // A page of results is drawn a few a frame: the next click waits for the whole page.
      await expect.poll(async () => (await status(page))!.includes(uiStrings("uk").searchMoreFailed) || (await titles(page)).length === shown + 10 || (await more.isHidden())).toBe(true);
    }
    expect(await status(page)).toMatch(new RegExp(`^Знайдено щонайменше \\d+ стат\\S+ ${uiStrings("uk").searchMoreFailed}`));
    expect(await titles(page)).toHaveLength(shown);
    expect(await more.isVisible()).toBe(true);
    await page.unroute(entry);
    await more.click();
    await expect.poll(() => titles(page).then((t) => t.length)).toBe(shown + 10);
    expect(await status(page)).not.toContain(uiStrings("uk").searchMoreFailed);
    // The parts that failed are asked again, not skipped: every match is still found.
    await showAll(page);
    const truth = holding(articles);
    expect(await status(page)).toBe(plural(truth.length, uiStrings("uk").searchCount, "uk"));
    expect((await titles(page)).sort()).toEqual(truth.map((a) => a.title).sort());
    await close();
  });

  it("orders by date exactly as if every part were asked at once", async () => {
    const truth = holding(articles);
    const { page, close } = await open("q=уряд&sort=date");
    expect(await titles(page)).toEqual(truth.slice(0, 10).map((a) => a.title));
    await page.locator("#search-more").click();
    await expect.poll(() => titles(page)).toEqual(truth.slice(0, 20).map((a) => a.title));
    await close();
  });
});
