/**
 * What a reader's first search downloads on a built archive, in headless Chromium with an empty cache:
 *
 *   npx tsx scripts/first-query.ts --site DIR                        # the bench corpus's queries (lib/first-query.ts)
 *   npx tsx scripts/first-query.ts --site DIR --query уряд,вибори    # other queries, comma-separated
 *   npx tsx scripts/first-query.ts --site DIR --query "?q=уряд&year=2020"   # a whole query string, filters too
 *   npx tsx scripts/first-query.ts --site DIR --path-prefix /sub/ --parts --files
 *
 * Prints, per query, the bytes and requests by kind of file; `--parts` adds them by search index part, `--files`
 * every file served. `npm run bench` prints the totals next to the first visit.
 */
import { flagValue, parseArgs, UsageError } from "../src/cli.ts";
import { formatBytes, formatCount, markdownTable } from "./lib/bench-report.ts";
import { benchQueries, firstQuery, queryFileKinds, type FirstQuery } from "./lib/first-query.ts";

function report(measured: FirstQuery, parts: boolean, files: boolean): string {
  const tally = (t: { bytes: number; requests: number }) => [formatBytes(t.bytes), formatCount(t.requests)];
  const lines = [
    `"${measured.query}": ${formatBytes(measured.bytes)} in ${measured.requests} requests (${measured.bytes} bytes); ${measured.shown} results shown, status "${measured.status}"`,
    markdownTable(
      ["kind", "bytes", "requests"],
      [...queryFileKinds.filter((kind) => measured.byKind[kind].requests > 0).map((kind) => [kind, ...tally(measured.byKind[kind])]), ["total", ...tally(measured)]],
    ),
  ];
  if (parts) lines.push(markdownTable(["part", "bytes", "requests"], measured.byPart.map((p) => [p.part, ...tally(p)])));
  if (files) lines.push(measured.files.map((f) => `${f.bytes}\t${f.path}`).join("\n"));
  return lines.join("\n\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { site: "value", query: "value", "path-prefix": "value", parts: "switch", files: "switch", json: "switch" });
  const site = flagValue(args, "site");
  if (!site) throw new UsageError("--site DIR names a built archive's output folder");
  const queries = flagValue(args, "query")?.split(",").map((q) => q.trim()).filter(Boolean) ?? benchQueries;
  const measured = await firstQuery(site, queries, { pathPrefix: flagValue(args, "path-prefix") ?? "/" });
  if (args.flags.has("json")) console.log(JSON.stringify(measured.map(({ files, ...rest }) => rest), null, 2));
  else console.log(measured.map((m) => report(m, args.flags.has("parts"), args.flags.has("files"))).join("\n\n"));
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `first-query: ${error.message}` : error);
  process.exitCode = 1;
});
