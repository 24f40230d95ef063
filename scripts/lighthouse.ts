/**
 * Lighthouse's performance score of a built site's pages, on its mobile setting (simulated throttling: 4× CPU
 * slowdown, a slow 4G network), with the site served like a CDN (gzip, the site's own `_headers`).
 *
 *   npx tsx scripts/lighthouse.ts --site _site                                  # the home page and a search
 *   npx tsx scripts/lighthouse.ts --site _site "/search/?q=Києві" --runs 3       # pages by their site path
 *   npx tsx scripts/lighthouse.ts --site _site --lighthouse /tmp/lh             # Lighthouse installed elsewhere
 *
 * Lighthouse is no dependency of the package: install it where you like (`npm i --no-save lighthouse`, or
 * `npm i --prefix /tmp/lh lighthouse`) and name that folder with `--lighthouse`. It drives the Chromium the
 * browser tests use. Its simulated total blocking time counts every main-thread task seen after the first paint
 * times four, so a loaded machine inflates it: the load average is printed with every run, and
 * `scripts/search-tbt.ts` gives a figure by CPU time that load leaves nearly unchanged.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { flagValue, parseArgs } from "../src/cli.ts";
import { chromiumPath } from "../test/browser.ts";
import { serveStatic } from "../test/static-server.ts";
import { medianOf } from "./lib/median.ts";

interface Audit {
  numericValue?: number;
  score: number | null;
  details?: { items?: { url?: string; startTime?: number; duration?: number }[] };
}
interface Result {
  lhr: { categories: { performance: { score: number | null } }; audits: Record<string, Audit> };
}
type Lighthouse = (url: string, flags: Record<string, unknown>) => Promise<Result | undefined>;
interface ChromeLauncher {
  launch(options: { chromePath: string; chromeFlags: string[] }): Promise<{ port: number; kill(): Promise<void> | void }>;
}

/** Lighthouse and chrome-launcher from `dir` (a folder they are installed under), else from this project. */
async function loadLighthouse(dir: string | undefined): Promise<{ lighthouse: Lighthouse; launcher: ChromeLauncher }> {
  const from = createRequire(path.join(path.resolve(dir ?? "."), "package.json"));
  try {
    const lighthouse = (await import(pathToFileURL(from.resolve("lighthouse")).href)) as { default: Lighthouse };
    // chrome-launcher comes with Lighthouse.
    const launcher = (await import(pathToFileURL(createRequire(from.resolve("lighthouse")).resolve("chrome-launcher")).href)) as ChromeLauncher;
    return { lighthouse: lighthouse.default, launcher };
  } catch {
    console.error(
      `lighthouse: Lighthouse is not installed${dir ? ` under ${dir}` : " in this project"}. It is no dependency of the package: install it ` +
        "(npm i --prefix /tmp/lh lighthouse) and run again with --lighthouse /tmp/lh.",
    );
    process.exit(2);
  }
}

const METRICS = { fcp: "first-contentful-paint", lcp: "largest-contentful-paint", si: "speed-index", tbt: "total-blocking-time", cls: "cumulative-layout-shift" } as const;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { site: "value", runs: "value", lighthouse: "value" }, "PAGE...");
  const site = flagValue(args, "site") ?? "_site";
  if (!existsSync(path.join(site, "index.html"))) throw new Error(`lighthouse: ${site} holds no built site (npm run build)`);
  if (!existsSync(chromiumPath)) throw new Error(`lighthouse: no Chromium at ${chromiumPath} (apt-get install -y chromium, or CHROMIUM_PATH)`);
  const pages = args.positional.length ? args.positional : ["/", `/search/?q=${encodeURIComponent("Києві")}`];
  const runs = Number(flagValue(args, "runs") ?? 1);
  const { lighthouse, launcher } = await loadLighthouse(flagValue(args, "lighthouse"));
  const server = await serveStatic(path.resolve(site), "/", { hostHeaders: true, gzip: true });
  try {
    for (const page of pages) {
      const url = new URL(page.replace(/^\//, ""), server.url).href;
      const scores: number[] = [];
      for (let run = 0; run < runs; run++) {
        const load = loadavg()[0]!.toFixed(1);
        const chrome = await launcher.launch({ chromePath: chromiumPath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
        let result: Result | undefined;
        try {
          result = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" });
        } finally {
          await chrome.kill();
        }
        if (!result) throw new Error(`lighthouse: no result for ${page}`);
        const { audits } = result.lhr;
        const score = Math.round((result.lhr.categories.performance.score ?? 0) * 100);
        scores.push(score);
        const metrics = Object.entries(METRICS)
          .map(([name, id]) => `${name} ${name === "cls" ? audits[id]!.numericValue!.toFixed(3) : Math.round(audits[id]!.numericValue!)}`)
          .join(", ");
        const tasks = (audits["long-tasks"]?.details?.items ?? []).map((t) => `${(t.url ?? "").split("/").pop() || "?"} ${Math.round(t.duration ?? 0)}`).join(", ");
        console.log(`${page}: score ${score} (${metrics}; load ${load})\n  long tasks (simulated ms): ${tasks || "none"}`);
      }
      if (runs > 1) console.log(`${page}: median score ${medianOf(scores)} of ${runs} runs`);
    }
  } finally {
    await server.close();
  }
}

if (import.meta.filename === process.argv[1]) await main();
