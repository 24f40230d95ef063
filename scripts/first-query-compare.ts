/**
 * The first search's download on two builds of the same articles, query by query: bytes by kind of file, uncompressed
 * and as transferred, and the ratio new/old. Made to hold issue 11's bound ("the first query's total download stays
 * within 1.5 times today's") against the build of the code before lemma search:
 *
 *   npx tsx scripts/first-query-compare.ts --old OLD_SITE --new NEW_SITE [--query уряд,Києві] [--json]
 *
 * Both sites are measured by lib/first-query.ts (Chromium, empty cache, one context per query), one after the other.
 */
import { flagValue, parseArgs, UsageError } from "../src/cli.ts";
import { markdownTable } from "./lib/bench-report.ts";
import { compareFirstQueries, firstQueryWeights, groupNames, weightMeasures, type QueryWeights } from "./lib/first-query-compare.ts";
import { firstQuery } from "./lib/first-query.ts";
import { medianOf } from "./lib/median.ts";

/** Common words of the bench corpus (lib/generate-articles.ts) in forms other than its own, and a made-up word. */
export const compareQueries = ["уряд", "уряду", "урядом", "вибори", "виборах", "Києві", "Київ", "війна", "війни", "економіки", "закону", "міністра", "ціни", "банку", "рогорепо"];

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function report(old: readonly QueryWeights[], fresh: readonly QueryWeights[]): string {
  const compared = compareFirstQueries(old, fresh);
  const sections: string[] = [];
  for (const measure of weightMeasures) {
    sections.push(
      `### ${measure} (KiB)`,
      markdownTable(
        ["query", "old", "new", "new/old", "new/old without page and runtime", ...groupNames.map((g) => `${g} old→new`)],
        compared.map((c) => [
          c.query,
          kb(c.old.total[measure]),
          kb(c.fresh.total[measure]),
          c.ratio[measure].toFixed(2),
          c.ratioWithoutFixed[measure].toFixed(2),
          ...groupNames.map((g) => (c.old.groups[g][measure] || c.fresh.groups[g][measure] ? `${kb(c.old.groups[g][measure])}→${kb(c.fresh.groups[g][measure])}` : "–")),
        ]),
      ),
      `median new/old: ${medianOf(compared.map((c) => c.ratio[measure])).toFixed(2)} (without page and runtime ${medianOf(compared.map((c) => c.ratioWithoutFixed[measure])).toFixed(2)}); ` +
        `largest ${Math.max(...compared.map((c) => c.ratio[measure])).toFixed(2)}`,
    );
  }
  sections.push(
    "### results shown, old / new",
    markdownTable(["query", "old", "new"], compared.map((c) => [c.query, `${c.old.shown} (${c.old.status})`, `${c.fresh.shown} (${c.fresh.status})`])),
  );
  return sections.join("\n\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { old: "value", new: "value", query: "value", "path-prefix": "value", json: "switch" });
  const [oldSite, newSite] = [flagValue(args, "old"), flagValue(args, "new")];
  if (!oldSite || !newSite) throw new UsageError("--old DIR and --new DIR name two built archives of the same articles");
  const queries = flagValue(args, "query")?.split(",").map((q) => q.trim()).filter(Boolean) ?? compareQueries;
  const pathPrefix = flagValue(args, "path-prefix") ?? "/";
  const old = firstQueryWeights(oldSite, await firstQuery(oldSite, queries, { pathPrefix }));
  const fresh = firstQueryWeights(newSite, await firstQuery(newSite, queries, { pathPrefix }));
  if (args.flags.has("json")) console.log(JSON.stringify(compareFirstQueries(old, fresh), null, 2));
  else console.log(report(old, fresh));
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `first-query-compare: ${error.message}` : error);
  process.exitCode = 1;
});
