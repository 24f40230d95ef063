/** `news-archive new "Заголовок" [--articles DIR]`: a new article skeleton dated now in the site's time zone; never overwrites. */
import { DateTime } from "luxon";
import { writeUniqueArticle } from "../article-files.ts";
import { flagValue, parseArgs, UsageError } from "../cli.ts";
import { calendarParts } from "../dates.ts";
import { newArticleText } from "../new-article.ts";
import { slugify } from "../slugs.ts";
import { findConfig, loadSite } from "./site.ts";

export async function newCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { articles: "value", config: "value" }, "title");
  // Unquoted words are one title too: `npm run new -- Курс валют` is what people type.
  const title = args.positional.join(" ").replace(/\s+/g, " ").trim();
  if (!title) throw new UsageError('give the title: npm run new -- "Заголовок статті" [--articles DIR]');
  const articles = flagValue(args, "articles");
  const { options } = await loadSite({ configPath: findConfig(flagValue(args, "config")), ...(articles ? { articles } : {}) });
  const now = DateTime.now().setZone(options.timeZone);
  const slug = slugify(title, options.slugMaxLength) || "stattia";
  const file = writeUniqueArticle(options.articles, calendarParts({ instant: now, hasTime: true }).year, slug, newArticleText(title, now, options.timeZone));
  console.log(`created ${file}`);
  return 0;
}
