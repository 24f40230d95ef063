/**
 * The query side's form→lemma table: every form of every lemma the archive holds (so a query finds an article in a
 * form the archive never contains), in small chunks the search page loads on demand (src/search/words.ts chunkOf).
 * It is made from the lemma lists the search parts leave beside their index, so it is the same whether the parts
 * were indexed in this build, reused from the last one or merged from shards.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dictionaryVersion, paradigms, ukrainianDictionary, type Dictionary } from "./dictionary.ts";
import { chunkOf } from "./words.ts";

/** File beside a part's index listing its articles' lemmas, one a line, sorted. Not served to readers' search. */
export const partLemmasFile = "lemmas.txt";

/**
 * Chunks for an archive of `articles`: a power of two, about one per 20 articles, 16 to 4,096. Known from the
 * article count alone, so the search page names it before anything is indexed; measured at about 10 KiB
 * gzipped per chunk (scripts/search-eval.ts, README).
 */
export function chunkCount(articles: number): number {
  let chunks = 16;
  while (chunks < 4096 && chunks * 20 < articles) chunks *= 2;
  return chunks;
}

/** The table's chunks as text, `form lemma…` lines in form order; chunks without forms are left out. */
export function writeTableChunks(table: ReadonlyMap<string, readonly string[]>, chunks: number): { index: number; text: string }[] {
  const lines = new Map<number, string[]>();
  for (const form of [...table.keys()].sort()) {
    const index = chunkOf(form, chunks);
    const list = lines.get(index) ?? [];
    list.push(`${form} ${table.get(form)!.join(" ")}`);
    lines.set(index, list);
  }
  return [...lines].sort(([a], [b]) => a - b).map(([index, list]) => ({ index, text: `${list.join("\n")}\n` }));
}

export interface LemmaTablePlan {
  /** `lemmas`: with the fingerprint, its folder in `/pagefind/` (src/search/parts.ts partFolder). */
  id: string;
  /** Covers every part's fingerprint and the dictionary's version: known before anything is indexed. */
  fingerprint: string;
  chunks: number;
}

/** The table of an archive in `parts`. */
export function lemmaTablePlan(parts: readonly { fingerprint: string; articles: readonly unknown[] }[], version = dictionaryVersion()): LemmaTablePlan {
  const chunks = chunkCount(parts.reduce((sum, part) => sum + part.articles.length, 0));
  const fingerprint = createHash("sha256").update(JSON.stringify([version, chunks, ...parts.map((p) => p.fingerprint)])).digest("hex").slice(0, 12);
  return { id: "lemmas", fingerprint, chunks };
}

/** The lemmas whose search words records carry (src/search/words.ts lemmaToken), sorted: a part's `lemmas.txt`. */
export function lemmasOfRecords(records: readonly { content: string }[]): string[] {
  const lemmas = new Set<string>();
  for (const record of records) {
    for (const word of record.content.split(/\s+/)) {
      const token = /^z([zs])(\p{Script=Cyrillic}+)zz$/u.exec(word);
      if (token) lemmas.add(token[1] === "s" ? `~${token[2]}` : token[2]!);
    }
  }
  return [...lemmas].sort();
}

/** A chunk's file in the table's folder (the search page asks for `<folder>/<index>.txt`). */
const chunkFile = (index: number) => `${index}.txt`;

/**
 * Writes the table made from the lemma lists in `partFolders` into `target` (removed first), and returns the
 * files written relative to it. Memory follows the dictionary's paradigms of the archive's lemmas, which the
 * dictionary bounds, not the number of articles.
 */
export function writeLemmaTable(partFolders: readonly string[], target: string, chunks: number, dictionary: Dictionary = ukrainianDictionary()): string[] {
  const lemmas = new Set<string>();
  for (const folder of partFolders) {
    for (const lemma of readFileSync(path.join(folder, partLemmasFile), "utf8").split("\n")) if (lemma) lemmas.add(lemma);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  for (const { index, text } of writeTableChunks(paradigms(lemmas, dictionary), chunks)) {
    writeFileSync(path.join(target, chunkFile(index)), text);
    files.push(chunkFile(index));
  }
  return files;
}
