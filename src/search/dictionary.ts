/**
 * The Ukrainian morphological dictionary behind lemma search: Hunspell's uk_UA (npm `dictionary-uk`, from the
 * brown-uk/dict_uk project), whose affix rules we expand ourselves to get every form of every entry. The uk_UA
 * affix file uses suffix rules only, without continuation classes, so one pass over an entry's flags gives its
 * whole paradigm. Nothing here is held for the whole dictionary: entries are streamed, so memory follows what the
 * caller keeps.
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { stemWord } from "./stemmer.ts";
import { chunkOf, isCyrillic, MIN_FALLBACK, normalizeForm } from "./words.ts";

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
   * Every entry: its forms, normalized (lower case, no apostrophes), and the lemmas they belong to; only those
   * that may have a form beginning with one of `prefixes` (two letters) or that belong to one of `lemmas`.
   */
  entries(select?: { prefixes?: ReadonlySet<string>; lemmas?: ReadonlySet<string> }): Iterable<{
    forms: readonly string[];
    lemmas: readonly string[];
    /** The two letters every form of the entry begins with, when they all do. */
    prefix?: string;
  }>;
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
  // The longest ending a flag's rules strip: a form keeps the rest of its lemma's letters.
  const maxStrip = new Map([...rules].map(([flag, list]) => [flag, Math.max(0, ...[...list.byLast.values()].flat().concat(list.any).map((r) => r.strip.length))]));
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
    // Forms of an entry whose rules strip at most all but two letters all begin with its lemma's first two.
    const prefix = [...line.slice(slash + 1)].every((flag) => (maxStrip.get(flag) ?? 0) <= lemma.length - 2) ? lemma.slice(0, 2) : undefined;
    return { line, lemmas, prefix };
  });
  loaded = {
    version: dictionaryVersion(),
    *entries(select = {}) {
      for (const entry of entries) {
        if (select.lemmas && !entry.lemmas.some((lemma) => select.lemmas!.has(lemma))) continue;
        if (select.prefixes && entry.prefix !== undefined && !select.prefixes.has(entry.prefix)) continue;
        yield { forms: expandEntry(entry.line, rules), lemmas: entry.lemmas, ...(entry.prefix === undefined ? {} : { prefix: entry.prefix }) };
      }
    },
  };
  return loaded;
}

/** Files of an expanded dictionary in the cache: entries spread by the first two letters of their word. */
const CACHE_BUCKETS = 256;
/** A bucket's lines are gzipped and appended once they pass this size: what the cache's writer holds per bucket. */
const CACHE_FLUSH = 64 * 1024;
const bucketOf = (prefix: string | undefined) => (prefix === undefined ? CACHE_BUCKETS : chunkOf(prefix, CACHE_BUCKETS));
const bucketFile = (bucket: number) => `${bucket}.gz`;

/** The expansion's own code: a cache written by other code is never read. */
const expansionCode = () =>
  ["dictionary", "stemmer", "words"].map((name) => readFileSync(path.join(import.meta.dirname, `${name}${path.extname(import.meta.filename)}`), "utf8")).join("\0");

/**
 * The dictionary expanded once into `cacheDir` (the build's cache folder, kept between builds) and read back from
 * there: a later build with the same dictionary and the same code skips reading the dictionary and expanding its
 * 3.5 million forms, which takes seconds. The cache is a folder named by a hash of the dictionary's version and
 * the expansion code; each of its files holds the entries of some two-letter beginnings, `lemma…<TAB>form…` lines,
 * gzipped, so a reader holds one file at a time and the writer a bounded buffer per file. Written into a
 * folder of its own and renamed into place, so a build never reads a half-written cache.
 */
export function cachedDictionary(cacheDir: string, version = dictionaryVersion(), load: () => Dictionary = ukrainianDictionary): Dictionary {
  const key = createHash("sha256").update(version).update(expansionCode()).digest("hex").slice(0, 16);
  const dir = path.join(cacheDir, `dictionary-${key}`);
  const expand = () => {
    const temporary = `${dir}.${process.pid}.tmp`;
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary, { recursive: true });
    const pending = new Map<number, string[]>();
    const sizes = new Map<number, number>();
    const flush = (bucket: number) => {
      appendFileSync(path.join(temporary, bucketFile(bucket)), gzipSync(pending.get(bucket)!.join(""), { level: 1 }));
      pending.set(bucket, []);
      sizes.set(bucket, 0);
    };
    for (const entry of load().entries()) {
      const bucket = bucketOf(entry.prefix);
      const line = `${entry.lemmas.join(" ")}\t${entry.forms.join(" ")}\n`;
      const lines = pending.get(bucket) ?? [];
      lines.push(line);
      pending.set(bucket, lines);
      sizes.set(bucket, (sizes.get(bucket) ?? 0) + line.length);
      if (sizes.get(bucket)! > CACHE_FLUSH) flush(bucket);
    }
    for (const [bucket, lines] of pending) if (lines.length) flush(bucket);
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
  };
  return {
    version,
    *entries(select = {}) {
      if (!existsSync(dir)) expand();
      const buckets = select.prefixes ? new Set([...select.prefixes, undefined].map(bucketOf)) : undefined;
      for (const file of readdirSync(dir)) {
        if (buckets && !buckets.has(Number.parseInt(file, 10))) continue;
        for (const line of gunzipSync(readFileSync(path.join(dir, file))).toString("utf8").split("\n")) {
          const tab = line.indexOf("\t");
          if (tab < 0) continue;
          const lemmas = line.slice(0, tab).split(" ");
          if (select.lemmas && !lemmas.some((lemma) => select.lemmas!.has(lemma))) continue;
          yield { forms: line.slice(tab + 1).split(" "), lemmas };
        }
      }
    },
  };
}

/** The lemmas of each word of `vocabulary` that the dictionary knows (a form may belong to several). */
export function lemmatize(vocabulary: ReadonlySet<string>, dictionary: Dictionary = ukrainianDictionary()): Map<string, string[]> {
  const lemmas = new Map<string, string[]>();
  const prefixes = new Set([...vocabulary].map((form) => form.slice(0, 2)));
  for (const entry of dictionary.entries({ prefixes })) {
    for (const form of entry.forms) {
      if (!vocabulary.has(form)) continue;
      const list = lemmas.get(form) ?? [];
      for (const lemma of entry.lemmas) if (!list.includes(lemma)) list.push(lemma);
      lemmas.set(form, list);
    }
  }
  for (const list of lemmas.values()) list.sort();
  return lemmas;
}

/** Every form of every lemma in `lemmas`, with the lemmas each form belongs to: the query side's table. */
export function paradigms(lemmas: ReadonlySet<string>, dictionary: Dictionary = ukrainianDictionary()): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const entry of dictionary.entries({ lemmas })) {
    const wanted = entry.lemmas.filter((lemma) => lemmas.has(lemma));
    if (!wanted.length) continue;
    for (const form of entry.forms) {
      const list = table.get(form) ?? [];
      for (const lemma of wanted) if (!list.includes(lemma)) list.push(lemma);
      table.set(form, list);
    }
  }
  for (const list of table.values()) list.sort();
  return table;
}
