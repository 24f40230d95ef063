/**
 * `npm run bench -- [--sizes 1000,10000] [--markdown FILE] [--no-verify] [--keep] [--baseline-up-to N]`: for each
 * size, generates that many articles and builds them twice, as a user would and with Node's default memory limits — once as the archive
 * (`news-archive build`, compiled by `npm run bench`'s compile step) and once as a plain Eleventy news blog (the baseline, see lib/baseline-site.ts) — then
 * rebuilds the archive after adding, retitling and deleting one article. Prints wall time, time per build phase,
 * peak memory of every process, output size, and ratios: ratios travel between machines; seconds don't.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { flagValue, parseArgs, UsageError } from "../src/cli.ts";
import { writeBaselineSite } from "./lib/baseline-site.ts";
import { benchReport, formatRun, type BuildResult, type FirstQueryFigures, type SizeResult } from "./lib/bench-report.ts";
import { articleFile, generateArticles, writeArticle } from "./lib/generate-articles.ts";
import { firstQuery } from "./lib/first-query.ts";
import { firstVisit } from "./lib/first-visit.ts";
import { differingFiles, hashFiles, hostFiles, outputSize } from "./lib/output-files.ts";
import { runMeasured, type MeasuredRun } from "./lib/run-measured.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const eleventyCli = path.join(repoRoot, "node_modules", "@11ty", "eleventy", "cmd.cjs");

/** Flags the bench passes when the build knows them; a build that rejects one as unknown is run without it. */
const OPTIONAL_FLAGS = ["--quiet", "--no-cache"];
const unsupportedFlags = new Set<string>();

function machine(): string {
  const cpus = os.cpus();
  return `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, Node ${process.version}`;
}

function log(message: string): void {
  console.error(message);
}

function reportFailure(what: string, run: MeasuredRun): void {
  if (run.outcome !== "ok") log(`${what} ended with ${run.outcome}; end of its stderr:\n${run.stderr.slice(-3000)}`);
}

/** `npm run build -- --articles A --output O`, as `node dist/bin.js build`; `cold` asks it to ignore its cache. */
async function buildArchive(articles: string, output: string, cold: boolean, timings?: string): Promise<MeasuredRun> {
  const wanted = cold ? OPTIONAL_FLAGS : OPTIONAL_FLAGS.filter((flag) => flag !== "--no-cache");
  const flags = wanted.filter((flag) => !unsupportedFlags.has(flag));
  const run = await runMeasured(["dist/bin.js", "build", ...flags, "--articles", articles, "--output", output], {
    cwd: repoRoot,
    ...(timings ? { env: { NEWS_ARCHIVE_TIMINGS: timings } } : {}),
  });
  const rejected = /unknown flag (--[\w-]+)/.exec(run.stderr)?.[1];
  if (run.outcome === "ok" || !rejected || !flags.includes(rejected)) return run;
  log(`the build does not know ${rejected}; running it without`);
  unsupportedFlags.add(rejected);
  return buildArchive(articles, output, cold, timings);
}

/** The phases the build timed, or undefined when it wrote no report (builds before issue 10 don't). */
function readPhases(file: string): Record<string, number> | undefined {
  if (!existsSync(file)) return undefined;
  const { phases } = JSON.parse(readFileSync(file, "utf8")) as { phases?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(phases ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

async function measureBaseline(work: string, articles: string): Promise<BuildResult> {
  const site = writeBaselineSite(path.join(work, "baseline"), articles);
  const output = path.join(work, "baseline-out");
  const run = await runMeasured([eleventyCli, "--quiet", "--input=.", `--output=${output}`], { cwd: site });
  reportFailure("the baseline", run);
  return { ...run, output: outputSize(output) };
}

/** The first search's download (lib/first-query.ts), or undefined with a message when Chromium cannot run it. */
async function measureFirstQuery(size: number, output: string): Promise<FirstQueryFigures[] | undefined> {
  try {
    return (await firstQuery(output)).map(({ files: _files, ...figures }) => figures);
  } catch (error) {
    log(`${size}: the first search was not measured: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

/** The three edits of the incremental case, each followed by a rebuild; article numbers are fixed so reruns compare. */
function changes(articles: string, size: number): { change: string; apply(): void }[] {
  const retitled = path.join(articles, articleFile(Math.floor(size / 2), size).file);
  return [
    { change: "add one article", apply: () => writeArticle(articles, size, size) },
    {
      change: "edit a title",
      apply: () => writeFileSync(retitled, readFileSync(retitled, "utf8").replace(/^title: "(.*)"$/m, 'title: "$1 (оновлено)"')),
    },
    { change: "delete one article", apply: () => rmSync(path.join(articles, articleFile(Math.floor(size / 3), size).file)) },
  ];
}

/** Whether `output` holds what a cold build of the same articles writes, file by file. */
async function checkIdentical(work: string, articles: string, output: string): Promise<string> {
  const coldOutput = path.join(work, "out-cold");
  const cold = await buildArchive(articles, coldOutput, true);
  reportFailure("the cold build for comparison", cold);
  if (cold.outcome !== "ok") return `not checked (cold build: ${cold.outcome})`;
  const differing = differingFiles(hashFiles(output), hashFiles(coldOutput));
  return differing.length === 0 ? "yes" : `no: ${differing.length} differ, e.g. ${differing.slice(0, 3).join(", ")}`;
}

async function measureSize(size: number, verify: boolean, keep: boolean, baselineUpTo: number): Promise<SizeResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), `bench-${size}-`));
  const articles = path.join(work, "articles");
  log(`${size}: generating articles in ${work}`);
  generateArticles(articles, size);

  // The plain Eleventy site takes 40 minutes at 100,000 articles: a run about the archive's own scaling can skip it.
  const baseline = size <= baselineUpTo ? await measureBaseline(work, articles) : undefined;
  log(`${size}: baseline ${baseline ? formatRun(baseline) : "skipped (--baseline-up-to)"}`);

  const output = path.join(work, "out");
  const timings = path.join(work, "timings.json");
  const cold = await buildArchive(articles, output, true, timings);
  reportFailure("the archive build", cold);
  const reader = cold.outcome === "ok" ? { firstVisit: firstVisit(output), host: hostFiles(output), firstQuery: await measureFirstQuery(size, output) } : undefined;
  const archive = { ...cold, output: outputSize(output), phases: readPhases(timings), ...(reader ? { reader } : {}) };
  log(`${size}: archive ${formatRun(archive)}`);

  const rebuilds: SizeResult["rebuilds"] = [];
  let identical: string | undefined;
  if (cold.outcome === "ok") {
    for (const { change, apply } of changes(articles, size)) {
      apply();
      const run = await buildArchive(articles, output, false);
      reportFailure(`the rebuild after "${change}"`, run);
      rebuilds.push({ change, run });
      log(`${size}: ${change}, rebuilt in ${formatRun(run)}`);
    }
    if (verify) identical = await checkIdentical(work, articles, output);
  }

  if (keep) log(`${size}: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  return { articles: size, ...(baseline ? { baseline } : {}), archive, rebuilds, identical };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { sizes: "value", markdown: "value", "no-verify": "switch", keep: "switch", "baseline-up-to": "value" });
  const baselineUpTo = Number(flagValue(args, "baseline-up-to") ?? Infinity);
  if (Number.isNaN(baselineUpTo)) throw new UsageError("--baseline-up-to takes an article count, e.g. --baseline-up-to 10000");
  const sizes = (flagValue(args, "sizes") ?? "1000,10000").split(",").map(Number);
  if (!sizes.every((size) => Number.isInteger(size) && size > 3)) throw new UsageError("--sizes takes article counts above 3, e.g. --sizes 1000,10000");
  const markdown = flagValue(args, "markdown");
  const header = machine();
  console.log(header + "\n");
  const results: SizeResult[] = [];
  for (const size of sizes) {
    results.push(await measureSize(size, !args.flags.has("no-verify"), args.flags.has("keep"), baselineUpTo));
    // Written after every size, so a long run that is stopped still leaves the sizes it finished.
    if (markdown) writeFileSync(markdown, `${header}\n\n${benchReport(results)}\n`);
  }
  console.log(benchReport(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
