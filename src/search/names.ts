/**
 * Person names the dictionary lacks (new politicians, rare surnames, foreign names): their case forms, generated at
 * build time with the `shevchenko` package (declension of Ukrainian anthroponyms, MIT), are grouped under one name
 * lemma `@<nominative>`, so that a query in any case finds an article holding the name in another case, a case no
 * article holds included. Words the dictionary knows keep their dictionary lemmas (src/search/dictionary.ts).
 *
 * shevchenko declines from the nominative only, and an article may hold a name in any case: each form found is
 * read back to the nominatives it could be a case of (Кушнірка → Кушнірок, Чорнобайця → Чорнобаєць, Сибізі →
 * Сибіга), and each nominative whose generated paradigm holds the form is one of the form's lemmas.
 *
 * Version 2.2.0 of shevchenko, not 3.x: 3.x depends on @tensorflow/tfjs (about 280 MB in node_modules, 70 packages)
 * for the same rules, where 2.2.0 brings `synaptic` (13 MB in all); see the README.
 */
import { createRequire } from "node:module";
import { isCyrillic, isNameLemma, MIN_FALLBACK, nameLemma, WORD } from "./words.ts";

/** Changes whenever the forms generated for a name may: part of the lemma table's fingerprint. */
export const namesVersion = "shevchenko@2.2.0/names-1";

type Gender = "male" | "female";
type NamePart = "firstName" | "lastName" | "middleName";
type Inflect = (anthroponym: { gender: Gender } & Partial<Record<NamePart, string>>) => Partial<Record<NamePart, string>>;
interface Shevchenko {
  inGenitive: Inflect;
  inDative: Inflect;
  inAccusative: Inflect;
  inAblative: Inflect;
  inLocative: Inflect;
  inVocative: Inflect;
}

let library: Shevchenko | undefined;
/** Loaded on the first name: it costs about a second of CPU, which an archive without unknown names never pays. */
const shevchenko = () => (library ??= createRequire(import.meta.url)("shevchenko") as Shevchenko);

/** Every case but the nominative, which shevchenko gives back as it is. */
const CASES = ["inGenitive", "inDative", "inAccusative", "inAblative", "inLocative", "inVocative"] as const;

const VOWELS = "аеєиіїоуюя";
const CONSONANT = "[бвгґджзклмнпрстфхцчшщ]";

/**
 * A name's readings: which of shevchenko's declensions a nominative of this shape may follow. Surnames of an
 * adjective's shape are not among them (see adjectiveForms).
 */
function readings(nominative: string): [Gender, NamePart][] {
  const list: [Gender, NamePart][] = [];
  // A man's given name is declined as a surname of its shape is (shevchenko's rules for given names only are for
  // names the dictionary lists: Федір, Женя); a name in -ій may be a noun (Гордій), and -их is not declined.
  if (/ій$/u.test(nominative)) list.push(["male", "firstName"]);
  else if (!/(?:ий|ой|их)$/u.test(nominative)) list.push(["male", "lastName"]);
  if (/[аяь]$/u.test(nominative)) list.push(["female", "firstName"]);
  if (/(?:ович|евич|євич|йович)$/u.test(nominative)) list.push(["male", "middleName"]);
  if (/(?:івна|ївна)$/u.test(nominative)) list.push(["female", "middleName"]);
  return list;
}

/** Endings of surnames declined as adjectives, by case: masculine hard (Зеленський, Толстой) and soft (Крайній), feminine (Коцюбинецька, Умєрова). */
const ADJECTIVES: readonly { nominative: RegExp; endings: Partial<Record<Case, readonly string[]>> }[] = [
  { nominative: /^(.+?)(?:ий|ой)$/u, endings: { inGenitive: ["ого"], inAccusative: ["ого"], inDative: ["ому"], inAblative: ["им"], inLocative: ["ому", "ім"] } },
  { nominative: /^(.+?)ій$/u, endings: { inGenitive: ["ього"], inAccusative: ["ього"], inDative: ["ьому"], inAblative: ["ім"], inLocative: ["ьому", "ім"] } },
  { nominative: /^(.+(?:ськ|цьк|зьк|ов|ев|єв|ін|їн))а$/u, endings: { inGenitive: ["ої"], inDative: ["ій"], inAccusative: ["у"], inAblative: ["ою"], inLocative: ["ій"] } },
];

/**
 * The forms of a surname of an adjective's shape in `cases`. Generated here, not by shevchenko: it tells such a
 * surname from a noun (Кучма, Основа) with a neural network of about 10 ms a case on our machines, which for the
 * thousands of names an archive's part may hold would cost more than the rest of its search index. A feminine one
 * is declined as a given name too (a noun), so both readings are in its paradigm.
 */
function adjectiveForms(nominative: string, cases: readonly Case[]): string[] {
  const forms: string[] = [];
  for (const { nominative: shape, endings } of ADJECTIVES) {
    const stem = shape.exec(nominative)?.[1];
    if (stem) for (const grammaticalCase of cases) for (const ending of endings[grammaticalCase] ?? []) forms.push(stem + ending);
  }
  return forms;
}

/** Paradigms kept for the names of the parts a process indexes (names recur); dropped past this many, so memory stays bounded. */
const MAX_DECLINED = 20_000;
const declined = new Map<string, string[]>();

type Case = (typeof CASES)[number];

/**
 * The forms of the name `nominative` (lower case, as the dictionary's forms are) in `cases`, in each of its
 * readings. Beside shevchenko's forms: a masculine dative in -ові/-еві/-єві where it gives -у/-ю (Кошовцеві beside
 * Кошовцю), and a surname whose last syllable has і declined with о or е as well (Білобір: Білобора, Добровір:
 * Добровора), as Ukrainian surnames often are.
 */
function decline(nominative: string, cases: readonly Case[]): Set<string> {
  const lib = shevchenko();
  const inflect = (name: string, gender: Gender, part: NamePart, grammaticalCase: Case) => lib[grammaticalCase]({ gender, [part]: name })[part]?.toLowerCase();
  const forms = new Set(adjectiveForms(nominative, cases));
  for (const [gender, part] of readings(nominative)) {
    for (const grammaticalCase of cases) {
      const form = inflect(nominative, gender, part, grammaticalCase);
      if (!form) continue;
      forms.add(form);
      // The dative of a masculine noun: -у/-ю and -ові/-еві/-єві are both right.
      if (grammaticalCase !== "inDative" || gender !== "male" || part === "middleName" || form === nominative) continue;
      if (form.endsWith("у")) forms.add(`${form.slice(0, -1)}ові`);
      else if (form.endsWith("ю")) forms.add(`${form.slice(0, -1)}${VOWELS.includes(form.at(-2)!) || form.at(-2) === "й" ? "єві" : "еві"}`);
    }
  }
  // Not the possessive -ів/-їв nor the -ін/-їн of Russian surnames (Путін: Путіна).
  const alternating = new RegExp(`^(.*${CONSONANT})і(${CONSONANT}ь?)$`, "u").exec(nominative);
  if (alternating && !/(?:ів|їв|ін|їн)$/u.test(nominative)) {
    for (const vowel of ["о", "е"]) {
      const other = `${alternating[1]}${vowel}${alternating[2]}`;
      for (const grammaticalCase of cases) {
        const form = inflect(other, "male", "lastName", grammaticalCase);
        if (form && form !== other) forms.add(form);
      }
    }
  }
  return forms;
}

/** Every case form of the name `nominative` in each of its readings, the nominative first (see decline). */
export function nameForms(nominative: string): string[] {
  const known = declined.get(nominative);
  if (known) return known;
  const list = [...new Set([nominative, ...decline(nominative, CASES)])];
  if (declined.size >= MAX_DECLINED) declined.clear();
  declined.set(nominative, list);
  return list;
}

/** The cases a form's ending may belong to: testing a guessed nominative asks shevchenko for these only. */
function casesOf(form: string): readonly Case[] {
  if (/(?:ові|еві|єві|ій)$/u.test(form)) return ["inDative", "inLocative"];
  if (/ому$/u.test(form)) return ["inDative"];
  if (/(?:ом|ем|єм|ою|ею|єю|им)$/u.test(form)) return ["inAblative"];
  if (/ім$/u.test(form)) return ["inAblative", "inLocative"];
  if (/ого$/u.test(form)) return ["inGenitive"];
  if (/[ая]$/u.test(form)) return ["inGenitive", "inAccusative"];
  if (/(?:ої|и)$/u.test(form)) return ["inGenitive"];
  if (/[ую]$/u.test(form)) return ["inDative", "inAccusative", "inLocative", "inVocative"];
  if (/[іїь]$/u.test(form)) return ["inGenitive", "inDative", "inLocative"];
  if (/[еєо]$/u.test(form)) return ["inVocative"];
  return CASES;
}

/** Whether `form` is a case of the name `nominative`. */
const isCaseOf = (form: string, nominative: string) => declined.get(nominative)?.includes(form) ?? decline(nominative, casesOf(form)).has(form);

/**
 * Case endings a form may carry, longest first, each with the endings of the nominatives it may be a case of:
 * masculine nouns (Стармер, Кошовець, Коцюбайло), masculine adjectives (Зеленський), feminine nouns and adjectives
 * (Ладислава, Коцюбинецька). Adjectives' -ий/-ій are guessed only from their own cases.
 */
const CASE_ENDINGS: readonly (readonly [string, readonly string[]])[] = [
  ["ові", ["", "ь", "й", "о"]],
  ["еві", ["", "ь", "й", "о"]],
  ["єві", ["", "ь", "й", "о"]],
  ["ого", ["ий", "ій"]],
  ["ому", ["ий", "ій"]],
  ["ою", ["а", "я"]],
  ["ею", ["а", "я"]],
  ["єю", ["а", "я"]],
  ["ої", ["а"]],
  ["ом", ["", "ь", "й", "о"]],
  ["ем", ["", "ь", "й", "о"]],
  ["єм", ["", "ь", "й", "о"]],
  ["им", ["ий"]],
  ["ім", ["ій"]],
  ["ій", ["а", "я"]],
  ["а", ["", "ь", "й", "о"]],
  ["я", ["", "ь", "й", "о"]],
  ["у", ["", "ь", "й", "о", "а"]],
  ["ю", ["", "ь", "й", "о", "я"]],
  ["і", ["", "ь", "а", "я"]],
  ["ї", ["я"]],
  ["е", [""]],
  ["о", ["а"]],
  ["и", ["а", "я"]],
];

/** Endings no Ukrainian nominative has: й or ь after a consonant that cannot take it, ь after a vowel, -Cць. */
const IMPOSSIBLE = new RegExp(`(?:${CONSONANT}й|[аеєиіїоуюябвгґжкмпрфхчшщ]ь|${CONSONANT}ць)$`, "u");

/** Masculine nominatives whose other cases have the stem `stem` after a change of a vowel. */
function alternations(stem: string, out: Set<string>): void {
  // A vowel the nominative has and the other cases lose: Кошовець/Кошовця, Чорнобаєць/Чорнобайця, Гуцулець/Гуцульця, Кушнірок/Кушнірка.
  if (stem.endsWith("ц")) out.add(stem.at(-2) === "й" ? `${stem.slice(0, -2)}єць` : stem.at(-2) === "ь" ? `${stem.slice(0, -2)}ець` : `${stem.slice(0, -1)}ець`);
  if (new RegExp(`${CONSONANT}к$`, "u").test(stem)) out.add(`${stem.slice(0, -1)}ок`);
  // о or е that is і in the nominative's closed last syllable: Добровора/Добровір, Сіроконя/Сірокінь.
  for (const base of [stem, `${stem}ь`]) {
    const m = new RegExp(`^(.*${CONSONANT})[ое](${CONSONANT}ь?)$`, "u").exec(base);
    if (m) out.add(`${m[1]}і${m[2]}`);
  }
}

/** Nominatives `form` could be a case of, the likeliest first, before checking them: see nominativesOf. */
function guesses(form: string): string[] {
  const out = new Set<string>();
  for (const [ending, nominatives] of CASE_ENDINGS) {
    if (!form.endsWith(ending) || form.length - ending.length < 2) continue;
    const stem = form.slice(0, -ending.length);
    // The alternations first: where shevchenko's paradigm confirms one, it is the name (Кушнірок, not Кушнірк).
    if (nominatives.includes("")) alternations(stem, out);
    for (const nominative of nominatives) out.add(stem + nominative);
  }
  // г, к, х before the -і of the dative and locative: Сибізі/Сибіга, Кушнірці/Кушнірка.
  if (form.endsWith("і")) {
    const velar = { з: "г", ц: "к", с: "х" }[form.at(-2)!];
    if (velar) for (const nominative of ["а", "я"]) out.add(`${form.slice(0, -2)}${velar}${nominative}`);
  }
  out.delete(form);
  return [...out].filter((guess) => guess.length >= MIN_FALLBACK && !IMPOSSIBLE.test(guess));
}

/**
 * Whether a form read as a nominative of its own declines: read as indeclinable it adds nothing to another reading.
 * A form in an adjective's oblique case (Зеленського, Коцюбинецькій) is none: as a nominative it is unlikely.
 */
function declinesAsNominative(form: string): boolean {
  if (/(?:ого|ому|ої|ій|им|ім)$/u.test(form)) return false;
  return [...decline(form, ["inGenitive"])].some((genitive) => genitive !== form);
}

/** Name lemmas a form has at most: a form of an unknown name is often a case of a few nominatives (Стармера: Стармер, Стармеро, Стармера). */
const MAX_NOMINATIVES = 4;

/**
 * The nominatives whose generated paradigm holds `form` (lower case), the form itself first when it is one.
 * A form no nominative but itself declines to is its own (an indeclinable name: Мазурашу).
 */
export function nominativesOf(form: string): string[] {
  const found = guesses(form).filter((guess) => isCaseOf(form, guess));
  if (!found.length || declinesAsNominative(form)) found.unshift(form);
  return found.slice(0, MAX_NOMINATIVES);
}

/** Where a sentence ends or a quotation starts: the next word's capital letter says nothing of it being a name. */
const SENTENCE_BREAKS = new Set(".!?…\n«\"„“");
const NAME_SHAPE = /^\p{Lu}\p{Ll}/u;

/**
 * The words of `texts` (normalized, as `normalize` makes them) that look like person names: written with a capital
 * letter inside a sentence, never in lower case, Cyrillic and at least MIN_FALLBACK letters long. A capital at a
 * sentence's start says nothing, so a name only ever written there is not found (its forms still meet by the
 * stemmer's prefix, src/search/words.ts planQuery).
 */
export function nameCandidates(texts: Iterable<string>, normalize: (word: string) => string): Set<string> {
  const capitalised = new Set<string>();
  // Words as written: normalized once each at the end, not at each of their occurrences.
  const lower = new Set<string>();
  for (const text of texts) {
    let end = 0;
    for (const match of text.matchAll(WORD)) {
      const word = match[0];
      const at = match.index;
      const gap = end;
      end = at + word.length;
      if (!NAME_SHAPE.test(word)) {
        if (word[0] !== word[0]!.toUpperCase()) lower.add(word);
        continue;
      }
      if (gap === 0 || word.length < MIN_FALLBACK) continue;
      let start = false;
      for (let i = gap; i < at && !start; i++) start = SENTENCE_BREAKS.has(text[i]!);
      if (!start) capitalised.add(word);
    }
  }
  const names = new Set<string>();
  for (const word of capitalised) {
    const form = normalize(word);
    if (isCyrillic(form)) names.add(form);
  }
  for (const word of lower) names.delete(normalize(word));
  return names;
}

/**
 * Name lemmas of the `candidates` (nameCandidates) that `known` (the dictionary's lemmas) lacks. Generated only for
 * those: a dictionary word keeps its dictionary lemmas.
 */
export function nameLemmas(candidates: Iterable<string>, known: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const lemmas = new Map<string, string[]>();
  for (const form of candidates) if (!known.has(form)) lemmas.set(form, nominativesOf(form).map(nameLemma));
  return lemmas;
}

/**
 * Every form of every name lemma among `lemmas`, with the name lemmas it belongs to: the name part of the lemma
 * table. `formsOf` gives a lemma's forms as a part wrote them (nameLines), else they are generated again.
 */
export function nameParadigms(lemmas: Iterable<string>, formsOf: (lemma: string) => readonly string[] | undefined = () => undefined): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const lemma of lemmas) {
    if (!isNameLemma(lemma)) continue;
    for (const form of formsOf(lemma) ?? nameForms(lemma.slice(1))) {
      const list = table.get(form) ?? [];
      if (!list.includes(lemma)) list.push(lemma);
      table.set(form, list);
    }
  }
  return table;
}

/** The name lemmas among `lemmas` with their forms, a `@lemma form…` line each: a part's `names.txt`. */
export function nameLines(lemmas: Iterable<string>): string {
  const lines: string[] = [];
  for (const lemma of lemmas) if (isNameLemma(lemma)) lines.push(`${lemma} ${nameForms(lemma.slice(1)).join(" ")}\n`);
  return lines.join("");
}

/** nameLines as written, read back into `forms` (lemma → forms). */
export function readNameLines(text: string, forms: Map<string, string[]>): void {
  for (const line of text.split("\n")) {
    const [lemma, ...list] = line.split(" ");
    if (lemma && list.length) forms.set(lemma, list);
  }
}
