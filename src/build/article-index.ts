/**
 * The article index and page views as files: the build reads every article once, and the Eleventy runs that render
 * parts of the archive load these files instead of reading and parsing every article again.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { DateTime } from "luxon";
import { bodyStartOf, readBodyOnDemand, type ArticleSource } from "../articles.ts";
import { articleDate, type ArticleDate, type StoredDate } from "../dates.ts";
import type { ArticleView, ListingView } from "../pages.ts";

const isStoredDate = (value: unknown): value is StoredDate =>
  typeof value === "object" && value !== null && typeof (value as StoredDate).iso === "string" && typeof (value as StoredDate).zone === "string";

/**
 * JSON.parse's reviver for dates (ArticleDate serialises itself, see src/dates.ts). An article's date appears on many
 * pages of a part (its cards); one shared object per date lets src/dates.ts keep its formatting per date instead of
 * asking Luxon again for every card.
 */
export function dateReviver(_key: string, value: unknown): unknown {
  if (!isStoredDate(value)) return value;
  const key = `${value.iso}|${value.zone}|${value.hasTime}`;
  let date = revivedDates.get(key);
  if (!date) {
    date = articleDate(DateTime.fromISO(value.iso, { setZone: true }).setZone(value.zone), value.hasTime);
    revivedDates.set(key, date);
  }
  return date;
}

const revivedDates = new Map<string, ArticleDate>();

/** Writes the sources as read from disk: call it before the archive places them, which adds cyclic links. */
export function writeArticleIndex(file: string, articles: readonly ArticleSource[]): void {
  const stored = articles.map((article) => {
    const fields: Record<string, unknown> = { bodyStart: bodyStartOf(article) };
    // Keys, not a spread: `body` is a getter that would read every file again.
    for (const key of Object.keys(article) as (keyof ArticleSource)[]) if (key !== "body") fields[key] = article[key];
    return fields;
  });
  writeFileSync(file, JSON.stringify(stored));
}

export function readArticleIndex(file: string): ArticleSource[] {
  const stored = JSON.parse(readFileSync(file, "utf8"), dateReviver) as (Omit<ArticleSource, "body"> & { bodyStart: number })[];
  return stored.map(({ bodyStart, ...rest }) => readBodyOnDemand({ ...rest, body: "" }, bodyStart));
}

/** An article page as a part's Eleventy run gets it: its view, and where to read its body. */
export interface ArticlePageData {
  view: ArticleView;
  file: string;
  bodyStart: number;
}

/** The pages one part writes. */
export interface PartPages {
  articles: ArticlePageData[];
  listings: ListingView[];
}

/** JSON of one page's data, as fingerprinted and as written into a part's file. */
export const pageJson = (data: ArticlePageData | ArticleView | ListingView): string => JSON.stringify(data);

export function writePartPages(file: string, articles: readonly string[], listings: readonly string[]): void {
  writeFileSync(file, `{"articles":[${articles.join(",")}],"listings":[${listings.join(",")}]}`);
}

export function readPartPages(file: string): PartPages {
  return JSON.parse(readFileSync(file, "utf8"), dateReviver) as PartPages;
}
