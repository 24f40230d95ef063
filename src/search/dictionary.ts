/**
 * The Ukrainian morphological dictionary behind lemma search: Hunspell's uk_UA (npm `dictionary-uk`, from the
 * brown-uk/dict_uk project), whose affix rules we expand ourselves to get every form of every entry. The uk_UA
 * affix file uses suffix rules only, without continuation classes, so one pass over an entry's flags gives its
 * whole paradigm. Nothing here is held for the whole dictionary: entries are streamed, so memory follows what the
 * caller keeps.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { stemWord } from "./stemmer.ts";
import { isCyrillic, MIN_FALLBACK, normalizeForm } from "./words.ts";

interface SuffixRule {
  strip: string;
  add: string;
  condition: RegExp;
}

export interface Dictionary {
  /** Changes whenever the dictionary does: part of the lemma table's fingerprint. */
  version: string;
  /** Every entry: its forms, normalized (lower case, no apostrophes), and the lemmas they belong to. */
  entries(): Iterable<{ forms: readonly string[]; lemmas: readonly string[] }>;
}

const packageDir = () => path.dirname(createRequire(import.meta.url).resolve("dictionary-uk"));

function parseAffixes(aff: string): Map<string, SuffixRule[]> {
  const rules = new Map<string, SuffixRule[]>();
  for (const line of aff.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== "SFX" || fields.length < 5) continue;
    const [, flag, strip, add, condition] = fields as [string, string, string, string, string];
    const list = rules.get(flag) ?? [];
    // "0" is Hunspell's empty string; "." matches any letter.
    list.push({ strip: strip === "0" ? "" : strip, add: add === "0" ? "" : add.split("/")[0]!, condition: new RegExp(`${condition === "." ? "" : condition}$`, "u") });
    rules.set(flag, list);
  }
  return rules;
}

/** The forms of one dictionary line (`word/flags`), lemma first, each normalized and unique. */
export function expandEntry(line: string, rules: ReadonlyMap<string, readonly SuffixRule[]>): string[] {
  const slash = line.indexOf("/");
  const word = slash < 0 ? line : line.slice(0, slash);
  const flags = slash < 0 ? "" : line.slice(slash + 1);
  const forms = new Set([normalizeForm(word)]);
  for (const flag of flags) {
    for (const rule of rules.get(flag) ?? []) {
      if (!rule.condition.test(word) || !word.endsWith(rule.strip)) continue;
      forms.add(normalizeForm(word.slice(0, word.length - rule.strip.length) + rule.add));
    }
  }
  return [...forms];
}

let loaded: Dictionary | undefined;

/** The dictionary of the installed `dictionary-uk` package, read once per process. */
export function ukrainianDictionary(): Dictionary {
  if (loaded) return loaded;
  const dir = packageDir();
  const version = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  const rules = parseAffixes(readFileSync(path.join(dir, "index.aff"), "utf8"));
  const dic = readFileSync(path.join(dir, "index.dic"), "utf8");
  // Multi-word and hyphenated entries are never one search word.
  const lines = () => dic.split("\n").slice(1).map((line) => line.trim()).filter((line) => line && !/^[^/]*[\s-]/.test(line));
  // Hunspell lists irregular forms and most surnames' cases as entries of their own, without affixes (Путін,
  // Путіна; діти, дітям; Луцьк, Луцьку), so they have no lemma to share. Such a form belongs to the group of its
  // stem (src/search/stemmer.ts), which the entries with affixes of the same stem join too.
  const orphanGroup = (form: string) => (form.length >= MIN_FALLBACK && isCyrillic(form) ? `~${normalizeForm(stemWord(form))}` : undefined);
  const orphanGroups = new Set(lines().filter((line) => !line.includes("/")).flatMap((line) => orphanGroup(normalizeForm(line)) ?? []));
  loaded = {
    version: `dictionary-uk@${version}`,
    *entries() {
      for (const line of lines()) {
        const forms = expandEntry(line, rules);
        const group = orphanGroup(forms[0]!);
        if (!line.includes("/")) yield { forms, lemmas: group ? [group] : forms };
        else yield { forms, lemmas: group && group.length > MIN_FALLBACK + 1 && orphanGroups.has(group) ? [forms[0]!, group] : [forms[0]!] };
      }
    },
  };
  return loaded;
}

/** The lemmas of each word of `vocabulary` that the dictionary knows (a form may belong to several). */
export function lemmatize(vocabulary: ReadonlySet<string>, dictionary: Dictionary = ukrainianDictionary()): Map<string, string[]> {
  const lemmas = new Map<string, string[]>();
  for (const entry of dictionary.entries()) {
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
  for (const entry of dictionary.entries()) {
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
