import { describe, expect, it } from "vitest";
import { benchReport, formatBytes, markdownTable, pagefindPeakKb, type SizeResult } from "../scripts/lib/bench-report.ts";
import { tallyFiles } from "../scripts/lib/first-query.ts";
import { articleFile, AUTHOR_COUNT, TAG_COUNT } from "../scripts/lib/generate-articles.ts";
import { differingFiles, isListingFile } from "../scripts/lib/output-files.ts";
import { descendants, parseStat, parseStatus, processName } from "../scripts/lib/process-tree.ts";
import { outcomeOf, runMeasured } from "../scripts/lib/run-measured.ts";

describe("generated articles", () => {
  const count = 300;
  const articles = Array.from({ length: count }, (_, i) => articleFile(i, count));
  const field = (text: string, name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(text)![1]!;

  it("are the same on every run, and adding one leaves the others as they were", () => {
    expect(articleFile(7, count)).toEqual(articles[7]);
    expect(articleFile(count, count).text).not.toBe(articles[count - 1]!.text);
  });

  it("average about 7 KB of Markdown, by at most twelve authors and two hundred tags, over 2006–2026", () => {
    const bytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0) / count;
    expect(bytes).toBeGreaterThan(6500);
    expect(bytes).toBeLessThan(7500);
    expect(new Set(articles.map((a) => field(a.text, "author"))).size).toBeLessThanOrEqual(AUTHOR_COUNT);
    const tags = new Set(articles.flatMap((a) => field(a.text, "tags").slice(1, -1).split(", ")));
    expect(tags.size).toBeGreaterThan(100);
    expect(tags.size).toBeLessThanOrEqual(TAG_COUNT);
    expect(articles[0]!.file).toMatch(/^2006\//);
    expect(articles[count - 1]!.file).toMatch(/^2025\//);
  });
});

describe("process tree", () => {
  it("reads a command that holds spaces and parentheses", () => {
    const stat = "4242 (my (odd) cmd) S 17 4242 17 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0";
    expect(parseStat(stat)).toEqual({ pid: 4242, ppid: 17, comm: "my (odd) cmd", cpuSeconds: 3 });
  });

  it("reads current and peak resident memory", () => {
    expect(parseStatus("Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n")).toEqual({ rssKb: 102400, hwmKb: 204800 });
    expect(parseStatus("Name:\tpagefind_extend\nState:\tZ (zombie)\n")).toBeUndefined();
  });

  it("finds grandchildren and leaves other processes out", () => {
    const parents = new Map([[10, 1], [11, 10], [12, 11], [13, 1], [14, 13]]);
    expect(descendants(10, parents).sort()).toEqual([10, 11, 12]);
  });

  it("names Node processes after their script", () => {
    expect(processName("node", ["node", "--import", "tsx", "/repo/scripts/build.ts", "--quiet"])).toBe("node build.ts");
    expect(processName("pagefind_extend", ["/x/pagefind_extended", "--service"])).toBe("pagefind_extended");
    expect(processName("kworker", [""])).toBe("kworker");
  });

  it("measures the peak of a child process, apart from its parent", async () => {
    const child = `const b = Buffer.alloc(150 * 1024 * 1024, 1); setTimeout(() => b.length, 600)`;
    const parent = `require("node:child_process").spawnSync(process.execPath, ["-e", ${JSON.stringify(child)}], { stdio: "inherit" })`;
    const run = await runMeasured(["-e", parent]);
    expect(run.outcome).toBe("ok");
    expect(run.memory.processes).toHaveLength(2);
    const peaks = run.memory.processes.map((p) => p.peakKb).sort((a, b) => a - b);
    expect(peaks[0]).toBeLessThan(100 * 1024);
    expect(peaks[1]).toBeGreaterThan(150 * 1024);
    expect(run.memory.totalKb).toBeGreaterThan(peaks[1]!);
    expect(run.memory.cpuSeconds).toBeGreaterThan(0);
  });
});

describe("bench report", () => {
  it("tells running out of heap from other failures", () => {
    expect(outcomeOf(null, "SIGABRT", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory")).toBe("OOM");
    expect(outcomeOf(1, null, "<--- JS stacktrace --->\nFATAL ERROR: ... JavaScript heap out of memory")).toBe("OOM");
    expect(outcomeOf(null, "SIGKILL", "")).toBe("SIGKILL");
    expect(outcomeOf(1, null, "Error: boom")).toBe("exit 1");
    expect(outcomeOf(0, null, "")).toBe("ok");
  });

  it("reports OOM when a child process runs out of heap, as Node prints it", async () => {
    const child = "const a = []; for (;;) a.push({ x: Math.random() })";
    const parent = `require("node:child_process").execFileSync(process.execPath, ["--max-old-space-size=40", "-e", ${JSON.stringify(child)}], { stdio: "inherit" })`;
    expect((await runMeasured(["-e", parent])).outcome).toBe("OOM");
  });

  it("finds files that differ, are missing or are extra", () => {
    const a = new Map([["a.html", "1"], ["b.html", "2"], ["c.html", "3"]]);
    const b = new Map([["a.html", "1"], ["b.html", "x"], ["d.html", "4"]]);
    expect(differingFiles(a, b)).toEqual(["b.html", "c.html", "d.html"]);
  });

  it("formats sizes and escapes table cells", () => {
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1.50 GB");
    expect(markdownTable(["a", "b"], [["x|y", "z"]])).toBe("| a | b |\n| --- | --- |\n| x\\|y | z |");
  });

  it("reports a build that ran out of memory without ratios, and phases it was given", () => {
    const memory = {
      processes: [
        { pid: 2, name: "node build.ts", peakKb: 4_000_000, cpuSeconds: 100 },
        { pid: 3, name: "pagefind_extended", peakKb: 700_000, cpuSeconds: 150 },
        { pid: 4, name: "node part-worker.js", peakKb: 300_000, cpuSeconds: 120 },
        { pid: 5, name: "node part-worker.js", peakKb: 300_000, cpuSeconds: 130 },
      ],
      totalKb: 4_500_000,
      cpuSeconds: 500,
    };
    const output = { files: 0, bytes: 0, largest: undefined };
    const result: SizeResult = {
      articles: 100_000,
      baseline: { seconds: 300, outcome: "ok", memory, output },
      archive: { seconds: 400, outcome: "OOM", memory, output, phases: { rendering: 120.5 } },
      rebuilds: [],
      identical: undefined,
    };
    const report = benchReport([result]);
    expect(pagefindPeakKb(memory)).toBe(700_000);
    expect(report).toContain("| 100,000 | 300.0 s | OOM after 400.0 s | – | 500.0 s | 500.0 s | – |");
    expect(report).toContain("node build.ts: 3.81 GB");
    expect(report).toContain("| articles | rendering |\n| --- | --- |\n| 100,000 | 120.5 s |");
    // CPU by program: Eleventy's parts added up.
    expect(report).toContain("| articles | node build.ts | pagefind_extended | node part-worker.js |\n| --- | --- | --- | --- |\n| 100,000 | 100.0 s | 150.0 s | 250.0 s |");
  });

  it("reports a size whose baseline was skipped, and each size's archive time against the first size's", () => {
    const memory = { processes: [], totalKb: 1_048_576, cpuSeconds: 50 };
    const output = { files: 3, bytes: 1, largest: undefined };
    const run = (articles: number, seconds: number, baseline?: number): SizeResult => ({
      articles,
      ...(baseline === undefined ? {} : { baseline: { seconds: baseline, outcome: "ok", memory, output } }),
      archive: { seconds, outcome: "ok", memory, output, phases: undefined },
      rebuilds: [],
      identical: undefined,
    });
    const report = benchReport([run(10_000, 60, 30), run(100_000, 630)]);
    expect(report).toContain("| articles | baseline | archive | ratio | baseline CPU | archive CPU | CPU ratio | archive against 10,000 |");
    expect(report).toContain("| 10,000 | 30.0 s | 60.0 s | 2.00× | 50.0 s | 50.0 s | 1.00× | – |");
    expect(report).toContain("| 100,000 | – | 630.0 s | – | – | 50.0 s | – | 10.50× for 10× the articles |");
    expect(report).toContain("| 100,000 | – | 1.00 GB |");
  });

  it("reports a reader's first visit, the files a host serves, per article without listings, and the largest", () => {
    const memory = { processes: [], totalKb: 1, cpuSeconds: 1 };
    const output = { files: 0, bytes: 0, largest: undefined };
    const reader = {
      firstVisit: { article: "/2021/01/a/", page: 40_000, install: 73_000, bytes: 113_000, files: 14 },
      host: { files: 18_000, listings: 6_500, largest: { file: "sitemap.xml", bytes: 2_500_000 } },
    };
    const report = benchReport([
      { articles: 10_000, baseline: { seconds: 1, outcome: "ok", memory, output }, archive: { seconds: 2, outcome: "ok", memory, output, phases: undefined, reader }, rebuilds: [], identical: undefined },
    ]);
    expect(report).toContain("| 10,000 | 110.4 KB in 14 files | 71.3 KB | – | 18,000 | 1.15 | sitemap.xml (2.4 MB) |");
  });

  it("reports the first search next to the first visit, and its bytes by kind of file", () => {
    const memory = { processes: [], totalKb: 1, cpuSeconds: 1 };
    const output = { files: 0, bytes: 0, largest: undefined };
    const tally = tallyFiles([
      { path: "/search/", bytes: 20_480 },
      { path: "/pagefind/2025.a/pagefind-entry.json", bytes: 1024 },
      { path: "/pagefind/2025.a/index/uk_1.pf_index", bytes: 51_200 },
      { path: "/pagefind/2024.b/index/uk_1.pf_index", bytes: 30_720 },
    ]);
    const reader = {
      firstVisit: { article: "/2021/01/a/", page: 40_000, install: 73_000, bytes: 113_000, files: 14 },
      host: { files: 18_000, listings: 6_500, largest: undefined },
      firstQuery: [{ query: "уряд", status: "Знайдено 2 статті", shown: 2, ...tally }],
    };
    const report = benchReport([
      { articles: 10_000, baseline: { seconds: 1, outcome: "ok", memory, output }, archive: { seconds: 2, outcome: "ok", memory, output, phases: undefined, reader }, rebuilds: [], identical: undefined },
    ]);
    expect(report).toContain('| 10,000 | 110.4 KB in 14 files | 71.3 KB | "уряд": 101.0 KB in 4 requests | 18,000 |');
    expect(report).toContain('| 10,000 | "уряд" | 2 | 20.0 KB (1) | – | – | 1.0 KB (1) | – | 80.0 KB (2) | – | – | – | – | – | 101.0 KB |');
  });

  it("tells listing pages and tag feeds from articles and the rest", () => {
    for (const file of ["page/2/index.html", "tags/kyiv/feed.xml", "authors/x/page/3/index.html", "2021/index.html", "2021/page/2/index.html", "2021/03/index.html", "2021/03/page/2/index.html"]) {
      expect(isListingFile(file), file).toBe(true);
    }
    for (const file of ["2021/03/stattia/index.html", "index.html", "pagefind/2021.a/fragment/uk_1.pf_fragment", "offline/list.json", "sitemap.xml"]) {
      expect(isListingFile(file), file).toBe(false);
    }
  });
});
