/**
 * `npx tsx scripts/photo-bench.ts [--articles 1000]`: what photos cost a build (issue 13). Generates the bench's
 * articles twice, without photos (the baseline) and with a distinct 1600×1067 JPEG lead photo each, then times:
 * the baseline build, the cold build with photos (empty image cache), and the warm build (a fresh output folder,
 * the image cache kept, as CI keeps `.cache/`). Prints seconds, ratios to the baseline and the photo phases' share.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { flagValue, parseArgs } from "../src/cli.ts";
import { articleFile, generateArticles } from "./lib/generate-articles.ts";
import { runMeasured } from "./lib/run-measured.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const args = parseArgs(process.argv.slice(2), { articles: "value", keep: "switch" });
const count = Number(flagValue(args, "articles") ?? 1000);
const work = mkdtempSync(path.join(os.tmpdir(), "photo-bench-"));

/** A photo-like picture, different for every article: sky, hills, buildings, lit windows. */
function photo(seed: number): Promise<Buffer> {
  let state = seed + 1;
  const rnd = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const [w, h] = [1600, 1067];
  const shapes = Array.from({ length: 60 }, () => {
    const x = rnd() * w;
    const bh = 100 + rnd() * 500;
    const g = Math.floor(70 + rnd() * 150);
    return `<rect x="${x}" y="${h * 0.8 - bh}" width="${30 + rnd() * 120}" height="${bh}" fill="rgb(${g},${g - 20},${g - 40})"/>`;
  }).join("");
  const windows = Array.from({ length: 300 }, () => `<rect x="${rnd() * w}" y="${h * 0.3 + rnd() * h * 0.5}" width="8" height="12" fill="#f3d27a" fill-opacity="${rnd()}"/>`).join("");
  const sky = `hsl(${Math.floor(rnd() * 360)},45%,55%)`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="#f0c890"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/>${shapes}${windows}<rect y="${h * 0.8}" width="${w}" height="${h * 0.2}" fill="#4b5a3c"/></svg>`;
  return sharp(Buffer.from(svg)).blur(0.6).jpeg({ quality: 85 }).toBuffer();
}

async function build(articles: string, label: string, cache: string, noCache: boolean) {
  const output = path.join(work, `out-${label}`);
  const timings = path.join(work, `${label}.json`);
  const run = await runMeasured(
    ["dist/bin.js", "build", "--quiet", "--articles", articles, "--output", output, "--cache", cache, ...(noCache ? ["--no-cache"] : [])],
    { cwd: repoRoot, env: { NEWS_ARCHIVE_TIMINGS: timings } },
  );
  if (run.outcome !== "ok") throw new Error(`${label} build: ${run.outcome}\n${run.stderr.slice(-2000)}`);
  const report = JSON.parse(readFileSync(timings, "utf8")) as { imagesEncoded: number; phases: Record<string, number> };
  const imageSeconds = (report.phases["images: read"] ?? 0) + (report.phases["images: encode"] ?? 0);
  return { seconds: run.seconds, imagesEncoded: report.imagesEncoded, imageSeconds };
}

async function main(): Promise<void> {
  console.error(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}; ${count} articles`);
  const plain = path.join(work, "plain");
  const withPhotos = path.join(work, "photos");
  generateArticles(plain, count);
  generateArticles(withPhotos, count);
  for (let i = 0; i < count; i++) {
    const { file, text } = articleFile(i, count);
    const name = `a${i}.jpg`;
    writeFileSync(path.join(withPhotos, path.dirname(file), name), await photo(i));
    writeFileSync(path.join(withPhotos, file), text.replace(/\n---\n/, `\nimage: ${name}\nimageAlt: "Місто ввечері, кадр ${i}"\nimageCredit: "Фотограф ${i % 7}"\n---\n`));
  }
  const cache = path.join(work, "cache");
  const baseline = await build(plain, "baseline", path.join(work, "cache-plain"), true);
  const cold = await build(withPhotos, "cold", cache, true);
  const warm = await build(withPhotos, "warm", cache, true);
  const row = (name: string, r: typeof cold) =>
    `| ${name} | ${r.seconds.toFixed(1)} s | ${(r.seconds / baseline.seconds).toFixed(2)} | ${r.imagesEncoded} | ${r.imageSeconds.toFixed(1)} s (${((100 * r.imageSeconds) / r.seconds).toFixed(0)} %) |`;
  console.log(
    [
      `| ${count} articles | wall | ÷ no photos | photo files encoded | photo phases (share) |`,
      "|---|---|---|---|---|",
      `| no photos (baseline) | ${baseline.seconds.toFixed(1)} s | 1.00 | 0 | – |`,
      row("a photo each, cold cache", cold),
      row("a photo each, cache kept", warm),
    ].join("\n"),
  );
  if (!args.flags.has("keep")) rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
