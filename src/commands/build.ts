/**
 * `news-archive build [--articles DIR] [--output DIR] [--site-url URL] [--path-prefix /sub/] …` and `build --serve`.
 * Every flag is optional; the rest comes from the site's Eleventy config. See README, "Building large archives",
 * for --shard, --merge, --cache, --no-cache and --jobs.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { buildArchive, type BuildRequest } from "../build/index.ts";
import { flagValue, parseArgs, UsageError } from "../cli.ts";
import { applyOverrides, findConfig } from "./site.ts";

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--${flag} takes a whole number above 0, got "${value}"`);
  return Number(value);
}

function parseShard(value: string | undefined): BuildRequest["shard"] {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N, e.g. --shard 2/4; got "${value}"`);
  return { index, count };
}

export async function buildCommand(argv: readonly string[]): Promise<number> {
  // --merge takes several folders: the words after it. Any other word is a mistake (parseArgs suggests --articles).
  const merging = argv.some((arg) => arg === "--merge" || arg.startsWith("--merge="));
  const args = parseArgs(argv, {
    config: "value",
    articles: "value",
    output: "value",
    "site-url": "value",
    "path-prefix": "value",
    serve: "switch",
    port: "value",
    quiet: "switch",
    shard: "value",
    merge: "value",
    cache: "value",
    "no-cache": "switch",
    "allow-empty": "switch",
    jobs: "value",
    "part-size": "value",
  }, merging ? "FOLDER..." : undefined);
  const configPath = findConfig(flagValue(args, "config"));
  const merge = flagValue(args, "merge");
  const articles = flagValue(args, "articles");
  const siteUrl = flagValue(args, "site-url");
  applyOverrides({ ...(articles ? { articles } : {}), ...(siteUrl ? { siteUrl } : {}) });
  const pathPrefix = flagValue(args, "path-prefix");
  if (args.flags.has("serve")) {
    // The preview shows drafts; it writes to a folder of its own so that they never reach a deployed build.
    const eleventy = new Eleventy(undefined, flagValue(args, "output") ?? path.join(".cache", "news-archive", "preview"), {
      configPath,
      runMode: "serve",
      quietMode: args.flags.has("quiet"),
      ...(pathPrefix ? { pathPrefix } : {}),
    });
    await eleventy.init();
    await eleventy.watch();
    await eleventy.serve(Number(flagValue(args, "port") ?? 8080));
    return 0;
  }
  const cacheDir = flagValue(args, "cache");
  const jobs = positiveInteger(flagValue(args, "jobs"), "jobs");
  const partSize = positiveInteger(flagValue(args, "part-size"), "part-size");
  const shard = parseShard(flagValue(args, "shard"));
  const request: BuildRequest = {
    configPath,
    output: flagValue(args, "output") ?? "_site",
    ...(pathPrefix ? { pathPrefix } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    reuse: !args.flags.has("no-cache"),
    ...(shard ? { shard } : {}),
    ...(merge ? { merge: [merge, ...args.positional] } : {}),
    allowEmpty: args.flags.has("allow-empty"),
    ...(jobs ? { jobs } : {}),
    ...(partSize ? { partSize } : {}),
  };
  const report = await buildArchive(request);
  if (process.env.NEWS_ARCHIVE_TIMINGS) writeFileSync(process.env.NEWS_ARCHIVE_TIMINGS, JSON.stringify(report, null, 2));
  if (!args.flags.has("quiet")) {
    console.log(
      `[news-archive] ${report.articles} articles: ${report.pagesRendered} files written, ${report.pagesReused} pages unchanged` +
        `${report.pagesMerged ? `, ${report.pagesMerged} merged` : ""}, ${report.parts} Eleventy runs` +
        `${report.imagesPruned ? `, ${report.imagesPruned} unused photo files removed from the image cache` : ""}` +
        ` (${Object.entries(report.phases).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(", ")})`,
    );
  }
  return 0;
}
