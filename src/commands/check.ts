/** `news-archive check [--articles DIR]`: every problem in every article, without building; exit 1 on any error. */
import { checkArticlesAndImages, formatCheckReport } from "../check.ts";
import { flagValue, parseArgs } from "../cli.ts";
import { findConfig, loadSite } from "./site.ts";

export async function checkCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { articles: "value", config: "value" });
  const articles = flagValue(args, "articles");
  const { options, input } = await loadSite({ configPath: findConfig(flagValue(args, "config")), ...(articles ? { articles } : {}) });
  // /images/… paths start at the site's input folder, as in its build.
  const report = await checkArticlesAndImages(options.articles, { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength }, input);
  for (const line of formatCheckReport(report)) (report.errors > 0 ? console.error : console.log)(line);
  return report.errors > 0 ? 1 : 0;
}
