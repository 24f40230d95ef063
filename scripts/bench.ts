/**
 * `npm run bench -- [--sizes 1000,10000] [--keep]`: builds generated archives of each size and reports wall time and
 * peak memory, with the ratio against a baseline measured in the same run: plain Eleventy building the same number of
 * one-paragraph Markdown pages with no plugin, no layout and no collections. Ratios travel between machines; seconds don't.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { flagValue, parseArgs } from "../src/cli.ts";
import { generateArticles } from "./lib/generate-articles.ts";

/** The baseline: the same number of pages as plain Markdown in a bare Eleventy project. */
function generateBaseline(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, String(i % 100));
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `p${i}.md`), `---\ntitle: Сторінка ${i}\n---\nТекст сторінки ${i}.\n`);
  }
}

interface Run {
  seconds: number;
  peakMb: number;
  files: number;
}

const peakMemoryHook = path.join(import.meta.dirname, "lib", "peak-memory.ts");

function run(args: string[], output: string): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--max-old-space-size=16000", "--import", "tsx", "--import", peakMemoryHook, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr.slice(-4000)}`);
  const peakKb = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return { seconds, peakMb: Math.round(peakKb / 1024), files: countFiles(output) };
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(dir, f)).isFile()).length;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { sizes: "value", keep: "switch" });
  const sizes = (flagValue(args, "sizes") ?? "1000,10000").split(",").map(Number);
  const eleventyBin = path.join(process.cwd(), "node_modules", "@11ty", "eleventy", "cmd.cjs");
  console.log("articles | baseline s | archive s | ratio | baseline MB | archive MB | output files");
  for (const size of sizes) {
    const work = mkdtempSync(path.join(tmpdir(), `bench-${size}-`));
    generateBaseline(path.join(work, "baseline"), size);
    generateArticles(path.join(work, "articles"), size);
    const baseline = run([eleventyBin, "--quiet", "--input", path.join(work, "baseline"), "--output", path.join(work, "baseline-out")], path.join(work, "baseline-out"));
    const archive = run(["scripts/build.ts", "--quiet", "--articles", path.join(work, "articles"), "--output", path.join(work, "out")], path.join(work, "out"));
    console.log(
      [size, baseline.seconds.toFixed(1), archive.seconds.toFixed(1), (archive.seconds / baseline.seconds).toFixed(2), baseline.peakMb, archive.peakMb, archive.files].join(" | "),
    );
    if (!args.flags.has("keep")) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
