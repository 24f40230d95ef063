import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "./browser.ts";
import { buildSite } from "./build-site.ts";
import { serveStatic, type StaticServer } from "./static-server.ts";

const articles = "test/fixtures/search-articles";
const canRun = browserAvailable();

const KREMLIN = "Заява з Кремля";
const TALKS = "Делегації продовжать переговори";
const METRO = "Київське метро подовжило роботу";
const GRAIN = "Експорт зерна зріс";
const ELECTIONS = "Вибори в громадах";
const PRIZE = "Премію імені Шевченка вручили поетці";

/** Opens pages that record every console error and uncaught exception, which each test expects to be none. */
function pageWatcher(browser: () => Browser) {
  const errors: string[] = [];
  return {
    errors,
    async open(url: string): Promise<Page> {
      const page = await browser().newPage();
      page.on("console", (message) => {
        // Chromium asks every site for /favicon.ico on its own; the archive has none, and that is not the page's error.
        if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) {
          errors.push(`${message.text()} (${message.location().url})`);
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url);
      return page;
    },
  };
}

/** Loading Pagefind's wasm and first chunks can take a few seconds on a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const titles = (page: Page) => page.locator("#search-results .search-result__title").allTextContents();
const status = (page: Page) => page.locator("#search-status").textContent();

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").pressSequentially(query, { delay: 20 });
}

describe.skipIf(!canRun)("search page in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  const watcher = pageWatcher(() => browser);

  beforeAll(async () => {
    const output = buildSite({ articles });
    server = await serveStatic(output);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the right articles as you type, with count, dateline and highlighted excerpt", async () => {
    const page = await watcher.open(`${server.url}search/`);
    await typeQuery(page, "метро");
    await poll(() => titles(page)).toEqual([METRO]);
    expect(await status(page)).toBe("Знайдено 1 статтю");
    expect(await page.locator("#search-status").getAttribute("aria-live")).toBe("polite");
    expect(await page.locator(".search-result__dateline").textContent()).toBe("10 травня 2023, 12:00");
    expect(await page.locator(".search-result__excerpt mark").first().textContent()).toMatch(/^метро/i);
    expect(new URL(page.url()).searchParams.get("q")).toBe("метро");
    expect(await page.locator(".search-result__title a").getAttribute("href")).toBe("/2023/05/kyivske-metro-podovzhylo-robotu/");
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("shows results without moving what is already on screen, on a tall window where the page is short", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.addInitScript(() => {
      const shifts: { value: number; moved: string[] }[] = [];
      (window as unknown as { layoutShifts: typeof shifts }).layoutShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
          // What moved, so that a failure names it.
          const moved = (entry.sources ?? []).map(({ node }) => (node instanceof Element ? `${node.localName}#${node.id}.${node.className}` : String(node?.nodeName)));
          shifts.push({ value: entry.value, moved });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${server.url}search/`);
    // Whether results push the footer depends on when they arrive; a footer out of sight before any arrive never moves in view.
    expect(await page.evaluate(() => document.querySelector(".site-footer")!.getBoundingClientRect().top >= innerHeight)).toBe(true);
    await typeQuery(page, "київський");
    await poll(() => titles(page)).toContain(METRO);
    // Let the frame after the results render, so any shift they cause is recorded.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: { value: number; moved: string[] }[] }).layoutShifts);
    expect(shifts.reduce((sum, shift) => sum + shift.value, 0), JSON.stringify(shifts)).toBe(0);
    await page.close();
  });

  it("finds articles by other forms of the word: Кремлем → Кремля, Кремлі, Кремль; переговорах → переговори", async () => {
    const page = await watcher.open(`${server.url}search/`);
    await typeQuery(page, "Кремлем");
    await poll(async () => (await titles(page)).sort()).toEqual([TALKS, KREMLIN].sort());
    expect(await status(page)).toBe("Знайдено 2 статті");
    await typeQuery(page, "переговорах");
    await page.locator("#search-input").press("Enter");
    await poll(() => titles(page)).toEqual([TALKS]);
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("tells a part without the query's lemma by its index, fetching only the shown results' excerpts", async () => {
    // 2020's part lacks Кремль but holds "крем": Pagefind answers кремльzz there with the article that says крем (the
    // longest indexed word the search word starts with), which must be neither listed nor fetched to be ruled out.
    const page = await browser.newPage();
    const fragments: string[] = [];
    page.on("request", (request) => void (request.url().endsWith(".pf_fragment") && fragments.push(new URL(request.url()).pathname)));
    await page.goto(`${server.url}search/?q=${encodeURIComponent("Кремлем")}`);
    await poll(async () => (await titles(page)).sort()).toEqual([TALKS, KREMLIN].sort());
    expect(await status(page)).toBe("Знайдено 2 статті");
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.filter((p) => !/^\/pagefind\/(2023|2021)\./.test(p))).toEqual([]);
    await page.close();
  });

  it("finds forms the archive never contains and names in other cases, never through a stop word alone", async () => {
    const page = await watcher.open(`${server.url}search/`);
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    // The archive says "громадах" and "Громади", "Женеві", "зерна", "Шевченка", "Ольга", "Кушнірок": never these
    // forms. Кушнірок is a surname the dictionary lacks, declined at build time (src/search/names.ts); the stemmer's
    // prefix of Кушнірком (кушнірк) would not reach it.
    for (const [query, title] of [
      ["громадою", ELECTIONS],
      ["Женевою", TALKS],
      ["зерном", GRAIN],
      ["Шевченко", PRIZE],
      ["Ользі", PRIZE],
      ["Кушнірком", PRIZE],
    ]) {
      await typeQuery(page, query!);
      await poll(() => titles(page)).toEqual([title]);
    }
    // "з" is in several articles; a word no article holds finds nothing through it.
    await typeQuery(page, "заквакали");
    await poll(() => status(page)).toBe("Нічого не знайдено");
    await typeQuery(page, "вибори в громадах");
    await poll(() => titles(page)).toEqual([ELECTIONS]);
    // The lemma table comes in chunks, each fetched once.
    const chunks = fetched.filter((p) => /\/pagefind\/lemmas\.\w+\/\d+\.txt$/.test(p));
    expect(chunks.length).toBeGreaterThan(0);
    expect(new Set(chunks).size).toBe(chunks.length);
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("never finds an article by its dateline: 2024 finds the article that says it, not every article of 2024", async () => {
    // Five articles are dated 2024; one says "2024". Pagefind indexes the words of a record's metadata too.
    const page = await watcher.open(`${server.url}search/?q=2024`);
    await poll(() => titles(page)).toEqual([PRIZE]);
    expect(await status(page)).toBe("Знайдено 1 статтю");
    // As a prefix, "z" would reach the hidden words every article carries (the dateline's, the stemmer's zq…).
    await typeQuery(page, "Z");
    await poll(() => titles(page)).toEqual(["Літера Z на вантажівках"]);
    await page.close();
  });

  it("ranks equal matches newest first", async () => {
    // Three articles of one part of the index, alike but for their dates: Pagefind scores them equally and leaves
    // them in the order it indexed them, oldest first.
    const page = await watcher.open(`${server.url}search/?q=${encodeURIComponent("рятувальник")}`);
    const hrefs = () => page.locator(".search-result__title a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    await poll(hrefs).toEqual(["/2024/04/", "/2024/02/", "/2024/01/"].map((month) => `${month}riatuvalnyky-zahasyly-pozhezhu/`));
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("offers another spelling for a query with no results: a typo, Latin i for і, the English keyboard layout", async () => {
    const page = await watcher.open(`${server.url}search/?q=${encodeURIComponent("переговоир")}`);
    await poll(() => page.locator("#search-suggestion").textContent()).toMatch(/^Можливо, ви мали на увазі «переговор\p{L}*»\?$/u);
    expect(await status(page)).toBe("Нічого не знайдено");
    await page.locator("#search-suggestion a").click();
    await poll(() => titles(page)).toEqual([TALKS]);
    expect(await page.locator("#search-suggestion").isHidden()).toBe(true);
    expect(new URL(page.url()).searchParams.get("q")).toMatch(/^переговор/);
    await typeQuery(page, "vtnhj");
    await poll(() => page.locator("#search-suggestion a").textContent()).toBe("метро");
    await typeQuery(page, "Кремлi");
    await poll(() => page.locator("#search-suggestion a").textContent()).toBe("кремлі");
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("keeps the answer on screen while a slow suggestion loads: the status never goes back to searching", async () => {
    // Requests a service worker answers never reach page.route: this page runs without one.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    // Pagefind loads first, so the search below answers within the delay; no chunk holding "метро" is loaded yet.
    await page.goto(`${server.url}search/?q=${encodeURIComponent("зерна")}`);
    await poll(() => titles(page)).toEqual([GRAIN]);
    // From now on, a chunk of the lemma table asked for once an answer is shown (the suggestion's lookup) arrives
    // well after the search's "searching…" delay (500 ms), as it can on a slow phone or offline.
    await page.route("**/pagefind/lemmas.*/**", async (route) => {
      const shown = await page.locator("#search-status").textContent();
      if (shown === "Нічого не знайдено") await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await typeQuery(page, "vtnhj");
    await poll(() => page.locator("#search-suggestion a").textContent()).toBe("метро");
    expect(await status(page)).toBe("Нічого не знайдено");
    await context.close();
  });

  it("still answers when the lemma table's split prefixes cannot be had, looking forms up by their first three letters", async () => {
    // Offline with a table saved before splits.txt was, say: requests a service worker answers never reach
    // page.route, so this page runs without one.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    let refused = 0;
    await page.route("**/pagefind/lemmas.*/splits.txt", (route) => {
      refused++;
      return route.abort("internetdisconnected");
    });
    // Forms the archive never contains: only the table knows them.
    await page.goto(`${server.url}search/?q=${encodeURIComponent("Женевою")}`);
    await poll(() => titles(page)).toEqual([TALKS]);
    await typeQuery(page, "зерном");
    await poll(() => titles(page)).toEqual([GRAIN]);
    await typeQuery(page, "vtnhj");
    await poll(() => page.locator("#search-suggestion a").textContent()).toBe("метро");
    // Each lookup asks again, as a reader coming back online would want.
    expect(refused).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("finds what it finds without the parts map (every chunk of it refused), only loading fewer parts", async () => {
    const words = [KREMLIN, TALKS, METRO, GRAIN, ELECTIONS, PRIZE].flatMap((title) => title.split(" "));
    const queries = [...new Set([...words, "Києві", "зерном", "Кремлем", "вибори громади", '"Експорт зерна"', "київськ", "2022", "з", "метро&year=2023", "ґвинтокрилами"])];
    const answers = async (refuse: boolean) => {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      let entries = 0;
      page.on("request", (request) => void (new URL(request.url()).pathname.endsWith("/pagefind-entry.json") && entries++));
      if (refuse) await page.route("**/pagefind/lemmas.*/p*.txt", (route) => route.abort("internetdisconnected"));
      const found: string[] = [];
      for (const query of queries) {
        const [q, filter] = query.split("&");
        await page.goto(`${server.url}search/?q=${encodeURIComponent(q!)}${filter ? `&${filter}` : ""}`);
        await poll(() => status(page)).toMatch(/^(Знайдено|Нічого не знайдено)/);
        found.push(`${query}: ${await status(page)}: ${(await titles(page)).join(" | ")}`);
      }
      await context.close();
      return { found, entries };
    };
    const [withMap, without] = [await answers(false), await answers(true)];
    expect(withMap.found).toEqual(without.found);
    expect(withMap.found.filter((line) => line.includes("Знайдено")).length).toBeGreaterThan(queries.length / 2);
    expect(withMap.entries).toBeLessThan(without.entries);
  });

  it("filters by tag and sorts by date, keeping both in the URL", async () => {
    const page = await watcher.open(`${server.url}search/?q=${encodeURIComponent("Кремлем")}`);
    await poll(async () => (await titles(page)).length).toBe(2);
    await page.locator("#search-sort").selectOption("date");
    await poll(() => titles(page)).toEqual([TALKS, KREMLIN]);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("date");
    await page.locator("#search-tag").selectOption("Росія");
    await poll(() => titles(page)).toEqual([KREMLIN]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: "Кремлем", tag: "Росія", sort: "date" });
    // A filter alone lists its articles, newest first.
    await page.locator("#search-input").fill("");
    await page.locator("#search-tag").selectOption("Політика");
    await poll(() => titles(page)).toEqual([ELECTIONS, TALKS, KREMLIN]);
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("opens a ?q= deep link with its filters and goes back and forward between searches", async () => {
    const page = await watcher.open(`${server.url}search/?q=${encodeURIComponent("зерна")}&author=${encodeURIComponent("Петро Шевчук")}`);
    await poll(() => titles(page)).toEqual([GRAIN]);
    expect(await page.locator("#search-input").inputValue()).toBe("зерна");
    expect(await page.locator("#search-author").inputValue()).toBe("Петро Шевчук");

    await typeQuery(page, "метро");
    await page.locator("#search-input").press("Enter");
    await poll(() => titles(page)).toEqual([]);
    expect(await status(page)).toBe("Нічого не знайдено");
    await page.locator("#search-author").selectOption("");
    await poll(() => titles(page)).toEqual([METRO]);

    await page.goBack();
    await poll(() => page.locator("#search-author").inputValue()).toBe("Петро Шевчук");
    expect(await page.locator("#search-input").inputValue()).toBe("метро");
    await page.goBack();
    await poll(() => titles(page)).toEqual([GRAIN]);
    expect(await page.locator("#search-input").inputValue()).toBe("зерна");
    await page.goForward();
    await page.goForward();
    await poll(() => titles(page)).toEqual([METRO]);
    expect(await page.locator("#search-author").inputValue()).toBe("");
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("shows article text as text: a headline's or excerpt's markup is never parsed", async () => {
    const page = await watcher.open(`${server.url}search/?q=${encodeURIComponent("екранування")}`);
    await poll(() => titles(page)).toEqual(["Як писати <b>жирним</b> у Markdown"]);
    expect(await page.locator("#search-results b, #search-results img").count()).toBe(0);
    expect(await page.locator(".search-result__excerpt").textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.locator(".search-result__excerpt mark").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("searches every year's part of the index: filters by year across parts, loads Pagefind's runtime once, and reads only the parts that hold the query's words", async () => {
    const page = await watcher.open(`${server.url}search/`);
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    const config = JSON.parse((await page.locator("#search-config").textContent())!) as { parts: { id: string }[] };
    expect(config.parts.map((p) => p.id)).toEqual(["2024", "2023", "2022", "2021", "2020"]);
    await page.locator("#search-year").selectOption("2021");
    await typeQuery(page, "Кремлем");
    await poll(() => titles(page)).toEqual([KREMLIN]);
    await page.locator("#search-year").selectOption("2023");
    await poll(() => titles(page)).toEqual([TALKS]);
    const entries = () => fetched.filter((p) => p.endsWith("/pagefind-entry.json")).map((p) => p.split("/")[2]!.split(".")[0]);
    await page.locator("#search-year").selectOption("");
    await typeQuery(page, "ґвинтокрилами");
    await poll(() => status(page)).toBe("Нічого не знайдено");
    // The loader, worker and WebAssembly come from one part, the primary (the oldest), whose metadata Pagefind
    // reads when it starts. Of the other parts, only the year searched: a word no part holds loads none.
    expect(fetched.filter((p) => /\/wasm\.\w+\.pagefind$/.test(p))).toHaveLength(1);
    expect(entries()).toEqual(["2020", "2021", "2023"]);
    expect(fetched.some((p) => /\/lemmas\.\w+\/p\d+\.txt$/.test(p))).toBe(true);
    expect(watcher.errors).toEqual([]);
    await page.close();
  });

  it("is reached from the search field in an article page's header, and article pages do not load the search script", async () => {
    const page = await watcher.open(`${server.url}2022/03/eksport-zerna-zris/`);
    expect(await page.locator('script[src*="/assets/search."]').count()).toBe(0);
    await page.locator("#site-search").fill("зерно");
    await page.locator("#site-search").press("Enter");
    await page.waitForURL(/\/search\/\?q=/);
    await poll(() => titles(page)).toEqual([GRAIN]);
    expect(watcher.errors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!canRun)("search page under a path prefix", () => {
  let browser: Browser;
  let server: StaticServer;
  const watcher = pageWatcher(() => browser);

  beforeAll(async () => {
    const output = buildSite({ articles, pathPrefix: "/sub/" });
    server = await serveStatic(output, "/sub/");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads the index and links results under /sub/", async () => {
    expect(server.url).toMatch(/\/sub\/$/);
    const page = await watcher.open(`${server.url}search/?q=${encodeURIComponent("Кремлем")}&sort=date`);
    await poll(() => titles(page)).toEqual([TALKS, KREMLIN]);
    const hrefs = await page.locator(".search-result__title a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["/sub/2023/02/delehatsii-prodovzhat-perehovory/", "/sub/2021/12/zaiava-z-kremlia/"]);
    await page.locator(".search-result__title a").first().click();
    await page.waitForURL(/\/sub\/2023\/02\//);
    expect(await page.locator("h1").textContent()).toBe(TALKS);
    expect(watcher.errors).toEqual([]);
    await page.close();
  });
});
