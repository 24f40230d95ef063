/**
 * `news-archive import FILE... [--articles DIR]`: plain-text dumps to `DIR/<yyyy>/<slug>.md`.
 * A file that is not an article is reported by name and skipped; the rest still import; exit 1 if any failed.
 */
import { existsSync } from "node:fs";
import { writeUniqueArticle } from "../article-files.ts";
import { readArticles, readUtf8File } from "../articles.ts";
import { flagValue, parseArgs, UsageError } from "../cli.ts";
import { calendarParts } from "../dates.ts";
import { articleIdentity, parseDump, renderCheckedArticle } from "../importer.ts";
import { slugify } from "../slugs.ts";
import { findConfig, loadSite } from "./site.ts";

export async function importCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { articles: "value", config: "value" }, "FILE...");
  if (args.positional.length === 0) throw new UsageError("give the files to import: npm run import -- FILE... [--articles DIR]");
  const articles = flagValue(args, "articles");
  const { options } = await loadSite({ configPath: findConfig(flagValue(args, "config")), ...(articles ? { articles } : {}) });
  const dir = options.articles;
  const parseOptions = { timeZone: options.timeZone, slugMaxLength: options.slugMaxLength };

  // The articles already there, by title and date, read once: a dump imported before is recognised
  // whatever its file became (renamed, or given -2 beside a namesake).
  const known = new Map<string, string>();
  if (existsSync(dir)) {
    for (const article of readArticles(dir, parseOptions).articles) known.set(articleIdentity(article.title, article.date), article.file);
  }

  let imported = 0;
  let skipped = 0;
  let failed = 0;
  for (const input of args.positional) {
    let text: string;
    try {
      text = readUtf8File(input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      console.error(`${input}: error: ${code ? `cannot be read (${code})` : (error as Error).message}; nothing written`);
      failed++;
      continue;
    }
    const result = parseDump(text, parseOptions.timeZone);
    if (!result.ok) {
      console.error(`${input}: error: ${result.error}; nothing written`);
      failed++;
      continue;
    }
    const { article, warnings } = result;
    const identity = articleIdentity(article.title, article.date);
    const existing = known.get(identity);
    if (existing) {
      console.log(`${input}: already imported as ${existing}; skipped`);
      skipped++;
      continue;
    }
    const checked = renderCheckedArticle(article, parseOptions);
    if (!checked.ok) {
      console.error(`${input}: error: ${checked.error}; nothing written`);
      failed++;
      continue;
    }
    for (const warning of warnings) console.warn(`${input}: warning: ${warning}`);
    const slug = slugify(article.title, parseOptions.slugMaxLength) || "stattia";
    const file = writeUniqueArticle(dir, calendarParts(article.date).year, slug, checked.text);
    known.set(identity, file);
    console.log(`${input}: imported as ${file}`);
    imported++;
  }
  console.log(`${imported} imported, ${skipped} already imported, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
