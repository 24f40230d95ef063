import { readdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const canRun = browserAvailable();
const schemes = ["light", "dark"] as const;

type Rgb = [number, number, number];

function parseRgb(value: string): { rgb: Rgb; alpha: number } {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
  if (!match) throw new Error(`cannot read the colour ${value}`);
  return { rgb: [Number(match[1]), Number(match[2]), Number(match[3])], alpha: match[4] === undefined ? 1 : Number(match[4]) };
}

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour of the first element matching `selector` and the first opaque background behind it. */
async function colours(page: Page, selector: string): Promise<{ text: string; background: string }> {
  return page.locator(selector).first().evaluate((element) => {
    let background = "rgb(255, 255, 255)";
    for (let node: Element | null = element; node; node = node.parentElement) {
      const value = getComputedStyle(node).backgroundColor;
      if (value !== "transparent" && !/,\s*0\)$/.test(value)) {
        background = value;
        break;
      }
    }
    return { text: getComputedStyle(element).color, background };
  });
}

async function contrastOf(page: Page, selector: string): Promise<number> {
  const { text, background } = await colours(page, selector);
  const fg = parseRgb(text);
  const bg = parseRgb(background);
  expect(fg.alpha, `${selector} text must be opaque`).toBe(1);
  expect(bg.alpha, `${selector} background must be opaque`).toBe(1);
  return contrast(fg.rgb, bg.rgb);
}

describe.skipIf(!canRun)("theme in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let articleUrl: string;

  beforeAll(async () => {
    const output = buildSite({ articles: "test/fixtures/theme-articles" });
    const month = path.join(output, "2021", "11");
    const slug = readdirSync(month).find((name) => name.startsWith("hryvnia"));
    if (!slug) throw new Error(`the fixture article was not built into ${month}`);
    server = await serveStatic(output);
    articleUrl = `${server.url}2021/11/${slug}/`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(schemes)("article text, links and muted text reach WCAG AA contrast in %s mode", async (colorScheme) => {
    const page = await browser.newPage({ colorScheme });
    await page.goto(articleUrl);
    const checks: Record<string, string> = {
      "body text": ".article__body p",
      "body link": ".article__body a",
      "muted dateline": ".article__meta time",
      "table text": ".article__body td",
      "breadcrumb link": ".breadcrumbs a",
      "masthead link": ".masthead__nav a",
      "search button": ".masthead__search button",
      "footer text": ".site-footer p",
      "footer link": ".site-footer a",
      "tag link": ".tag-list a",
    };
    for (const [what, selector] of Object.entries(checks)) {
      expect.soft(await contrastOf(page, selector), `${what} (${selector}) in ${colorScheme} mode`).toBeGreaterThanOrEqual(4.5);
    }
    // The search field's edge is a user-interface component: 3:1 against the masthead.
    const field = await page.locator(".masthead__search input").evaluate((input) => ({
      border: getComputedStyle(input).borderTopColor,
      masthead: getComputedStyle(input.closest(".masthead")!).backgroundColor,
      field: getComputedStyle(input).backgroundColor,
    }));
    const edge = Math.max(
      contrast(parseRgb(field.border).rgb, parseRgb(field.masthead).rgb),
      contrast(parseRgb(field.field).rgb, parseRgb(field.masthead).rgb),
    );
    expect(edge, `search field edge in ${colorScheme} mode`).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it("shows the skip link on focus and moves focus to the main content", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto(articleUrl);
    const skip = page.locator(".skip-link");
    expect((await skip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    const box = await skip.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(20);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(await skip.evaluate((link) => getComputedStyle(link).outlineWidth !== "0px" || getComputedStyle(link).boxShadow !== "none")).toBe(true);

    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });

  it("runs no script on an article page", async () => {
    const page = await browser.newPage();
    await page.goto(articleUrl);
    const scripts = await page.evaluate(() =>
      [...document.querySelectorAll("script")].map((script) => ({ src: script.getAttribute("src"), type: script.type })),
    );
    // Structured data is not code; a service-worker registration is the one script an article may load.
    const code = scripts.filter((script) => script.type !== "application/ld+json");
    for (const script of code) expect(script.src ?? "an inline script", "a script on the article page").toContain("sw-register");
    await page.close();
  });

  it.each([390, 1280])("does not shift the layout while the article loads, at %ipx", async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    // Pictures arrive after the first layout, as on a slow connection: a box without a reserved size would jump.
    await page.route("**/*.svg", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(articleUrl, { waitUntil: "load" });
    await page.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0));
    // Let the frame after the pictures render, so any shift they cause is recorded.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);
    expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
    await page.close();
  });

  it("prints black on white without navigation, showing where body links lead", async () => {
    const page = await browser.newPage({ colorScheme: "dark" });
    await page.goto(articleUrl);
    await page.emulateMedia({ media: "print" });
    for (const selector of [".masthead__nav", ".masthead__search", ".site-footer", ".breadcrumbs"]) {
      expect(await page.locator(selector).evaluate((element) => getComputedStyle(element).display), selector).toBe("none");
    }
    const body = await colours(page, ".article__body p");
    expect(body).toEqual({ text: "rgb(0, 0, 0)", background: "rgb(255, 255, 255)" });
    const after = await page.locator(".article__body a").evaluate((link) => getComputedStyle(link, "::after").content);
    expect(after).toContain("https://bank.gov.ua/ua/markets/exchangerates");
    await page.close();
  });
});
