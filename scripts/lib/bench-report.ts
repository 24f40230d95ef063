import { queryFileKinds, type FirstQuery } from "./first-query.ts";
import type { FirstVisit } from "./first-visit.ts";
import type { HostFiles, OutputSize } from "./output-files.ts";
import { SAMPLE_INTERVAL_MS, type ProcessPeak, type TreeUsage } from "./process-tree.ts";

// The bench's results as Markdown tables: the same text goes to the terminal and, with --markdown, into a file
// that can be pasted into the README.

export interface Timed {
  seconds: number;
  outcome: string;
}

export interface BuildResult extends Timed {
  memory: TreeUsage;
  output: OutputSize;
}

export interface SizeResult {
  articles: number;
  /** Absent when the bench was told to skip it at this size (`--baseline-up-to`). */
  baseline?: BuildResult;
  archive: BuildResult & { phases: Record<string, number> | undefined; reader?: { firstVisit: FirstVisit; host: HostFiles; firstQuery?: FirstQueryFigures[] } };
  /** Rebuilds after one change each, in the order made; empty when the cold build failed. */
  rebuilds: { change: string; run: Timed }[];
  /** Whether the last rebuild wrote what a cold build of the same articles writes; undefined when not checked. */
  identical: string | undefined;
}

/** What the bench keeps of a first search (lib/first-query.ts): the totals, by kind and by part. */
export type FirstQueryFigures = Omit<FirstQuery, "files">;

const NONE = "–";

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Seconds when the run succeeded, otherwise how it ended ("OOM after 41.0 s"). */
export function formatRun(run: Timed): string {
  return run.outcome === "ok" ? formatSeconds(run.seconds) : `${run.outcome} after ${formatSeconds(run.seconds)}`;
}

function ratio(a: Timed, b: Timed | undefined): string {
  return b && a.outcome === "ok" && b.outcome === "ok" ? `${(a.seconds / b.seconds).toFixed(2)}×` : NONE;
}

export function largestProcess(memory: TreeUsage): ProcessPeak | undefined {
  return memory.processes.reduce<ProcessPeak | undefined>((top, p) => (!top || p.peakKb > top.peakKb ? p : top), undefined);
}

/** Pagefind runs as its own binary (pagefind_extended); its peak is reported apart from Node's. */
export function pagefindPeakKb(memory: TreeUsage): number | undefined {
  const peaks = memory.processes.filter((p) => /pagefind/i.test(p.name)).map((p) => p.peakKb);
  return peaks.length ? Math.max(...peaks) : undefined;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The archive's time against the first size's, beside how many times the articles: linear when the two agree. */
function scaling(first: SizeResult, { articles, archive }: SizeResult): string {
  if (articles === first.articles) return NONE;
  const times = ratio(archive, first.archive);
  return times === NONE ? NONE : `${times} for ${formatCount(Number((articles / first.articles).toFixed(2)))}× the articles`;
}

function timeTable(results: readonly SizeResult[]): string {
  const cpu = (run: BuildResult): Timed => ({ seconds: run.memory.cpuSeconds, outcome: run.outcome });
  return markdownTable(
    ["articles", "baseline", "archive", "ratio", "baseline CPU", "archive CPU", "CPU ratio", `archive against ${formatCount(results[0]?.articles ?? 0)}`],
    results.map((result) => {
      const { articles, baseline, archive } = result;
      return [
        formatCount(articles),
        baseline ? formatRun(baseline) : NONE,
        formatRun(archive),
        ratio(archive, baseline),
        baseline ? formatSeconds(baseline.memory.cpuSeconds) : NONE,
        formatSeconds(archive.memory.cpuSeconds),
        ratio(cpu(archive), baseline && cpu(baseline)),
        scaling(results[0]!, result),
      ];
    }),
  );
}

function memoryTable(results: readonly SizeResult[]): string {
  return markdownTable(
    ["articles", "baseline", "archive, all processes", "largest archive process", "Pagefind"],
    results.map(({ articles, baseline, archive }) => {
      const top = largestProcess(archive.memory);
      const pagefind = pagefindPeakKb(archive.memory);
      return [
        formatCount(articles),
        baseline ? formatBytes(baseline.memory.totalKb * 1024) : NONE,
        formatBytes(archive.memory.totalKb * 1024),
        top ? `${top.name}: ${formatBytes(top.peakKb * 1024)}` : NONE,
        pagefind === undefined ? NONE : formatBytes(pagefind * 1024),
      ];
    }),
  );
}

/** The archive's CPU time by program, processes of the same program (Eleventy's parts) added up. */
function cpuTable(results: readonly SizeResult[]): string {
  const byName = (memory: TreeUsage) => {
    const sums = new Map<string, number>();
    for (const p of memory.processes) sums.set(p.name, (sums.get(p.name) ?? 0) + p.cpuSeconds);
    return sums;
  };
  const names = [...new Set(results.flatMap((r) => [...byName(r.archive.memory)].filter(([, s]) => s >= 0.5).map(([n]) => n)))];
  return markdownTable(
    ["articles", ...names],
    results.map((r) => {
      const sums = byName(r.archive.memory);
      return [formatCount(r.articles), ...names.map((name) => (sums.has(name) ? formatSeconds(sums.get(name)!) : NONE))];
    }),
  );
}

function phaseTable(results: readonly SizeResult[]): string {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.archive.phases ?? {})))];
  if (names.length === 0) return markdownTable(["articles", "archive phases"], results.map((r) => [formatCount(r.articles), NONE]));
  return markdownTable(
    ["articles", ...names],
    results.map((r) => [formatCount(r.articles), ...names.map((name) => (r.archive.phases?.[name] === undefined ? NONE : formatSeconds(r.archive.phases[name])))]),
  );
}

function outputTable(results: readonly SizeResult[]): string {
  return markdownTable(
    ["articles", "baseline files", "baseline size", "archive files", "archive size", "largest archive file"],
    results.map(({ articles, baseline, archive }) => [
      formatCount(articles),
      baseline ? formatCount(baseline.output.files) : NONE,
      baseline ? formatBytes(baseline.output.bytes) : NONE,
      formatCount(archive.output.files),
      formatBytes(archive.output.bytes),
      archive.output.largest ? `${archive.output.largest.file} (${formatBytes(archive.output.largest.bytes)})` : NONE,
    ]),
  );
}

/** What one reader and one host pay: a first visit to an article, and the files a host must accept. */
function readerTable(results: readonly SizeResult[]): string {
  return markdownTable(
    ["articles", "first visit to an article", "of it, the worker's install", "first search", "files served", "per article, without listings", "largest file served"],
    results.map(({ articles, archive }) => {
      const reader = archive.reader;
      if (!reader) return [formatCount(articles), NONE, NONE, NONE, NONE, NONE, NONE];
      const { firstVisit, host, firstQuery } = reader;
      return [
        formatCount(articles),
        `${formatBytes(firstVisit.bytes)} in ${firstVisit.files} files`,
        formatBytes(firstVisit.install),
        firstQuery?.length ? firstQuery.map((q) => `"${q.query}": ${formatBytes(q.bytes)} in ${q.requests} requests`).join("; ") : NONE,
        formatCount(host.files),
        ((host.files - host.listings) / articles).toFixed(2),
        host.largest ? `${host.largest.file} (${formatBytes(host.largest.bytes)})` : NONE,
      ];
    }),
  );
}

/** The first search's bytes by kind of file, and the number of index parts it fetched from, per size and query. */
function firstQueryTable(results: readonly SizeResult[]): string {
  const rows = results.flatMap(({ articles, archive }) =>
    (archive.reader?.firstQuery ?? []).map((q) => [
      formatCount(articles),
      `"${q.query}"`,
      formatCount(q.byPart.length),
      ...queryFileKinds.map((kind) => (q.byKind[kind].requests ? `${formatBytes(q.byKind[kind].bytes)} (${q.byKind[kind].requests})` : NONE)),
      formatBytes(q.bytes),
    ]),
  );
  return markdownTable(["articles", "query", "parts", ...queryFileKinds, "total"], rows);
}

function incrementalTable(results: readonly SizeResult[]): string {
  const changes = [...new Set(results.flatMap((r) => r.rebuilds.map((b) => b.change)))];
  return markdownTable(
    ["articles", "cold build", ...changes, "identical to a cold build"],
    results.map((r) => [
      formatCount(r.articles),
      formatRun(r.archive),
      ...changes.map((change) => {
        const rebuild = r.rebuilds.find((b) => b.change === change);
        return rebuild ? `${formatRun(rebuild.run)} (${ratio(rebuild.run, r.archive)})` : NONE;
      }),
      r.identical ?? NONE,
    ]),
  );
}

export function benchReport(results: readonly SizeResult[]): string {
  return [
    "Wall time, and CPU time of all processes (which others' load on the machine barely moves):",
    timeTable(results),
    `Peak memory (resident, sampled from /proc every ${SAMPLE_INTERVAL_MS} ms):`,
    memoryTable(results),
    "CPU time of the archive's cold build by process (all processes of one program added up):",
    cpuTable(results),
    "Archive build phases (from NEWS_ARCHIVE_TIMINGS):",
    phaseTable(results),
    "Output:",
    outputTable(results),
    "Reader's cost and host limits (first visit: the page, what it loads and the service worker's install, uncompressed):",
    readerTable(results),
    "First search, /search/?q=… in Chromium with an empty cache until the results are shown: bytes (requests) by kind of file:",
    firstQueryTable(results),
    "Rebuilds after one change each, in this order (ratio to the cold build):",
    incrementalTable(results),
  ].join("\n\n");
}
