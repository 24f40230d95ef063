/**
 * `npm run build -- --articles DIR --output DIR --site-url URL --path-prefix /sub/` and `npm start` (--serve).
 * Every flag is optional; defaults come from eleventy.config.ts.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { flagValue, parseArgs, UsageError } from "../src/cli.ts";

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), {
    articles: "value",
    output: "value",
    "site-url": "value",
    "path-prefix": "value",
    serve: "switch",
    port: "value",
    quiet: "switch",
  });
  const articles = flagValue(args, "articles");
  const siteUrl = flagValue(args, "site-url");
  if (articles) process.env.NEWS_ARCHIVE_ARTICLES = articles;
  if (siteUrl) process.env.NEWS_ARCHIVE_SITE_URL = siteUrl;
  const serve = args.flags.has("serve");
  const pathPrefix = flagValue(args, "path-prefix");
  const eleventy = new Eleventy(undefined, flagValue(args, "output"), {
    configPath: "eleventy.config.ts",
    runMode: serve ? "serve" : "build",
    quietMode: args.flags.has("quiet"),
    ...(pathPrefix ? { pathPrefix } : {}),
  });
  if (serve) {
    await eleventy.init();
    await eleventy.watch();
    await eleventy.serve(Number(flagValue(args, "port") ?? 8080));
    return;
  }
  clearPreviousBuild(flagValue(args, "output") ?? "_site");
  await eleventy.write();
}

/**
 * Eleventy never deletes output, so a page from a draft shown by `npm start`, or from an article since removed,
 * would otherwise be deployed. Only a folder that holds an earlier archive build is cleared.
 */
function clearPreviousBuild(output: string): void {
  if (existsSync(path.join(output, "404.html")) && existsSync(path.join(output, "assets"))) {
    rmSync(output, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `build: ${error.message}` : error);
  process.exitCode = 1;
});
