import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { outputFile, pageDependencies } from "../../src/offline/precache.ts";

/** The budget of issue 14: what one article's first visit downloads, the service worker's install included. */
export const firstVisitBudget = 250_000;

/** The site path of an article page of a built archive (`/yyyy/mm/slug/`): the first, in path order. */
export function anArticle(output: string): string {
  const dirs = (dir: string, pattern: RegExp) => (existsSync(dir) ? readdirSync(dir).filter((name) => pattern.test(name)).sort() : []);
  for (const year of dirs(output, /^\d{4}$/)) {
    for (const month of dirs(path.join(output, year), /^\d{2}$/)) {
      for (const slug of dirs(path.join(output, year, month), /^(?!page$)[\w-]+$/)) {
        if (existsSync(path.join(output, year, month, slug, "index.html"))) return `/${year}/${month}/${slug}/`;
      }
    }
  }
  throw new Error(`${output} holds no article page`);
}

export interface FirstVisit {
  article: string;
  /** The page and what it loads. */
  page: number;
  /** `sw.js` and the files its install downloads (those the page loaded come from the HTTP cache). */
  install: number;
  bytes: number;
  files: number;
}

/**
 * What a reader's first visit to `article` downloads, from the files of a built archive: the page, the stylesheet
 * and script it loads, the service worker, and every file the worker precaches but the page did not already load
 * (hashed assets are cached for ever by the host's `_headers`). test/first-visit.browser.test.ts measures the same
 * in Chromium.
 */
export function firstVisit(output: string, article = anArticle(output), pathPrefix = "/"): FirstVisit {
  const size = (url: string) => statSync(path.join(output, outputFile(url))).size;
  const html = readFileSync(path.join(output, outputFile(article)), "utf8");
  const loaded = new Set([article, ...pageDependencies(html, pathPrefix).filter((url) => /\.(css|js)$/.test(url))]);
  const sw = readFileSync(path.join(output, "sw.js"), "utf8");
  const settings = JSON.parse(/^self\.NEWS_ARCHIVE_OFFLINE = (.*);$/m.exec(sw)?.[1] ?? "{}") as { precache?: string[] };
  const shell = (settings.precache ?? []).map((relative) => `/${relative}`).filter((url) => !loaded.has(url));
  const page = [...loaded].reduce((sum, url) => sum + size(url), 0);
  const install = Buffer.byteLength(sw) + shell.reduce((sum, url) => sum + size(url), 0);
  return { article, page, install, bytes: page + install, files: loaded.size + 1 + shell.length };
}
