/** `npm run new -- "Заголовок" [--articles DIR]`: a new article skeleton dated now (Kyiv time); never overwrites. */
import { DateTime } from "luxon";
import { writeUniqueArticle } from "../src/article-files.ts";
import { flagValue, parseArgs, UsageError } from "../src/cli.ts";
import { calendarParts } from "../src/dates.ts";
import { newArticleText } from "../src/new-article.ts";
import { defaults } from "../src/options.ts";
import { slugify } from "../src/slugs.ts";

try {
  const args = parseArgs(process.argv.slice(2), { articles: "value" }, "title");
  // Unquoted words are one title too: `npm run new -- Курс валют` is what people type.
  const title = args.positional.join(" ").replace(/\s+/g, " ").trim();
  if (!title) throw new UsageError('give the title: npm run new -- "Заголовок статті" [--articles DIR]');
  const now = DateTime.now().setZone(defaults.timeZone);
  const slug = slugify(title, defaults.slugMaxLength) || "stattia";
  const file = writeUniqueArticle(
    flagValue(args, "articles") ?? defaults.articles,
    calendarParts({ instant: now, hasTime: true }).year,
    slug,
    newArticleText(title, now, defaults.timeZone),
  );
  console.log(`created ${file}`);
} catch (error) {
  console.error(`new: ${(error as Error).message}`);
  process.exitCode = 1;
}
