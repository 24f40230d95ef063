import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { publishingBuild } from "./publishing-site.ts";
import { htmlPages, pageAddress, read } from "./site-files.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();
const onePixelGif = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

/**
 * The site served the way Netlify or Cloudflare Pages would serve it: under /sub/, with the headers the build
 * wrote in `_headers` for `/sub/*`. Any script, style, worker or WebAssembly the policy blocks shows up as a
 * console error ("Refused to …"), which the tests expect none of.
 */
describe.skipIf(!canRun)("pages under the generated Content-Security-Policy", () => {
  let browser: Browser;
  let server: StaticServer;
  let output: string;
  let csp: string;
  const errors: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) errors.push(`${path}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${path}: ${error.message}`));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      // Article images on other hosts: answered here, since the test has no network.
      if (!url.startsWith(server.url.replace(/\/sub\/$/, ""))) return route.fulfill({ status: 200, contentType: "image/gif", body: onePixelGif });
      try {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
      } catch (error) {
        // A request still in flight when the test closes the page (Pagefind and the service worker fetch ahead).
        if (!page.isClosed()) throw error;
      }
    });
    await page.goto(`${server.url}${path.replace(/^\//, "")}`);
    return page;
  }

  async function close(page: Page): Promise<void> {
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.close();
  }

  beforeEach(() => {
    errors.length = 0;
  });
  beforeAll(async () => {
    output = publishingBuild("/sub/");
    csp = /^\/sub\/\*\n(?:\s+.*\n)*?\s+Content-Security-Policy: (.+)$/m.exec(read(output, "/_headers"))![1]!;
    server = await serveStatic(output, "/sub/");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lets the search page load Pagefind, search and open a result", async () => {
    expect(csp).toContain("'wasm-unsafe-eval'");
    const page = await open("/search/?q=" + encodeURIComponent("січня"));
    const titles = page.locator("#search-results .search-result__title a");
    await expect.poll(() => titles.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await titles.first().click();
    await page.waitForURL(/\/sub\/2023\/01\/[a-z0-9-]+\/$/);
    expect(await page.locator("h1").textContent()).toMatch(/^Новина січня/);
    await close(page);
    expect(errors).toEqual([]);
  });

  it("blocks nothing on the home page, the hostile article, a tag page and the 404 page", async () => {
    const article = htmlPages(output).find((p) => p.includes("/script-alert-"))!;
    for (const path of ["/", pageAddress(article), "/tags/kyiv/", "/404.html"]) {
      const page = await open(path);
      // The stylesheet applied: the skip link is moved off-screen by it.
      await expect.poll(() => page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
      await close(page);
    }
    expect(errors).toEqual([]);
  });
});
