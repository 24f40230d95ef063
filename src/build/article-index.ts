/**
 * The article index and page views as files: the build reads every article once, and the Eleventy runs that render
 * parts of the archive load these files instead of reading and parsing every article again.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { DateTime } from "luxon";
import { bodyStartOf, readBodyOnDemand, signatureOf, type ArticleSource, type KnownArticles } from "../articles.ts";
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

/** An article as the index file keeps it: its front matter, where its body starts, and its file's signature. */
type StoredArticle = Omit<ArticleSource, "body"> & { bodyStart: number; signature?: string };

interface IndexFile {
  /** What the articles were read with (the code, the time zone, the slug length): another key, another reading. */
  key: string;
  articles: StoredArticle[];
}

/** Fields the build sets after reading, from the photo files, which may change while the article does not. */
const setByBuild = new Set<string>(["picture", "bodyPictures"] satisfies (keyof ArticleSource)[]);

/** Writes the sources as read from disk: call it before the archive places them, which adds cyclic links. */
export function writeArticleIndex(file: string, articles: readonly ArticleSource[], key = ""): void {
  // A spread copies the front matter only: the body is a getter of the article's class (readBodyOnDemand).
  const stored = articles.map((article) => ({ bodyStart: bodyStartOf(article), signature: signatureOf(article), ...article }));
  writeFileSync(file, JSON.stringify({ key, articles: stored }));
}

const readIndexFile = (file: string): IndexFile => JSON.parse(readFileSync(file, "utf8"), dateReviver) as IndexFile;

const revive = ({ bodyStart, signature, ...rest }: StoredArticle): ArticleSource => readBodyOnDemand({ ...rest, body: "" }, bodyStart, signature);

export function readArticleIndex(file: string): ArticleSource[] {
  return readIndexFile(file).articles.map(revive);
}

/**
 * The articles of an index an earlier build wrote under the same key, by file, for readArticles to take instead of
 * parsing files whose signature has not changed; nothing when there is no such index or it cannot be read.
 */
export function knownArticles(file: string, key: string): KnownArticles {
  let stored: IndexFile | undefined;
  try {
    stored = readIndexFile(file);
  } catch {
    stored = undefined;
  }
  if (stored?.key !== key || !Array.isArray(stored.articles)) return () => undefined;
  const byFile = new Map(stored.articles.filter((a) => a.signature).map((a) => [a.file, a]));
  return (path, signature) => {
    const entry = byFile.get(path);
    byFile.delete(path);
    if (entry?.signature !== signature) return undefined;
    for (const field of setByBuild) delete (entry as Record<string, unknown>)[field];
    return revive(entry);
  };
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

/**
 * Writes a part's pages one at a time: joined into one string, the pages of every part of a 100,000-article archive
 * took the build's process from 1.1 to 2.8 GB.
 */
export function writePartPages(file: string, articles: Iterable<string>, listings: Iterable<string>): void {
  const fd = openSync(file, "w");
  let pending = "";
  const write = (text: string) => {
    pending += text;
    if (pending.length > 1 << 20) {
      writeSync(fd, pending);
      pending = "";
    }
  };
  const list = (name: string, pages: Iterable<string>) => {
    write(`"${name}":[`);
    let first = true;
    for (const page of pages) {
      write(first ? page : `,${page}`);
      first = false;
    }
    write("]");
  };
  try {
    write("{");
    list("articles", articles);
    write(",");
    list("listings", listings);
    writeSync(fd, `${pending}}`);
  } finally {
    closeSync(fd);
  }
}

export function readPartPages(file: string): PartPages {
  return JSON.parse(readFileSync(file, "utf8"), dateReviver) as PartPages;
}
