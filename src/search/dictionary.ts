/**
 * The Ukrainian morphological dictionary behind lemma search: Hunspell's uk_UA (npm `dictionary-uk`, from the
 * brown-uk/dict_uk project), whose affix rules we expand ourselves to get every form of every entry. The uk_UA
 * affix file uses suffix rules only, without continuation classes, so one pass over an entry's flags gives its
 * whole paradigm. The expanded entries are kept as one UTF-8 text with hash tables over it (DictionaryIndex),
 * so a build holds about 150 MB for the dictionary whatever the size of the archive.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { stemWord } from "./stemmer.ts";
import { fnv1a, isCyrillic, MIN_FALLBACK, normalizeForm } from "./words.ts";

/** One position of a Hunspell affix condition: a letter, a class `[…]`, a negated class `[^…]` or any letter. */
interface ConditionPart {
  letters?: string;
  negated: boolean;
}

interface SuffixRule {
  strip: string;
  add: string;
  /** The condition on the word's end, last position first. */
  condition: ConditionPart[];
  /** uk_UA also writes conditions as regular expressions (`(^|[^бдзс])[бвп]ити`): those are tested as such. */
  pattern?: RegExp;
}

/** A flag's rules by the last letter they accept, and those that accept any last letter. */
interface FlagRules {
  byLast: Map<string, SuffixRule[]>;
  any: SuffixRule[];
}

function parseCondition(condition: string): ConditionPart[] {
  const parts: ConditionPart[] = [];
  for (const m of condition.matchAll(/\[(\^?)([^\]]*)\]|(.)/gu)) {
    if (m[3] === ".") parts.push({ negated: true, letters: "" });
    else if (m[3] !== undefined) parts.push({ letters: m[3], negated: false });
    else parts.push({ letters: m[2]!, negated: m[1] === "^" });
  }
  return parts.reverse();
}

function meets(word: string, condition: readonly ConditionPart[]): boolean {
  if (condition.length > word.length) return false;
  for (let i = 0; i < condition.length; i++) {
    const part = condition[i]!;
    const letter = word[word.length - 1 - i]!;
    if (part.letters!.includes(letter) === part.negated) return false;
  }
  return true;
}

function parseAffixes(aff: string): Map<string, FlagRules> {
  const rules = new Map<string, FlagRules>();
  for (const line of aff.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== "SFX" || fields.length < 5) continue;
    const [, flag, strip, add, condition] = fields as [string, string, string, string, string];
    let list = rules.get(flag);
    if (!list) rules.set(flag, (list = { byLast: new Map(), any: [] }));
    // "0" is Hunspell's empty string.
    const pattern = /[()|^]/.test(condition.replace(/\[\^/g, "[")) ? new RegExp(`${condition}$`, "u") : undefined;
    const rule: SuffixRule = { strip: strip === "0" ? "" : strip, add: add === "0" ? "" : add.split("/")[0]!, condition: pattern ? [] : parseCondition(condition), ...(pattern ? { pattern } : {}) };
    const last = rule.condition[0];
    if (!last || last.negated) list.any.push(rule);
    else for (const letter of last.letters!) list.byLast.set(letter, [...(list.byLast.get(letter) ?? []), rule]);
  }
  return rules;
}

/** The forms of one dictionary line (`word/flags`), lemma first, each normalized and unique. */
export function expandEntry(line: string, rules: ReadonlyMap<string, FlagRules>): string[] {
  const slash = line.indexOf("/");
  const word = slash < 0 ? line : line.slice(0, slash);
  const flags = slash < 0 ? "" : line.slice(slash + 1);
  const forms = new Set([normalizeForm(word)]);
  const last = word[word.length - 1]!;
  for (const flag of flags) {
    const list = rules.get(flag);
    if (!list) continue;
    for (const rule of [...(list.byLast.get(last) ?? []), ...list.any]) {
      if (!word.endsWith(rule.strip) || !(rule.pattern ? rule.pattern.test(word) : meets(word, rule.condition))) continue;
      forms.add(normalizeForm(word.slice(0, word.length - rule.strip.length) + rule.add));
    }
  }
  return [...forms];
}

/**
 * The group of a verb and its other aspect, which the dictionary lists as lemmas of their own: заявити and
 * заявляти, обстріляти and обстрілювати, виступити and виступати, розповісти and розповідати; and a verb with and
 * without its reflexive -ся. Its key is the infinitive's stem without the suffixes that tell the aspects apart
 * (-ува-, -юва-, -ва-, -ну-, -а-, -я-, -и-, -і-, the л a labial takes before -я-); stems shorter than four letters
 * join too many verbs of other meanings (ставити, ставати) and have none.
 */
export function aspectGroup(lemma: string): string | undefined {
  const verb = /^(\p{L}+?)ти(?:ся)?$/u.exec(lemma);
  if (!verb) return undefined;
  const stem = verb[1]!
    .replace(/(?:ува|юва|ва|ну|я|а|и|і|ї)$/u, "")
    .replace(/([бвмпф])л$/u, "$1")
    .replace(/іс$/u, "ід");
  return stem.length >= 4 ? `~${stem}ти` : undefined;
}

export interface Dictionary {
  /** Changes whenever the dictionary does: part of the lemma table's fingerprint. */
  version: string;
  /**
   * Every entry as one `lemma…<TAB>form…` line in UTF-8 (entriesText): its forms, normalized (lower case, no
   * apostrophes), and the lemmas they belong to. Read once per dictionary, by its index.
   */
  text(): Buffer;
  /** Where the index built over the text is kept for later processes (cachedDictionary), so they need not build it. */
  store?: IndexStore;
}

/** A dictionary's text with its index's hash tables (DictionaryIndex). */
export interface StoredIndex {
  text: Buffer;
  forms: Uint32Array;
  lemmas: Uint32Array;
}

export interface IndexStore {
  /** The index kept earlier, or undefined when there is none or it is damaged. */
  read(): StoredIndex | undefined;
  write(index: StoredIndex): void;
}

/** Entries as the lines of Dictionary.text. */
export function entriesText(entries: Iterable<{ forms: readonly string[]; lemmas: readonly string[] }>): Buffer {
  const lines: Buffer[] = [];
  for (const entry of entries) lines.push(Buffer.from(`${entry.lemmas.join(" ")}\t${entry.forms.join(" ")}\n`));
  return Buffer.concat(lines);
}

const packageDir = () => path.dirname(createRequire(import.meta.url).resolve("dictionary-uk"));

/** Case endings of Ukrainian names, longest first (Путін: Путіна, Путінові, Путіним; Гетманцева: Гетманцевої). */
const NAME_ENDINGS = ["ові", "еві", "єві", "ою", "ею", "ої", "ій", "им", "ім", "ом", "ем", "а", "у", "і", "е", "ю", "я"];

let version: string | undefined;

/** The installed dictionary's version (`dictionary-uk@4.0.0`), known without reading the dictionary. */
export function dictionaryVersion(): string {
  return (version ??= `dictionary-uk@${(JSON.parse(readFileSync(path.join(packageDir(), "package.json"), "utf8")) as { version: string }).version}`);
}

let loaded: Dictionary | undefined;

/** The dictionary of the installed `dictionary-uk` package, read once per process. */
export function ukrainianDictionary(): Dictionary {
  if (loaded) return loaded;
  const dir = packageDir();
  const rules = parseAffixes(readFileSync(path.join(dir, "index.aff"), "utf8"));
  // Multi-word and hyphenated entries are never one search word.
  const lines = readFileSync(path.join(dir, "index.dic"), "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line && !/^[^/]*[\s-]/.test(line));
  // Hunspell lists irregular forms and most surnames' cases as entries of their own, without affixes (Путін,
  // Путіна; діти, дітям; Луцьк, Луцьку), so they have no lemma to share. Such a form belongs to the group of its
  // stem (src/search/stemmer.ts), which the entries with affixes of the same stem (4 letters or more) join too.
  const groupOf = (form: string) => (form.length >= MIN_FALLBACK && isCyrillic(form) ? `~${normalizeForm(stemWord(form))}` : undefined);
  // The stemmer cuts a surname's cases unevenly (Гетманцеві to гетманц, Гетманцева to гетманцев): a name's case
  // that is another listed name plus a case ending joins that name's group.
  const orphans = lines.filter((line) => !line.includes("/"));
  const names = new Set(orphans.filter((line) => /^\p{Lu}/u.test(line)).map(normalizeForm));
  const orphanGroupOf = (form: string) => {
    const ending = names.has(form) ? NAME_ENDINGS.find((e) => form.length > e.length + 2 && names.has(form.slice(0, -e.length))) : undefined;
    return groupOf(ending ? form.slice(0, -ending.length) : form);
  };
  const orphanGroups = new Set(orphans.flatMap((line) => orphanGroupOf(normalizeForm(line)) ?? []));
  const entries = lines.map((line) => {
    const slash = line.indexOf("/");
    const lemma = normalizeForm(slash < 0 ? line : line.slice(0, slash));
    const group = slash < 0 ? orphanGroupOf(lemma) : groupOf(lemma);
    const lemmas = slash < 0 ? [group ?? lemma] : group && group.length > MIN_FALLBACK + 1 && orphanGroups.has(group) ? [lemma, group] : [lemma];
    const aspect = slash < 0 ? undefined : aspectGroup(lemma);
    if (aspect) lemmas.push(aspect);
    return { line, lemmas };
  });
  loaded = {
    version: dictionaryVersion(),
    text: () => entriesText(entries.map((entry) => ({ forms: expandEntry(entry.line, rules), lemmas: entry.lemmas }))),
  };
  return loaded;
}

/** The expansion's own code: a cache written by other code is never read. */
const expansionCode = () =>
  ["dictionary", "stemmer", "words"].map((name) => readFileSync(path.join(import.meta.dirname, `${name}${path.extname(import.meta.filename)}`), "utf8")).join("\0");

const INDEX_FILE = "index.bin";
const SUM_FILE = "index.sha256";
/** The lengths of the text and of the two tables, in bytes, before them in the index file. */
const HEADER_BYTES = 12;
const padding = (length: number) => (4 - (length % 4)) % 4;

/** A table read from the file: a view where its bytes are aligned for one, else a copy. */
const tableOf = (bytes: Buffer) =>
  bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Uint32Array(Uint8Array.from(bytes).buffer);

/**
 * The dictionary expanded and indexed once into `cacheDir` (the build's cache folder, kept between builds): a later
 * process with the same dictionary and code reads the index back (about 130 MB, a fraction of a second) instead of
 * expanding 3.5 million forms and hashing them (seconds of CPU in every build's search process, rebuilds included).
 * The cache is a folder named by a hash of the dictionary's version, the expansion code and the machine's byte
 * order, holding the text and its tables in one file and that file's SHA-256. Written into a folder of its own and
 * renamed into place, so a build never reads a half-written cache; a damaged one is expanded again.
 */
export function cachedDictionary(cacheDir: string, version = dictionaryVersion(), load: () => Dictionary = ukrainianDictionary): Dictionary {
  const key = createHash("sha256").update(version).update(expansionCode()).update(os.endianness()).digest("hex").slice(0, 16);
  const dir = path.join(cacheDir, `dictionary-${key}`);
  let kept: StoredIndex | undefined;
  const store: IndexStore = {
    read() {
      if (kept) return kept;
      try {
        const file = readFileSync(path.join(dir, INDEX_FILE));
        if (createHash("sha256").update(file).digest("hex") !== readFileSync(path.join(dir, SUM_FILE), "utf8")) throw new Error("damaged");
        const [text, forms, lemmas] = [0, 4, 8].map((at) => file.readUInt32LE(at)) as [number, number, number];
        const formsAt = HEADER_BYTES + text + padding(text);
        kept = { text: file.subarray(HEADER_BYTES, HEADER_BYTES + text), forms: tableOf(file.subarray(formsAt, formsAt + forms)), lemmas: tableOf(file.subarray(formsAt + forms, formsAt + forms + lemmas)) };
        return kept;
      } catch {
        rmSync(dir, { recursive: true, force: true });
        return undefined;
      }
    },
    write(index) {
      const temporary = `${dir}.${process.pid}.tmp`;
      rmSync(temporary, { recursive: true, force: true });
      mkdirSync(temporary, { recursive: true });
      const header = Buffer.alloc(HEADER_BYTES);
      [index.text.length, index.forms.byteLength, index.lemmas.byteLength].forEach((length, i) => header.writeUInt32LE(length, i * 4));
      const pieces = [header, index.text, Buffer.alloc(padding(index.text.length)), Buffer.from(index.forms.buffer, index.forms.byteOffset, index.forms.byteLength), Buffer.from(index.lemmas.buffer, index.lemmas.byteOffset, index.lemmas.byteLength)];
      const sum = createHash("sha256");
      const fd = openSync(path.join(temporary, INDEX_FILE), "w");
      try {
        for (const piece of pieces) {
          writeSync(fd, piece);
          sum.update(piece);
        }
      } finally {
        closeSync(fd);
      }
      writeFileSync(path.join(temporary, SUM_FILE), sum.digest("hex"));
      try {
        renameSync(temporary, dir);
      } catch (error) {
        // Another build wrote the same cache first.
        rmSync(temporary, { recursive: true, force: true });
        if (!existsSync(dir)) throw error;
      }
      // Caches of another dictionary or code are of no more use.
      for (const name of readdirSync(cacheDir)) {
        if (/^dictionary-[0-9a-f]+$/.test(name) && name !== path.basename(dir)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
      }
    },
  };
  // The index's own lookup reads the store first; text() is asked only when it found none, so it expands.
  return { version, text: () => kept?.text ?? load().text(), store };
}

const TAB = 0x09;
const SPACE = 0x20;
const NEWLINE = 0x0a;

const tableSize = (count: number) => 2 ** Math.ceil(Math.log2(Math.max(16, count * 2)));

/** Calls `word` with the bounds of each word of a dictionary's text, and whether it is a form (after the tab). */
function eachWord(text: Buffer, word: (start: number, end: number, isForm: boolean) => void): void {
  let start = 0;
  let isForm = false;
  for (let i = 0; i <= text.length; i++) {
    const byte = i < text.length ? text[i]! : NEWLINE;
    if (byte !== SPACE && byte !== TAB && byte !== NEWLINE) continue;
    if (i > start) word(start, i, isForm);
    start = i + 1;
    if (byte !== SPACE) isForm = byte === TAB;
  }
}

/**
 * A dictionary's text with a hash table over its forms and one over its lemmas, each slot the byte offset of a
 * word in the text (plus one; 0 is empty): about 150 MB for uk_UA's 3.5 million forms, nearly all of it outside
 * the JavaScript heap. Built once per dictionary and process, it answers a word's lemmas and a lemma's forms in
 * a few probes. Before it, each search part streamed the whole dictionary, so the search index's build time grew
 * with the number of parts (45 of 57 seconds of CPU at 2,000 articles in 21 parts).
 */
class DictionaryIndex {
  private readonly text: Buffer;
  private readonly forms: Uint32Array;
  private readonly lemmas: Uint32Array;

  constructor({ text, forms, lemmas }: StoredIndex) {
    this.text = text;
    this.forms = forms;
    this.lemmas = lemmas;
  }

  /** The hash tables over a dictionary's text. */
  static build(text: Buffer): DictionaryIndex {
    let formCount = 0;
    let lemmaCount = 0;
    eachWord(text, (_start, _end, isForm) => (isForm ? formCount++ : lemmaCount++));
    const forms = new Uint32Array(tableSize(formCount));
    const lemmas = new Uint32Array(tableSize(lemmaCount));
    eachWord(text, (start, end, isForm) => insert(isForm ? forms : lemmas, start, fnv1a(text, start, end)));
    return new DictionaryIndex({ text, forms, lemmas });
  }

  get stored(): StoredIndex {
    return { text: this.text, forms: this.forms, lemmas: this.lemmas };
  }

  /** Where the lines holding `word` as one of `table`'s words begin. */
  linesOf(table: "forms" | "lemmas", word: string): Set<number> {
    const slots = this[table];
    const key = Buffer.from(word);
    const mask = slots.length - 1;
    const lines = new Set<number>();
    for (let slot = fnv1a(key) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const start = slots[slot]! - 1;
      const end = start + key.length;
      const after = end < this.text.length ? this.text[end] : NEWLINE;
      if ((after === SPACE || after === TAB || after === NEWLINE) && this.text.compare(key, 0, key.length, start, end) === 0) {
        lines.add(start === 0 ? 0 : this.text.lastIndexOf(NEWLINE, start - 1) + 1);
      }
    }
    return lines;
  }

  /** The lemmas of the line that begins at `start` (before its tab): all a form's lookup needs, without decoding its forms. */
  lemmasOn(start: number): string[] {
    return this.text.toString("utf8", start, this.text.indexOf(TAB, start)).split(" ");
  }

  /** The forms of the line that begins at `start` (after its tab). */
  formsOn(start: number): string[] {
    const tab = this.text.indexOf(TAB, start);
    const newline = this.text.indexOf(NEWLINE, tab);
    return this.text.toString("utf8", tab + 1, newline < 0 ? this.text.length : newline).split(" ");
  }
}

function insert(table: Uint32Array, start: number, hash: number): void {
  const mask = table.length - 1;
  let slot = hash & mask;
  while (table[slot] !== 0) slot = (slot + 1) & mask;
  table[slot] = start + 1;
}

const indexes = new WeakMap<Dictionary, DictionaryIndex>();

function indexOf(dictionary: Dictionary): DictionaryIndex {
  let index = indexes.get(dictionary);
  if (index) return index;
  const stored = dictionary.store?.read();
  if (stored) index = new DictionaryIndex(stored);
  else {
    index = DictionaryIndex.build(dictionary.text());
    dictionary.store?.write(index.stored);
  }
  indexes.set(dictionary, index);
  return index;
}

/** The lemmas of each word of `vocabulary` that the dictionary knows (a form may belong to several). */
export function lemmatize(vocabulary: ReadonlySet<string>, dictionary: Dictionary = ukrainianDictionary()): Map<string, string[]> {
  const index = indexOf(dictionary);
  const lemmas = new Map<string, string[]>();
  for (const form of vocabulary) {
    const found = new Set<string>();
    for (const line of index.linesOf("forms", form)) for (const lemma of index.lemmasOn(line)) found.add(lemma);
    if (found.size) lemmas.set(form, [...found].sort());
  }
  return lemmas;
}

/** Every form of every lemma in `lemmas`, with the lemmas each form belongs to: the query side's table. */
export function paradigms(lemmas: ReadonlySet<string>, dictionary: Dictionary = ukrainianDictionary()): Map<string, string[]> {
  const index = indexOf(dictionary);
  const lines = new Set<number>();
  for (const lemma of lemmas) for (const line of index.linesOf("lemmas", lemma)) lines.add(line);
  const table = new Map<string, string[]>();
  for (const line of lines) {
    const wanted = index.lemmasOn(line).filter((lemma) => lemmas.has(lemma));
    for (const form of index.formsOn(line)) {
      const list = table.get(form) ?? [];
      for (const lemma of wanted) if (!list.includes(lemma)) list.push(lemma);
      table.set(form, list);
    }
  }
  for (const list of table.values()) list.sort();
  return table;
}
