/** `news-archive check [--articles DIR]`: every problem in every article, without building; exit 1 on any error. */
import { checkArticles, formatCheckReport } from "../check.ts";
import { flagValue, parseArgs } from "../cli.ts";
import { findConfig, loadSite } from "./site.ts";

export async function checkCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { articles: "value", config: "value" });
  const articles = flagValue(args, "articles");
  const { options } = await loadSite({ configPath: findConfig(flagValue(args, "config")), ...(articles ? { articles } : {}) });
  const report = checkArticles(options.articles, { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength });
  for (const line of formatCheckReport(report)) (report.errors > 0 ? console.error : console.log)(line);
  return report.errors > 0 ? 1 : 0;
}
