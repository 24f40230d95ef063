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
import { nameParadigms, namesVersion, readNameLines } from "./names.ts";
import { chunkOf, lemmaOfToken } from "./words.ts";

/** File beside a part's index listing its articles' lemmas, one a line, sorted. Not served to readers' search. */
export const partLemmasFile = "lemmas.txt";
/** File beside a part's index listing the forms of its person names' lemmas (src/search/names.ts nameLines), so the table need not generate them again. */
export const partNamesFile = "names.txt";

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

/** File of the table's folder listing its split prefixes (chunkKey), one a line; the search page reads it first. */
export const splitsFile = "splits.txt";

/**
 * Bytes of `form lemma…` lines one key's group may hold before it is split by one more letter. Grouped by three
 * letters only, the при- group of the whole dictionary is 3 MB (370 KB gzipped), all of it in the one chunk a
 * query word beginning with при- loads; split, no group is over 64 KB (about 10 KB gzipped).
 */
const SPLIT_BYTES = 64 * 1024;

/** A line's bytes: a form and its lemmas, or a word of the parts map and its part list (src/search/part-map.ts). */
const lineBytes = (form: string, rest: string | readonly string[]) => Buffer.byteLength(`${form} ${typeof rest === "string" ? rest : rest.join(" ")}\n`);

/** The prefixes whose forms in `table` are grouped by one more letter, sorted: those of a group over `limit` bytes. */
export function tableSplits(table: ReadonlyMap<string, string | readonly string[]>, limit = SPLIT_BYTES): string[] {
  const forms = [...table.keys()];
  // Each form's line, measured once: a form counts again at every level its group is split to.
  const bytes = Uint32Array.from(forms, (form) => lineBytes(form, table.get(form)!));
  const splits: string[] = [];
  const split = (length: number, members: readonly number[]) => {
    const groups = new Map<string, { bytes: number; longer: number[] }>();
    for (const i of members) {
      const form = forms[i]!;
      const key = form.slice(0, length);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { bytes: 0, longer: [] }));
      group.bytes += bytes[i]!;
      // A form no longer than the key counts toward its group's size, but no group of one more letter holds it.
      if (form.length > length) group.longer.push(i);
    }
    for (const [key, group] of groups) {
      if (group.bytes <= limit || !group.longer.length) continue;
      splits.push(key);
      split(length + 1, group.longer);
    }
  };
  split(3, forms.map((_, i) => i));
  return splits.sort();
}

/** The table's chunks as text, `form lemma…` lines in form order; chunks without forms are left out. */
export function writeTableChunks(table: ReadonlyMap<string, readonly string[]>, chunks: number, splits: ReadonlySet<string> = new Set()): { index: number; text: string }[] {
  const lines = new Map<number, string[]>();
  for (const form of [...table.keys()].sort()) {
    const index = chunkOf(form, chunks, splits);
    const list = lines.get(index) ?? [];
    list.push(`${form} ${table.get(form)!.join(" ")}`);
    lines.set(index, list);
  }
  return [...lines].sort(([a], [b]) => a - b).map(([index, list]) => ({ index, text: `${list.join("\n")}\n` }));
}

export interface LemmaTablePlan {
  /** `lemmas`: with the fingerprint, its folder in `/pagefind/` (src/search/parts.ts partFolder). */
  id: string;
  /** Covers every part's fingerprint, the dictionary's version and the parts map's format: known before anything is indexed. */
  fingerprint: string;
  chunks: number;
}

/** The format of the parts map (src/search/part-map.ts), which the table's folder holds too. */
const partMapVersion = "parts map 3";

/** The table of an archive in `parts`. */
export function lemmaTablePlan(parts: readonly { fingerprint: string; articles: readonly unknown[] }[], version = `${dictionaryVersion()} ${namesVersion} ${partMapVersion}`): LemmaTablePlan {
  const chunks = chunkCount(parts.reduce((sum, part) => sum + part.articles.length, 0));
  const fingerprint = createHash("sha256").update(JSON.stringify([version, chunks, ...parts.map((p) => p.fingerprint)])).digest("hex").slice(0, 12);
  return { id: "lemmas", fingerprint, chunks };
}

/** The lemmas whose search words records carry (src/search/words.ts lemmaToken), sorted: a part's `lemmas.txt`. */
export function lemmasOfRecords(records: readonly { content: string }[]): string[] {
  const lemmas = new Set<string>();
  for (const record of records) {
    for (const word of record.content.split(/\s+/)) {
      const lemma = lemmaOfToken(word);
      if (lemma) lemmas.add(lemma);
    }
  }
  return [...lemmas].sort();
}

/**
 * The form→lemma table of `lemmas`: the dictionary's paradigms of its lemmas and the generated forms of its person
 * names (src/search/names.ts), each form with every lemma it belongs to.
 */
export function lemmaTable(lemmas: ReadonlySet<string>, dictionary: Dictionary = ukrainianDictionary(), nameForms?: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const table = paradigms(lemmas, dictionary);
  for (const [form, names] of nameParadigms(lemmas, (lemma) => nameForms?.get(lemma))) table.set(form, [...(table.get(form) ?? []), ...names].sort());
  return table;
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
  const names = new Map<string, string[]>();
  for (const folder of partFolders) {
    for (const lemma of readFileSync(path.join(folder, partLemmasFile), "utf8").split("\n")) if (lemma) lemmas.add(lemma);
    readNameLines(readFileSync(path.join(folder, partNamesFile), "utf8"), names);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const table = lemmaTable(lemmas, dictionary, names);
  const splits = tableSplits(table);
  writeFileSync(path.join(target, splitsFile), splits.map((prefix) => `${prefix}\n`).join(""));
  const files = [splitsFile];
  for (const { index, text } of writeTableChunks(table, chunks, new Set(splits))) {
    writeFileSync(path.join(target, chunkFile(index)), text);
    files.push(chunkFile(index));
  }
  return files;
}
