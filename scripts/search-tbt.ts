/**
 * Total blocking time of the search page opened with a query in its address, in headless Chromium, the way
 * Lighthouse's performance score counts it: every main-thread task after the first contentful paint that runs
 * longer than 50 ms blocks for its excess. The CPU is slowed down 4 times, as Lighthouse's mobile run does.
 *
 *   npx tsx scripts/search-tbt.ts                                   # the search fixture, a few queries
 *   npx tsx scripts/search-tbt.ts --site _site --query "вибори"     # a built site
 *   npx tsx scripts/search-tbt.ts --articles 300 --runs 5           # a generated archive of 300 articles
 *   npx tsx scripts/search-tbt.ts --site _site --attribute          # and what each long task ran
 *
 * The page is traced (Chromium's own timeline, as Lighthouse reads it), and each task counted twice: by its wall
 * time, which a busy machine inflates, and by its thread's CPU time times the slowdown (what it would take alone on
 * a 4× slower CPU), which a shared machine leaves nearly unchanged. `--attribute` adds the scripts and, from a
 * sampling profile, the functions of every long task. Nothing is injected into the page while it is measured
 * (Playwright's helpers would be long tasks of their own). Lighthouse gives full marks for performance only below
 * about 200 ms of total blocking time on its mobile setting; 0–50 ms keeps its score at 100.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, CDPSession } from "playwright-core";
import { flagValue, parseArgs } from "../src/cli.ts";
import { launchBrowser } from "../test/browser.ts";
import { buildSite } from "../test/build-site.ts";
import { serveStatic } from "../test/static-server.ts";
import { generateArticles } from "./lib/generate-articles.ts";
import { medianOf } from "./lib/median.ts";

/** A main-thread task after the first contentful paint. */
interface Task {
  /** Milliseconds after navigation started. */
  start: number;
  /** Its length as measured (see Visit). */
  ms: number;
  /** What the task ran, when asked: scripts and functions by share of the task. */
  attribution?: string;
}

/**
 * One visit: with the CPU slowed down, tasks are measured by wall time, which a busy machine inflates; at full
 * speed, by the main thread's CPU time times the slowdown (what the task would take alone on a slower CPU, as
 * Lighthouse's simulated throttling estimates it), which a shared machine leaves nearly unchanged.
 */
interface Visit {
  blockingMs: number;
  /** Long tasks only. */
  tasks: Task[];
  firstPaintMs: number;
  resultsMs: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { url?: string; frame?: string } };
}

const blocking = (ms: number) => Math.max(0, ms - 50);

async function collectTrace(cdp: CDPSession, attribute: boolean): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (message) => events.push(...(message.value as unknown as TraceEvent[])));
  const categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "loading", "blink.user_timing"];
  if (attribute) categories.push("disabled-by-default-v8.cpu_profiler");
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: categories }, transferMode: "ReportEvents" });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await cdp.send("Tracing.end");
    await complete;
    return events;
  };
}

/** Script and function shares of each task, from the trace's own events and its sampling profile. */
function attributeTasks(events: TraceEvent[], pid: number, tid: number, tasks: { ts: number; dur: number; task: Task }[]): void {
  const shortUrl = (url: unknown) => (typeof url === "string" && url ? url.split("/").pop()!.split("?")[0]! : "");
  const nodes = new Map<number, { callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number }; parent?: number }>();
  const samples: { ts: number; node: number }[] = [];
  const profiles = new Set(events.filter((e) => e.name === "Profile" && e.pid === pid && e.tid === tid).map((e) => e.id));
  let time = Number((events.find((e) => e.name === "Profile" && profiles.has(e.id))?.args?.data?.startTime as number | undefined) ?? 0);
  for (const chunk of events.filter((e) => e.name === "ProfileChunk" && profiles.has(e.id))) {
    const data = chunk.args!.data as { cpuProfile?: { nodes?: (typeof nodes extends Map<number, infer N> ? N & { id: number } : never)[]; samples?: number[] }; timeDeltas?: number[] };
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    (data.cpuProfile?.samples ?? []).forEach((node, i) => samples.push({ ts: (time += data.timeDeltas?.[i] ?? 0), node }));
  }
  const kinds = new Set(["EvaluateScript", "v8.compile", "v8.compileModule", "v8.evaluateModule", "FunctionCall", "TimerFire", "EventDispatch", "RunMicrotasks", "ParseHTML", "ParseAuthorStyleSheet", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "MajorGC", "MinorGC"]);
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && kinds.has(e.name));
  for (const { ts, dur, task } of tasks) {
    const shares = new Map<string, number>();
    for (const e of main) {
      if (e.ts < ts || e.ts + (e.dur ?? 0) > ts + dur) continue;
      const label = `${e.name}${shortUrl(e.args?.data?.url) ? ` ${shortUrl(e.args?.data?.url)}` : ""}`;
      shares.set(label, (shares.get(label) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const functions = new Map<string, number>();
    let counted = 0;
    for (const sample of samples) {
      if (sample.ts < ts || sample.ts > ts + dur) continue;
      // The innermost frame of our own or Pagefind's code, else the innermost frame.
      let node = nodes.get(sample.node);
      const leaf = node;
      while (node && !node.callFrame.url) node = node.parent ? nodes.get(node.parent) : undefined;
      const frame = (node ?? leaf)?.callFrame;
      if (!frame || frame.functionName === "(idle)") continue;
      const label = `${frame.functionName || "(anonymous)"}${frame.url ? `@${shortUrl(frame.url)}:${(frame.lineNumber ?? 0) + 1}:${(frame.columnNumber ?? 0) + 1}` : ""}`;
      functions.set(label, (functions.get(label) ?? 0) + 1);
      counted++;
    }
    const top = (map: Map<string, number>, unit: (v: number) => string) =>
      [...map].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${unit(v)}`).join(", ");
    task.attribution = `events: ${top(shares, (ms) => `${Math.round(ms)} ms`)}${counted ? `\n        functions: ${top(functions, (n) => `${Math.round((100 * n) / counted)}%`)}` : ""}`;
  }
}

/** One visit to `url`, measured until its results are shown and the main thread has been quiet for two seconds. */
export async function measureVisit(browser: Browser, url: string, { cpuSlowdown = 4, throttle = true, attribute = false } = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  // Resolves once the status line speaks: awaited through the protocol, so that no helper script runs in the page.
  await page.addInitScript(() => {
    (window as unknown as { searchAnswered: Promise<number> }).searchAnswered = new Promise((resolve) => {
      document.addEventListener("DOMContentLoaded", () => {
        const status = document.getElementById("search-status")!;
        new MutationObserver(() => status.textContent?.trim() && resolve(performance.now())).observe(status, { childList: true, subtree: true, characterData: true });
      });
    });
  });
  const stopTrace = await collectTrace(cdp, attribute);
  await page.goto(url);
  const answered = await cdp.send("Runtime.evaluate", { expression: "window.searchAnswered", awaitPromise: true, timeout: 60_000 });
  const resultsMs = Number(answered.result.value);
  await page.waitForTimeout(throttle ? 2000 * cpuSlowdown : 2000);
  const events = await stopTrace();
  await context.close();

  const navigation = events.find((e) => e.name === "navigationStart" && e.args?.data?.["isLoadingMainFrame"] && String(e.args.data["documentLoaderURL"] ?? "").startsWith("http"));
  // Chromium's own pages (a new tab's) paint in the same trace: the page's paint is the one of its navigation.
  const paint = events.find((e) => e.name === "firstContentfulPaint" && e.args?.data?.["navigationId"] === navigation?.args?.data?.["navigationId"]);
  if (!navigation || !paint) throw new Error(`search-tbt: the trace of ${url} has no navigation or first paint`);
  const { pid, tid } = paint;
  const runTasks = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.name === "RunTask" && e.ts + e.dur! > paint.ts);
  const tasks = runTasks.map((e) => {
    // A task that began before the first paint counts for its part after it, as Lighthouse counts it.
    const part = Math.min(1, (e.ts + e.dur! - paint.ts) / e.dur!);
    const ms = throttle ? e.dur! : (e.tdur ?? e.dur!) * cpuSlowdown;
    return { ts: e.ts, dur: e.dur!, task: { start: (e.ts - navigation.ts) / 1000, ms: (part * ms) / 1000 } };
  });
  const long = tasks.filter(({ task }) => task.ms > 50);
  if (attribute) attributeTasks(events, pid, tid, long);
  return {
    blockingMs: tasks.reduce((sum, { task }) => sum + blocking(task.ms), 0),
    tasks: long.map(({ task }) => task),
    firstPaintMs: (paint.ts - navigation.ts) / 1000,
    resultsMs,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { runs: "value", query: "value", site: "value", articles: "value", attribute: "switch" });
  const runs = Number(flagValue(args, "runs") ?? 3);
  const attribute = args.flags.has("attribute");
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
      const measured: { wall: Visit; cpu: Visit }[] = [];
      const url = `${server.url}search/?q=${encodeURIComponent(query)}`;
      for (let i = 0; i < runs; i++) {
        const run = { wall: await measureVisit(browser, url, { attribute }), cpu: await measureVisit(browser, url, { throttle: false, attribute }) };
        measured.push(run);
        for (const [name, visit] of Object.entries(run)) {
          const tasks = visit.tasks.map((t) => Math.round(t.ms)).join(", ") || "none";
          console.log(`  ${query}, by ${name} time: blocking ${Math.round(visit.blockingMs)} ms; long tasks ${tasks} ms; first paint ${Math.round(visit.firstPaintMs)} ms, status at ${Math.round(visit.resultsMs)} ms`);
          if (attribute) for (const t of visit.tasks) console.log(`    task at ${Math.round(t.start)} ms, ${Math.round(t.ms)} ms: ${t.attribution}`);
        }
      }
      const wall = medianOf(measured.map((r) => r.wall.blockingMs));
      const cpu = medianOf(measured.map((r) => r.cpu.blockingMs));
      console.log(`${query}: median total blocking time ${Math.round(wall)} ms by wall time, ${Math.round(cpu)} ms by CPU time (4× CPU slowdown, ${runs} runs)`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.filename === process.argv[1]) await main();
