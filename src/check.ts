/**
 * Validates an articles folder without building: the same parsing the build does, plus the address
 * collisions the archive index would resolve, so a contributor sees every problem in one run.
 */
import { Archive } from "./archive.ts";
import { readArticles, type ParseOptions } from "./articles.ts";
import { defaults } from "./options.ts";
import { prepareImages } from "./images/index.ts";
import { formatProblem, formatSkipped, type Problem, type SkippedEntry } from "./problems.ts";

export interface CheckReport {
  files: number;
  problems: Problem[];
  /** Not read, and not a problem, but listed so that no article vanishes unnoticed. */
  skipped: SkippedEntry[];
  errors: number;
  warnings: number;
}

/**
 * Also checks every local photo the articles use (missing, not an image, damaged header, too large), as the build
 * would; `site` is the folder `/images/…` paths start from.
 */
export async function checkArticlesAndImages(dir: string, options: ParseOptions, site: string): Promise<CheckReport> {
  const read = readArticles(dir, options);
  const { problems } = await prepareImages(read.articles, { siteRoot: site });
  return checkArticles(dir, options, { ...read, problems: [...read.problems, ...problems] });
}

export function checkArticles(dir: string, options: ParseOptions, read = readArticles(dir, options)): CheckReport {
  const { articles, problems, files, skipped } = read;
  // Drafts take part too: `npm start` shows them, and a collision there is just as confusing.
  const archive = new Archive(articles, { pageSize: defaults.pageSize, relatedCount: 0 });
  const all = [...problems, ...archive.problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  return {
    files: files.length,
    problems: all,
    skipped,
    errors: all.filter((p) => p.severity === "error").length,
    warnings: all.filter((p) => p.severity === "warning").length,
  };
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** One line per skipped entry and per problem, then a summary line. */
export function formatCheckReport(report: CheckReport): string[] {
  const found =
    report.errors + report.warnings === 0
      ? `${count(report.files, "article")} checked: no problems`
      : `${count(report.files, "article")} checked: ${count(report.errors, "error")}, ${count(report.warnings, "warning")}`;
  const summary = report.skipped.length > 0 ? `${found}; ${report.skipped.length} skipped (listed above)` : found;
  return [...report.skipped.map(formatSkipped), ...report.problems.map(formatProblem), summary];
}
