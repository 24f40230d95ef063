import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface OutputSize {
  files: number;
  bytes: number;
  largest: { file: string; bytes: number } | undefined;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

export function outputSize(dir: string): OutputSize {
  const size: OutputSize = { files: 0, bytes: 0, largest: undefined };
  for (const file of listFiles(dir)) {
    const bytes = statSync(path.join(dir, file)).size;
    size.files++;
    size.bytes += bytes;
    if (!size.largest || bytes > size.largest.bytes) size.largest = { file, bytes };
  }
  return size;
}

/** Content hash of every file under `dir`, by relative path. */
export function hashFiles(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((file) => [file, createHash("sha256").update(readFileSync(path.join(dir, file))).digest("hex")]));
}

/** Paths that differ between two trees: missing from either side or with other content. */
export function differingFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((file) => a.get(file) !== b.get(file)).sort();
}

/** Listing pages and feeds: the home, tag, author, year and month pages with their later pages, and tag feeds. */
export function isListingFile(file: string): boolean {
  return /^(page|tags|authors)\//.test(file) || /^\d{4}\/(index\.html|page\/|\d{2}\/(index\.html|page\/))/.test(file);
}

export interface HostFiles {
  /** Files a host serves: everything but the build's own hidden files (`.news-archive-manifest.json`). */
  files: number;
  listings: number;
  largest: { file: string; bytes: number } | undefined;
}

/** What a static host's limits (files per site, bytes per file) see of an output folder. */
export function hostFiles(dir: string): HostFiles {
  const result: HostFiles = { files: 0, listings: 0, largest: undefined };
  for (const file of listFiles(dir)) {
    if (file.split("/").some((part) => part.startsWith("."))) continue;
    const bytes = statSync(path.join(dir, file)).size;
    result.files++;
    if (isListingFile(file)) result.listings++;
    if (!result.largest || bytes > result.largest.bytes) result.largest = { file, bytes };
  }
  return result;
}
