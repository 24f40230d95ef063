/**
 * Fingerprints say when a page must be written again: each is a hash of everything its template receives, so an
 * incremental build that skips pages with unchanged fingerprints writes what a cold build would.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import type { SiteContext } from "../pages.ts";

export const hash = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex").slice(0, 20);

/** A hash of every file below the given folders and of the given files, by path and content; missing ones count as absent. */
export function hashFiles(paths: readonly string[]): string {
  const digest = createHash("sha256");
  const visit = (target: string) => {
    if (!existsSync(target)) return digest.update(`absent ${target}\0`);
    if (!statSync(target).isDirectory()) return digest.update(`${target}\0`).update(readFileSync(target)).update("\0");
    for (const entry of readdirSync(target).sort()) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      visit(path.join(target, entry));
    }
    return digest;
  };
  for (const target of paths) visit(target);
  return digest.digest("hex").slice(0, 20);
}

/** What every page depends on: the code and theme (`codeKey`), the options and the site context. */
export function buildKey(codeKey: string, options: object, site: SiteContext): string {
  return hash(`${codeKey}\0${JSON.stringify(options)}\0${JSON.stringify(site)}`);
}

/**
 * A page's fingerprint: its data as the part's Eleventy run receives it (src/build/article-index.ts), plus the
 * article's revision, which covers the body read from the file. The site context is in the build key.
 */
export const pageFingerprint = (json: string, revision = ""): string => hash(`${revision}\0${json}`);
