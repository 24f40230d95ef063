import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { listedFiles } from "./offline-list.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const fixture = "test/fixtures/offline-articles";
const canRun = browserAvailable();

const READ = "Теплиці під Житомиром дали перший урожай огірків";
const READ_CHANGED = "Теплиці під Житомиром дали другий урожай огірків";
const UNVISITED = "У Черкасах відремонтували міст через Дніпро";
const SAVED_ONLY = "Бібліотека в Ужгороді відкрила нічний читальний зал";

/** The site path of the page whose `<title>` starts with `title`, from the build's offline list. */
function urlOf(output: string, title: string, pathPrefix: string): string {
  const file = listedFiles(output, "pages", pathPrefix).find((f) => f.title?.startsWith(title));
  if (!file) throw new Error(`no page titled "${title}" in the offline list`);
  return file.url;
}

function workerVersion(output: string): string {
  const version = /"version":"(\w+)"/.exec(readFileSync(path.join(output, "sw.js"), "utf8"))?.[1];
  if (!version) throw new Error("sw.js names no version");
  return version;
}

/** Pages here load Pagefind's WebAssembly or wait for a worker to activate: longer than a DOM update. */
const poll = <T>(check: () => Promise<T>, timeout = 15_000) => expect.poll(check, { timeout, interval: 100 });

/** First visit: the worker installs and takes control, as it would for a reader who opens the archive once. */
async function firstVisit(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  return page;
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());
const heading = (page: Page) => page.locator("h1").first().textContent();
const searchTitles = (page: Page) => page.locator("#search-results .search-result__title").allTextContents();

for (const pathPrefix of ["/", "/sub/"]) {
  describe.skipIf(!canRun)(`offline reading in Chromium, path prefix ${pathPrefix}`, () => {
    let browser: Browser;
    let server: StaticServer;
    let context: BrowserContext;
    let articles: string;
    let output: string;
    // The site's origin; manifest URLs already carry the path prefix.
    let origin: string;
    const errors: string[] = [];

    beforeAll(async () => {
      articles = mkdtempSync(path.join(tmpdir(), "offline-articles-"));
      cpSync(fixture, articles, { recursive: true });
      // Excerpts of neighbouring articles share a file of the index (searchBundleSize), so a search for one article
      // keeps its neighbours' too: the article never searched for online is moved to a year, and a part, of its own.
      const unvisited = path.join(articles, "mist.md");
      writeFileSync(unvisited, readFileSync(unvisited, "utf8").replace('date: "12 квітня 2024, 14:00"', 'date: "12 квітня 2023, 14:00"'));
      output = buildSite({ articles, pathPrefix });
      server = await serveStatic(output, pathPrefix);
      origin = new URL(server.url).origin;
      browser = await launchBrowser();
      context = await browser.newContext();
      context.on("weberror", (error) => errors.push(error.error().message));
    });
    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
    });

    it("registers one worker for the whole site, scoped to the path prefix, from an external script", async () => {
      const page = await firstVisit(context, `${origin}${urlOf(output, READ, pathPrefix)}`);
      const registration = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.ready;
        return { scope: r.scope, script: r.active?.scriptURL };
      });
      expect(registration).toEqual({ scope: server.url, script: `${server.url}sw.js` });
      // The article page loads no script but the registration.
      const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((el) => el.getAttribute("src")));
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatch(new RegExp(`^${pathPrefix}assets/sw-register\\.[0-9a-f]+\\.js$`));
      expect(await page.locator("script:not([src]):not([type='application/ld+json'])").count()).toBe(0);
      expect(await page.locator("link[rel=manifest]").getAttribute("href")).toBe(`${pathPrefix}manifest.webmanifest`);
      expect(await cacheNames(page)).toContain(`news-archive:${pathPrefix}:shell:${workerVersion(output)}`);
      await page.close();
    });

    it("offline, a read article, the home page and a search already made still open; an unvisited page shows the offline page", async () => {
      // Read an article, open the home page and search while online.
      const page = await context.newPage();
      await page.goto(`${origin}${urlOf(output, READ, pathPrefix)}`);
      await page.goto(server.url);
      await page.goto(`${server.url}search/?q=${encodeURIComponent("огірки")}`);
      await poll(() => searchTitles(page)).toEqual([READ]);

      await context.setOffline(true);
      try {
        await page.goto(`${origin}${urlOf(output, READ, pathPrefix)}`);
        expect(await heading(page)).toBe(READ);
        await page.goto(server.url);
        expect(await page.locator(".card__title").allTextContents()).toContain(READ);
        await page.goto(`${server.url}search/?q=${encodeURIComponent("огірки")}`);
        await poll(() => searchTitles(page)).toEqual([READ]);

        await page.goto(`${origin}${urlOf(output, UNVISITED, pathPrefix)}`);
        expect(await page.locator("html").getAttribute("lang")).toBe("uk");
        expect(await heading(page)).toBe("Читання без інтернету");
        await poll(() => page.locator("#offline-notice").isVisible()).toBe(true);
        expect(await page.locator("#offline-notice").textContent()).toContain("Ви офлайн");
        // Saving needs the network: the control says how much, but waits for a connection.
        await poll(() => page.locator("#offline-size").textContent()).toMatch(/^Розмір: /);
        expect(await page.locator("#offline-save-button").isDisabled()).toBe(true);
        // The page lists what is saved, by title, with working links.
        await poll(() => page.locator("#offline-saved-list a").allTextContents()).toContain(`${READ} — Діалог.UA — архів`);
        await page.locator("#offline-saved-list a", { hasText: READ }).click();
        await poll(() => heading(page)).toBe(READ);
      } finally {
        await context.setOffline(false);
      }
      await page.close();
    });

    it("offline, a search never made online says it covers only what is saved, and links to where more can be saved", async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}search/`);
      await context.setOffline(true);
      try {
        await page.locator("#search-input").fill("Черкасах");
        await page.locator("#search-input").press("Enter");
        await poll(() => page.locator("#search-status").textContent()).toContain("Ви офлайн: пошук охоплює лише збережену частину архіву.");
        expect(await page.locator("#search-status a").getAttribute("href")).toBe(`${pathPrefix}offline/`);
      } finally {
        await context.setOffline(false);
      }
      await page.close();
    });

    it("saves the whole index and every page after showing the size, so anything opens and is found offline; the copy can be removed", async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}offline/`);
      expect(await page.locator("#offline-notice").isHidden()).toBe(true);
      await poll(() => page.locator("#offline-size").textContent()).toMatch(/^Розмір: [\d,  ]+ (кБ|МБ)$/);
      const indexOnly = await page.locator("#offline-size").textContent();
      await page.locator("#offline-include-pages").check();
      expect(await page.locator("#offline-size").textContent()).not.toBe(indexOnly);
      expect(await page.locator("#offline-include-pages-label").textContent()).toMatch(/^Також зберегти всі сторінки \(.+\)$/);
      await page.locator("#offline-save-button").click();
      await poll(() => page.locator("#offline-status").textContent(), 30_000).toBe("Архів збережено. Його можна читати без інтернету.");
      expect(await page.locator("#offline-delete-button").isVisible()).toBe(true);

      await context.setOffline(true);
      try {
        await page.goto(`${origin}${urlOf(output, SAVED_ONLY, pathPrefix)}`);
        expect(await heading(page)).toBe(SAVED_ONLY);
        await page.goto(`${server.url}search/?q=${encodeURIComponent("вишиванки")}`);
        await poll(() => searchTitles(page)).toEqual(["Майстрині з Косова показали вишиванки столітньої давнини"]);
        // A form no article holds needs the saved lemma table too.
        await page.goto(`${server.url}search/?q=${encodeURIComponent("вишиванкою")}`);
        await poll(() => searchTitles(page)).toEqual(["Майстрині з Косова показали вишиванки столітньої давнини"]);
      } finally {
        await context.setOffline(false);
      }

      await page.goto(`${server.url}offline/`);
      await poll(() => page.locator("#offline-delete-button").isVisible()).toBe(true);
      await page.locator("#offline-delete-button").click();
      await poll(() => page.locator("#offline-status").textContent()).toBe("Збережену копію видалено.");
      expect(await cacheNames(page)).not.toContain(`news-archive:${pathPrefix}:saved`);
      await page.close();
    });

    it("after a rebuild with changed content, the reader gets the new version once online, and the old cache is gone", async () => {
      const oldVersion = workerVersion(output);
      const file = path.join(articles, "teplytsi.md");
      writeFileSync(file, readFileSync(file, "utf8").replace(READ, READ_CHANGED));
      buildSite({ articles, pathPrefix, output });
      const newVersion = workerVersion(output);
      expect(newVersion).not.toBe(oldVersion);

      const page = await context.newPage();
      await page.goto(`${origin}${urlOf(output, READ_CHANGED, pathPrefix)}`);
      expect(await heading(page)).toBe(READ_CHANGED);
      await poll(async () => (await cacheNames(page)).filter((name) => name.startsWith(`news-archive:${pathPrefix}:shell:`)))
        .toEqual([`news-archive:${pathPrefix}:shell:${newVersion}`]);

      // And the new text and index are what is kept for offline reading.
      await page.reload();
      await page.goto(`${server.url}search/?q=${encodeURIComponent("урожай")}`);
      await poll(() => searchTitles(page)).toEqual([READ_CHANGED]);
      await context.setOffline(true);
      try {
        await page.goto(`${server.url}search/?q=${encodeURIComponent("урожай")}`);
        await poll(() => searchTitles(page)).toEqual([READ_CHANGED]);
        await page.goto(`${origin}${urlOf(output, READ_CHANGED, pathPrefix)}`);
        expect(await heading(page)).toBe(READ_CHANGED);
        await page.goto(server.url);
        expect(await page.locator(".card__title").allTextContents()).toContain(READ_CHANGED);
      } finally {
        await context.setOffline(false);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
