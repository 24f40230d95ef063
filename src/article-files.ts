import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes `dir/<year>/<slug>.md`, or `<slug>-2.md`, `-3`, … when that name is taken: an existing article
 * is never overwritten, even by a command running at the same moment (the file is created exclusively).
 */
export function writeUniqueArticle(dir: string, year: number, slug: string, text: string): string {
  const folder = path.join(dir, String(year));
  mkdirSync(folder, { recursive: true });
  for (let copy = 1; ; copy++) {
    const file = path.join(folder, `${copy === 1 ? slug : `${slug}-${copy}`}.md`);
    try {
      writeFileSync(file, text, { encoding: "utf8", flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
