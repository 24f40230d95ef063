import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anArticle, firstVisit, firstVisitBudget } from "../scripts/lib/first-visit.ts";
import { generateArticles } from "../scripts/lib/generate-articles.ts";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();

/** Articles of `npm run bench` (7 KB each, 200 tags, 2006–2026): enough for a search part in every year. */
const ARTICLES = 300;

describe.skipIf(!canRun)("a reader's first visit to one article, in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let output: string;
  const served: { path: string; bytes: number }[] = [];

  beforeAll(async () => {
    const articles = path.join(mkdtempSync(path.join(tmpdir(), "first-visit-")), "articles");
    generateArticles(articles, ARTICLES);
    output = buildSite({ articles });
    // Served as Netlify or Cloudflare Pages would, with the archive's own _headers; every response is counted.
    server = await serveStatic(output, "/", { hostHeaders: true, onServe: (pathname, bytes) => served.push({ path: pathname, bytes }) });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`downloads at most ${firstVisitBudget / 1000} KB, the service worker's install included, and nothing that grows with the archive`, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const article = anArticle(output);
    await page.goto(`${server.url}${article.slice(1)}`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    // Until the network is quiet: the install, then the worker keeping the page that registered it.
    let count = -1;
    while (count !== served.length) {
      count = served.length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await context.close();

    const bytes = served.reduce((sum, response) => sum + response.bytes, 0);
    console.info(`first visit to ${article} (${ARTICLES} articles): ${bytes} bytes in ${served.length} responses`);
    expect(bytes).toBeLessThanOrEqual(firstVisitBudget);
    // Nothing of the search index or of the list of what "save the archive" downloads.
    expect(served.filter((response) => /^\/pagefind\/|^\/offline\/(pages|search)-/.test(response.path))).toEqual([]);
    // The figure `npm run bench` prints, from the files alone, is what the browser downloads (within 5%).
    const estimate = firstVisit(output, article);
    expect(Math.abs(estimate.bytes - bytes) / bytes).toBeLessThan(0.05);
  });
});
