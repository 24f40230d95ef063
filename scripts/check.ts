/** `npm run check -- --articles DIR`: every problem in every article, without building; exit 1 on any error. */
import { checkArticlesAndImages, formatCheckReport } from "../src/check.ts";
import { flagValue, parseArgs } from "../src/cli.ts";
import { defaults } from "../src/options.ts";

try {
  const args = parseArgs(process.argv.slice(2), { articles: "value", site: "value" });
  const report = await checkArticlesAndImages(
    flagValue(args, "articles") ?? defaults.articles,
    { timeZone: defaults.timeZone, slugMaxLength: defaults.slugMaxLength },
    // The demo's eleventy.config.ts reads the site from site/: /images/… paths start there.
    flagValue(args, "site") ?? "site",
  );
  const lines = formatCheckReport(report);
  for (const line of lines) (report.errors > 0 ? console.error : console.log)(line);
  process.exitCode = report.errors > 0 ? 1 : 0;
} catch (error) {
  console.error(`check: ${(error as Error).message}`);
  process.exitCode = 1;
}
