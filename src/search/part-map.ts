/**
 * The parts map: which parts of the search index hold each indexed word, written beside the lemma table in chunks
 * the search page loads on demand. A part that holds no word starting with a query term cannot answer the search
 * (src/search/query.ts holdsQueryWord drops what Pagefind would answer through another word), so the page never
 * loads it: a rare word, a name or a typo costs the parts that hold it, not every part of the archive.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { indexWords } from "./index-words.ts";
import { tableSplits } from "./lemma-table.ts";
import { mapTerms, partListText, partMapChunkFile, partMapSplitLine } from "./query.ts";
import { chunkKey, chunkOfKey } from "./words.ts";

/**
 * Bytes of `word parts` lines one prefix's group may hold before it is split by one more letter: a term loads one
 * chunk for each length of its key, each holding a few groups hashed together.
 */
const SPLIT_BYTES = 16 * 1024;

/** File beside a part's index listing every word Pagefind indexed in it, one a line, gzipped. Not served to readers' search. */
export const partWordsFile = "words.txt.gz";

/** Writes a part's word list, read back from the index Pagefind wrote in `folder`, as the page compares words. */
export function writePartWords(folder: string): void {
  const words = new Set(indexWords(folder).flatMap((word) => mapTerms(word)));
  writeFileSync(path.join(folder, partWordsFile), gzipSync([...words].sort().join("\n")));
}

/**
 * Writes the map of the parts in `partFolders` (newest first, as the search page lists them: a part is named by its
 * place there) into `target`, in `chunks` chunks of `word parts` lines in word order, and returns the files written
 * relative to it.
 */
export function writePartMap(partFolders: readonly string[], target: string, chunks: number): string[] {
  const partsOf = new Map<string, number[]>();
  partFolders.forEach((folder, part) => {
    for (const word of gunzipSync(readFileSync(path.join(folder, partWordsFile))).toString("utf8").split("\n")) {
      if (!word) continue;
      const parts = partsOf.get(word);
      if (parts) parts.push(part);
      else partsOf.set(word, [part]);
    }
  });
  const listed = new Map([...partsOf].map(([word, parts]) => [word, partListText(parts)]));
  // A prefix's words over the limit go to the chunks of one more letter, and its own chunk says so (partMapChunkOfTerm).
  const splits = new Set(tableSplits(listed, SPLIT_BYTES));
  const lines = new Map<number, [string, string][]>();
  const add = (index: number, key: string, line: string) => {
    let list = lines.get(index);
    if (!list) lines.set(index, (list = []));
    list.push([key, line]);
  };
  for (const [word, parts] of listed) add(chunkOfKey(chunkKey(word, splits), chunks), word, `${word} ${parts}`);
  for (const prefix of splits) add(chunkOfKey(prefix, chunks), prefix, partMapSplitLine(prefix));
  // In word order (a split prefix's line after the word it spells), so that the words a term starts follow each other.
  for (const list of lines.values()) list.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  // Every chunk, those without words too: the page tells a missing chunk (offline, never saved) from an empty one.
  const files: string[] = [];
  for (let index = 0; index < chunks; index++) {
    const file = partMapChunkFile(index);
    const list = lines.get(index);
    writeFileSync(path.join(target, file), list ? list.map(([, line]) => `${line}\n`).join("") : "");
    files.push(file);
  }
  return files;
}
