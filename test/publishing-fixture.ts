import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";

export const fixtureDir = path.join(import.meta.dirname, "fixtures", "publishing-articles");

/** Articles the generator adds to the hand-written hostile ones: enough for page 2 of home, a tag, a year and a month. */
export const generatedCount = 26;
export const fixtureArticleCount = generatedCount + 2;

/**
 * Copies the hostile fixture articles into a temporary folder and generates the rest: 24 in January 2023 (one
 * month and one year with two pages), every one tagged "Київ" (a tag with three pages), one by the same author,
 * and one published an hour before `now`, which the news sitemap must list.
 */
export function writePublishingFixture(now = new Date()): string {
  const dir = mkdtempSync(path.join(tmpdir(), "publishing-articles-"));
  cpSync(fixtureDir, dir, { recursive: true });
  const article = (name: string, date: string, title: string, extra = "") =>
    writeFileSync(
      path.join(dir, `${name}.md`),
      `---\ntitle: "${title}"\ndate: "${date}"\nauthor: Марія Дорошенко\ntags: [Київ, "тема ${name.slice(-1)}"]\nlead: "Лід статті ${name}."\n${extra}---\n\nАбзац статті ${name} з **виділенням** і [посиланням](https://example.org/?a=1&b=2).\n`,
    );
  for (let i = 1; i <= generatedCount - 2; i++) {
    article(`sichen-${i}`, `2023-01-${String(i).padStart(2, "0")} 09:${String(i).padStart(2, "0")}`, `Новина січня номер ${i}`);
  }
  article("hruden", "2022-12-31 23:59", "Остання новина 2022 року");
  const recent = DateTime.fromJSDate(now).setZone("Europe/Kyiv").minus({ hours: 1 }).toFormat("yyyy-MM-dd HH:mm");
  article("svizha", recent, "Свіжа новина & «тест»");
  return dir;
}
