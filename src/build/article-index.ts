/**
 * The article index as a file: the build reads every article once, and each Eleventy run that renders a part of the
 * archive loads this file instead of reading and parsing every article again.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { DateTime } from "luxon";
import { bodyStartOf, readBodyOnDemand, type ArticleSource } from "../articles.ts";
import type { ArticleDate } from "../dates.ts";

interface StoredDate {
  iso: string;
  zone: string;
  hasTime: boolean;
}

type StoredArticle = Omit<ArticleSource, "body" | "date" | "updated"> & { date: StoredDate; updated?: StoredDate; bodyStart: number };

const storeDate = (date: ArticleDate): StoredDate => ({ iso: date.instant.toISO()!, zone: date.instant.zoneName!, hasTime: date.hasTime });

const loadDate = (stored: StoredDate): ArticleDate => ({
  instant: DateTime.fromISO(stored.iso, { setZone: true }).setZone(stored.zone),
  hasTime: stored.hasTime,
});

/** Writes the sources as read from disk: call it before the archive places them, which adds cyclic links. */
export function writeArticleIndex(file: string, articles: readonly ArticleSource[]): void {
  const stored = articles.map((article) => {
    const fields: Record<string, unknown> = { bodyStart: bodyStartOf(article) };
    // Keys, not a spread: `body` is a getter that would read every file again.
    for (const key of Object.keys(article) as (keyof ArticleSource)[]) {
      if (key === "body") continue;
      const value = article[key];
      fields[key] = key === "date" || key === "updated" ? storeDate(value as ArticleDate) : value;
    }
    return fields;
  });
  writeFileSync(file, JSON.stringify(stored));
}

export function readArticleIndex(file: string): ArticleSource[] {
  const stored = JSON.parse(readFileSync(file, "utf8")) as StoredArticle[];
  return stored.map(({ date, updated, bodyStart, ...rest }) =>
    readBodyOnDemand({ ...rest, date: loadDate(date), ...(updated ? { updated: loadDate(updated) } : {}), body: "" }, bodyStart),
  );
}
