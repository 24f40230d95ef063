/**
 * Total blocking time of the search page opened with a query in its address, in headless Chromium, the way
 * Lighthouse's performance score counts it: every main-thread task after the first contentful paint that runs
 * longer than 50 ms blocks for its excess. The CPU is slowed down 4 times, as Lighthouse's mobile run does.
 *
 *   npx tsx scripts/search-tbt.ts                                   # the search fixture, a few queries
 *   npx tsx scripts/search-tbt.ts --site _site --query "вибори"     # a built site
 *   npx tsx scripts/search-tbt.ts --articles 300 --runs 5           # a generated archive of 300 articles
 *
 * Prints each run's long tasks and the median total blocking time per query. Lighthouse gives full marks for
 * performance only below about 200 ms of total blocking time on its mobile setting.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { flagValue, parseArgs } from "../src/cli.ts";
import { launchBrowser } from "../test/browser.ts";
import { buildSite } from "../test/build-site.ts";
import { serveStatic } from "../test/static-server.ts";
import { generateArticles } from "./lib/generate-articles.ts";

interface Run {
  blockingMs: number;
  longTasks: number[];
  firstPaintMs: number;
  resultsMs: number;
}

/** One visit to `url`, measured until its results are shown and the main thread has been quiet for a second. */
export async function measureVisit(browser: Browser, url: string, cpuSlowdown = 4): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent?.trim(), undefined, { timeout: 60_000 });
  const resultsMs = await page.evaluate(() => performance.now());
  // Quiet for a second: the last long task has ended.
  let seen = -1;
  for (;;) {
    const count = await page.evaluate(() => (window as unknown as { longTasks: unknown[] }).longTasks.length);
    if (count === seen) break;
    seen = count;
    await page.waitForTimeout(1000);
  }
  const { tasks, paint } = await page.evaluate(() => ({
    tasks: (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks,
    paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
  }));
  await context.close();
  // A task that began before the first paint counts for its part after it, as Lighthouse counts it.
  const blocking = tasks.map((t) => (t.start + t.duration <= paint ? 0 : Math.max(0, Math.min(t.duration, t.start + t.duration - paint) - 50)));
  return { blockingMs: blocking.reduce((a, b) => a + b, 0), longTasks: tasks.map((t) => Math.round(t.duration)), firstPaintMs: paint, resultsMs };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { runs: "value", query: "value", site: "value", articles: "value" });
  const runs = Number(flagValue(args, "runs") ?? 3);
  const queries = flagValue(args, "query") ? [flagValue(args, "query")!] : ["Кремлем", "вибори в громадах", "переговоир"];
  let site = flagValue(args, "site");
  if (!site) {
    const generated = flagValue(args, "articles");
    let articles = "test/fixtures/search-articles";
    if (generated) {
      articles = path.join(mkdtempSync(path.join(tmpdir(), "search-tbt-")), "articles");
      generateArticles(articles, Number(generated));
    }
    console.log(`building ${articles}…`);
    site = buildSite({ articles });
  }
  const server = await serveStatic(path.resolve(site), "/", { hostHeaders: true });
  const browser = await launchBrowser();
  try {
    for (const query of queries) {
      const measured: Run[] = [];
      for (let i = 0; i < runs; i++) measured.push(await measureVisit(browser, `${server.url}search/?q=${encodeURIComponent(query)}`));
      for (const run of measured) {
        console.log(`  ${query}: blocking ${Math.round(run.blockingMs)} ms; long tasks ${run.longTasks.join(", ") || "none"} ms; first paint ${Math.round(run.firstPaintMs)} ms, status at ${Math.round(run.resultsMs)} ms`);
      }
      const sorted = measured.map((r) => r.blockingMs).sort((a, b) => a - b);
      console.log(`${query}: median total blocking time ${Math.round(sorted[sorted.length >> 1]!)} ms (4× CPU slowdown, ${runs} runs)`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.filename === process.argv[1]) await main();
