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
import { mapTerms, partListText, partMapChunkFile, partMapChunkOf, partMapSplitsFile } from "./query.ts";

/**
 * Bytes of `word parts` lines one prefix's group may hold before it is split by one more letter. A query loads a
 * chunk a term, several groups hashed together; a term that starts a split group's words is not looked up.
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
  const listed = new Map([...partsOf].map(([word, parts]) => [word, [partListText(parts)]]));
  const splits = tableSplits(listed, SPLIT_BYTES);
  writeFileSync(path.join(target, partMapSplitsFile), splits.map((prefix) => `${prefix}\n`).join(""));
  const splitSet = new Set(splits);
  const lines = new Map<number, string[]>();
  for (const word of [...listed.keys()].sort()) {
    const index = partMapChunkOf(word, chunks, splitSet);
    let list = lines.get(index);
    if (!list) lines.set(index, (list = []));
    list.push(`${word} ${listed.get(word)![0]}`);
  }
  // Every chunk, those without words too: the page tells a missing chunk (offline, never saved) from an empty one.
  const files = [partMapSplitsFile];
  for (let index = 0; index < chunks; index++) {
    const file = partMapChunkFile(index);
    const list = lines.get(index);
    writeFileSync(path.join(target, file), list ? `${list.join("\n")}\n` : "");
    files.push(file);
  }
  return files;
}
