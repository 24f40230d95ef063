/**
 * `npm run build -- --articles DIR --output DIR --site-url URL --path-prefix /sub/` and `npm start` (--serve).
 * Every flag is optional; defaults come from eleventy.config.ts. See README, "Building large archives", for
 * --shard, --merge, --cache, --no-cache and --jobs.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { buildArchive, type BuildRequest } from "../src/build/index.ts";
import { flagValue, parseArgs, UsageError } from "../src/cli.ts";

const configPath = "eleventy.config.ts";

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

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // --merge takes several folders: the words after it. Any other word is a mistake (parseArgs suggests --articles).
  const merging = argv.some((arg) => arg === "--merge" || arg.startsWith("--merge="));
  const args = parseArgs(argv, {
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
  const merge = flagValue(args, "merge");
  const articles = flagValue(args, "articles");
  const siteUrl = flagValue(args, "site-url");
  if (articles) process.env.NEWS_ARCHIVE_ARTICLES = articles;
  if (siteUrl) process.env.NEWS_ARCHIVE_SITE_URL = siteUrl;
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
    return;
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
        ` (${Object.entries(report.phases).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(", ")})`,
    );
  }
}

/** Eleventy wraps what a plugin throws (EleventyConfigError, EleventyPluginError); the newsroom needs the plugin's own message. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (current as { originalError?: unknown } | undefined)?.originalError;
    if (!inner) break;
    current = inner;
  }
  return current;
}

const newsroomErrors = new Set(["ArticleProblemsError", "BuildError", "OutputFolderError", "OptionsError", "PartFailedError", "ArticlesFolderError"]);

main().catch((error: unknown) => {
  // Article problems, options and usage mistakes are the newsroom's to fix: their message is the whole story. DEBUG shows the trace.
  const cause = rootCause(error);
  const known = cause instanceof UsageError || (cause instanceof Error && newsroomErrors.has(cause.name));
  console.error(`build: ${process.env.DEBUG || !known ? ((error as Error).stack ?? String(error)) : (cause as Error).message}`);
  process.exitCode = 1;
});
