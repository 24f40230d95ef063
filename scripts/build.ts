/**
 * `npm run build -- --articles DIR --output DIR --site-url URL --path-prefix /sub/` and `npm start` (--serve).
 * Every flag is optional; defaults come from eleventy.config.ts.
 */
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
  await eleventy.write();
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `build: ${error.message}` : error);
  process.exitCode = 1;
});
