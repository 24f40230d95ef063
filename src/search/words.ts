/**
 * Lemma search, shared by the build (what each article adds to its search record) and the search page (what a
 * query becomes). Free of Node and of the DOM.
 *
 * Pagefind matches every query term as a prefix of indexed words, and has no Ukrainian stemmer. So each article's
 * record ends with hidden search words (its "tail"): for every word the dictionary knows, a lemma token
 * `<lemma>zz` (the closing mark makes a prefix match exact: `радаzz` never reaches `радарzz`); for every other
 * Cyrillic word of 3 letters or more, `zq<word>`, which the query reaches with the current stemmer's prefix. A query
 * word becomes the token of its lemma(s), looked up in a form→lemma table of the archive's paradigms
 * (src/search/lemma-table.ts), or `zq<stem>` when the table lacks it. Stop words are never tokens, so no query word
 * matches `за`, `в` or `і`; a query of stop words only is searched as typed. The mark comes after the lemma so that
 * Pagefind's index, sorted by word, keeps the token beside the lemma's own forms (a Latin letter sorts before every
 * Cyrillic one: `уряд`, `урядzz`, `уряду`): the first search loads one index chunk per part for both the token and
 * the word as typed. Tail words are Cyrillic followed by a Latin `z` mark, or a Latin `zq` followed by Cyrillic,
 * which real text never has, so the page can tell them apart and never show them.
 */
import { stemWord } from "./stemmer.ts";

/** Apostrophes as Ukrainian is typed (', ’, ʼ, ‘, `, ´) and the stress mark: not part of a word's identity. */
const IGNORED = /['’ʼ‘`´\u0301]/gu;

/** Lower case (Ukrainian rules), without apostrophes or stress marks: the dictionary's and the table's key. */
export function normalizeForm(word: string): string {
  // Plain toLowerCase: Ukrainian has no locale-specific case rules, and the locale-aware one is far slower.
  return word.toLowerCase().replace(IGNORED, "");
}

/**
 * Prepositions, conjunctions and particles: found in nearly every article, so a query word must never match
 * them on their own. Written normalized.
 */
export const stopWords: ReadonlySet<string> = new Set(
  (
    "а б би бо в во від віді до з за зі із зо і й к ж же й на над наді о об обо од по під піді при про поза " +
    "понад проти та те ти то у уже хоч чи що як але або аби адже ані бодай навіть ну ось он от це цей ця ці " +
    "із-за з-за з-під через між біля коло поміж серед після перед передо для без крізь та й не ні теж також вже ще"
  ).split(/\s+/),
);

/** Words of a text: letters and digits, apostrophes inside a word kept (об'єкт); hyphens separate. */
export const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ‘`´][\p{L}\p{M}\p{N}]+)*/gu;
const CYRILLIC = /^[\p{Script=Cyrillic}]+$/u;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export const isCyrillic = (normalized: string) => CYRILLIC.test(normalized);

/** A person's name the dictionary lacks, as a lemma (src/search/names.ts): `@<nominative>`. */
export const nameLemma = (nominative: string) => `@${nominative}`;
export const isNameLemma = (lemma: string) => lemma.startsWith("@");

/**
 * The version of the search words' spelling and of what else a record holds (the dateline stored unsearchable): it
 * enters every search part's fingerprint (src/search/index.ts), so an index written otherwise is never reused.
 */
export const searchWordsVersion = "lemma-mark-after-2";

/** The mark after a lemma in its search word, by the mark its lemma starts with (none for a dictionary lemma). */
const TOKEN_MARK: Readonly<Record<string, string>> = { "~": "zs", "@": "zn" };
const LEMMA_MARK: Readonly<Record<string, string>> = { z: "", s: "~", n: "@" };
const LEMMA_TOKEN = /^(\p{Script=Cyrillic}+)z([zsn])$/u;

/**
 * The hidden search word that every form of `lemma` adds to an article. A lemma `~stem` is a group of forms the
 * dictionary lists without a lemma (src/search/dictionary.ts), `@nominative` a person's name the dictionary lacks
 * (src/search/names.ts). No search word starts with another's (a lemma is Cyrillic, its mark Latin), nor does any
 * word of real text, so a query term that is a whole search word finds that word only.
 */
export const lemmaToken = (lemma: string) => {
  const mark = TOKEN_MARK[lemma[0]!];
  return mark ? `${lemma.slice(1)}${mark}` : `${lemma}zz`;
};
/** The lemma of a lemma's search word (lemmaToken undone); undefined for any other word. */
export const lemmaOfToken = (word: string): string | undefined => {
  const token = LEMMA_TOKEN.exec(word);
  return token ? LEMMA_MARK[token[2]!]! + token[1]! : undefined;
};
/** Whether a query term is a lemma's or a name's whole search word (lemmaToken), which no other search word starts with. */
export const isLemmaToken = (term: string) => LEMMA_TOKEN.test(term);
/** The hidden search word of a word the dictionary does not know; reached by the prefix of its stem. */
export const unknownToken = (word: string) => `zq${word}`;
/**
 * Pagefind (1.5 and later) makes every word of a record's metadata searchable, but only the headline, lead and body
 * may be: `2024` must not find every article dated 2024. The dateline is therefore stored as a single word that no
 * query reaches (`zzm` and the hex of its UTF-8 bytes: letters and digits only, so Pagefind does not split it) and
 * read back for display.
 */
const UNSEARCHABLE = "zzm";
export function unsearchable(text: string): string {
  return UNSEARCHABLE + Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
/** The text of an `unsearchable` value; any other value as it is. */
export function readUnsearchable(value: string): string {
  if (!value.startsWith(UNSEARCHABLE)) return value;
  const hex = value.slice(UNSEARCHABLE.length).match(/[0-9a-f]{2}/g) ?? [];
  return new TextDecoder().decode(Uint8Array.from(hex, (byte) => parseInt(byte, 16)));
}

/** Whether a word of a record's content is a hidden search word. */
export const isTailWord = (word: string) => isLemmaToken(word) || /^zq\p{Script=Cyrillic}/u.test(word);

/** Words of at least this many letters, unknown to the dictionary, fall back to the stemmer's prefix. */
export const MIN_FALLBACK = 3;

/**
 * The hidden search words of an article's headline, lead and body, given the lemmas of the words the dictionary
 * knows. Headline tokens come three times and lead tokens twice, so that Pagefind ranks an article whose headline
 * holds the word above one that merely mentions it. A word the dictionary does not know may have `namesOf` lemmas
 * (src/search/names.ts) beside its stemmer's word.
 */
export function searchTail(
  fields: { headline: string; lead?: string; body: string },
  lemmasOf: (form: string) => readonly string[] | undefined,
  namesOf: (form: string) => readonly string[] | undefined = () => undefined,
): string {
  const tokensOf = (text: string): string[] => {
    const tokens = new Set<string>();
    for (const word of wordsOf(text)) {
      const form = normalizeForm(word);
      if (stopWords.has(form) || !isCyrillic(form)) continue;
      const lemmas = lemmasOf(form);
      if (lemmas) for (const lemma of lemmas) tokens.add(lemmaToken(lemma));
      else if (form.length >= MIN_FALLBACK) {
        for (const lemma of namesOf(form) ?? []) tokens.add(lemmaToken(lemma));
        tokens.add(unknownToken(form));
      }
    }
    return [...tokens];
  };
  const headline = tokensOf(fields.headline);
  const lead = tokensOf(fields.lead ?? "");
  return [...headline, ...headline, ...headline, ...lead, ...lead, ...tokensOf(fields.body)].join(" ");
}

/**
 * The letters that choose a form's chunk of the lemma table: its first three, and one more for as long as the
 * table lists those letters among its `splits` (prefixes shared by too many forms to keep in one chunk: при-,
 * пере-, роз-…). Forms sharing their key share a chunk, so typo suggestions look there.
 */
export function chunkKey(form: string, splits?: ReadonlySet<string>): string {
  let key = form.slice(0, 3);
  while (splits?.has(key) && key.length < form.length) key = form.slice(0, key.length + 1);
  return key;
}

/**
 * 32-bit FNV-1a of `units[start, end)`: bytes, or a string's code points. The search code's one hash: the lemma
 * table's chunk numbers (chunkOf) are computed with it at build time and on the search page, so its values are part
 * of the built site's format; the dictionary's hash tables use it too.
 */
export function fnv1a(units: ArrayLike<number>, start = 0, end = units.length): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ units[i]!, 0x01000193);
  return hash >>> 0;
}

/** The chunk of a key (a form's first letters, see chunkKey): the lemma table's and the parts map's. */
export function chunkOfKey(key: string, chunks: number): number {
  return fnv1a(Array.from(key, (char) => char.codePointAt(0)!)) % chunks;
}

/** The lemma table's chunk of a form (chunkKey). */
export function chunkOf(form: string, chunks: number, splits?: ReadonlySet<string>): number {
  return chunkOfKey(chunkKey(form, splits), chunks);
}

/** A chunk of the lemma table as written: `form lemma1 lemma2…` lines. */
export function parseChunk(text: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const [form, ...lemmas] = line.split(" ");
    if (form && lemmas.length) table.set(form, lemmas);
  }
  return table;
}

/**
 * The lemmas of `form` in a chunk of the lemma table as written, found without reading the rest of the chunk: a
 * query needs a few forms of a chunk of thousands, and parsing it all is a long task on a slow phone.
 */
export function chunkLemmas(chunk: string, form: string): string[] | undefined {
  const key = `${form} `;
  const at = chunk.startsWith(key) ? 0 : chunk.indexOf(`\n${key}`) + 1;
  if (at === 0 && !chunk.startsWith(key)) return undefined;
  const end = chunk.indexOf("\n", at);
  const lemmas = chunk.slice(at + key.length, end < 0 ? undefined : end).split(" ").filter(Boolean);
  return lemmas.length ? lemmas : undefined;
}

export interface QueryPlan {
  /**
   * The query as typed: its matches rank first. Quoted, as a phrase (Pagefind's exact search, which looks words up
   * whole), unless its words without stop words are one of `searches`: searched as a prefix, a word would reach its
   * own lemma's search word (`уряд`, `урядzz`), which every article holding any form of it carries.
   */
  exact: string;
  /** Searches whose results together are the answer (one per combination of an ambiguous form's lemmas). */
  searches: string[];
  /** Prefixes that mark words in excerpts. */
  highlight: string[];
}

/** Ambiguous forms multiply searches; past this many, the remaining words keep their first lemma only. */
const MAX_SEARCHES = 4;

/**
 * The same word with the other initial в/у or і/й (вчитель/учитель, вчора/учора): Ukrainian spells either after a
 * vowel or a consonant, and the dictionary lists them as separate lemmas.
 */
export function euphonicTwin(form: string): string {
  const twin = { в: "у", у: "в", і: "й", й: "і" }[form[0] ?? ""];
  return twin && form.length > 2 && !/^[аеєиіїоуюя]/u.test(form.slice(1)) ? twin + form.slice(1) : form;
}

const EXACT_PHRASE = /^\s*".+"\s*$/su;

/** Latin beginnings of hidden words: `zq<word>` (unknownToken) and the unsearchable dateline. */
const HIDDEN_PREFIXES = [unknownToken(""), unsearchable("")];
/** Whether a word searched as typed, as a prefix, would reach hidden words of every article (`z`, `zz`, `zq…`). */
const reachesHiddenWords = (form: string) => HIDDEN_PREFIXES.some((prefix) => prefix.startsWith(form) || form.startsWith(prefix));

/**
 * What a query becomes. `lemmasOf` answers from the lemma table (undefined for a form it lacks). Latin words and
 * numbers are searched as typed. A Cyrillic word unknown to the table and shorter than 3 letters counts as a stop
 * word: as a prefix it would reach every lemma's search word that starts with it (`ні`, `нічzz`, for an article that
 * only says `ночі`); so does a Latin word that would reach other hidden words (`z`). A query of such words only is
 * looked up whole, as typed.
 */
export function planQuery(query: string, lemmasOf: (form: string) => readonly string[] | undefined): QueryPlan {
  const words = wordsOf(query);
  /** Never searched on its own: a stop word, a short word the table lacks, a Latin word reaching hidden words. */
  const countsAsStopWord = (form: string) =>
    stopWords.has(form) || reachesHiddenWords(form) || (isCyrillic(form) && form.length < MIN_FALLBACK && !lemmasOf(form) && !lemmasOf(euphonicTwin(form)));
  const content = words.filter((word) => !countsAsStopWord(normalizeForm(word)));
  if (EXACT_PHRASE.test(query) || !words.length) return { exact: query.trim(), searches: [query.trim()], highlight: words.map(normalizeForm) };
  if (!content.length) {
    const typed = `"${words.join(" ")}"`;
    return { exact: typed, searches: [typed], highlight: words.map(normalizeForm) };
  }
  let searches: string[][] = [[]];
  const highlight: string[] = [];
  for (const word of content) {
    const form = normalizeForm(word);
    const stem = isCyrillic(form) && form.length > MIN_FALLBACK ? normalizeForm(stemWord(form)) : form;
    highlight.push(stem);
    let terms: string[];
    if (!isCyrillic(form)) terms = [word];
    else {
      const lemmas = [...new Set([...(lemmasOf(form) ?? []), ...(lemmasOf(euphonicTwin(form)) ?? [])])];
      if (lemmas.length) terms = lemmas.map(lemmaToken);
      else terms = [unknownToken(stem)];
      // A name found as a name in some articles may be elsewhere only where the build could not tell it was one (at
      // a sentence's start): those articles hold its stemmer's word.
      if (lemmas.length && lemmas.every(isNameLemma) && form.length >= MIN_FALLBACK) terms.push(unknownToken(stem));
      for (const lemma of lemmas) if (lemma.length > MIN_FALLBACK && !lemma.startsWith("~")) highlight.push(normalizeForm(stemWord(isNameLemma(lemma) ? lemma.slice(1) : lemma)));
    }
    const next: string[][] = [];
    for (const search of searches) terms.forEach((term, i) => (i === 0 || next.length < MAX_SEARCHES) && next.push([...search, term]));
    searches = next;
  }
  const typed = content.join(" ");
  const planned = searches.map((s) => s.join(" "));
  return { exact: planned.includes(typed) ? typed : `"${words.join(" ")}"`, searches: planned, highlight: [...new Set(highlight)] };
}

/** The Ukrainian keyboard's letters on the keys of the English layout. */
const LAYOUT: Readonly<Record<string, string>> = Object.fromEntries(
  [..."qwertyuiop[]asdfghjkl;'zxcvbnm,.`\\"].map((key, i) => [key, [..."йцукенгшщзхїфівапролджєячсмитьбю'ґ"][i]!]),
);
/** Latin letters that look like Cyrillic ones, typed by mistake inside a Ukrainian word (Latin i for і). */
const LOOKALIKES: Readonly<Record<string, string>> = { a: "а", c: "с", e: "е", i: "і", o: "о", p: "р", x: "х", y: "у", k: "к", m: "м", t: "т", h: "н", b: "в" };

/**
 * Spellings a reader may have meant by `word`, most likely first: the word typed in the English layout, or with
 * Latin letters that look like Ukrainian ones. Each is normalized; none is the word itself.
 */
export function respellings(word: string): string[] {
  const lower = word.toLocaleLowerCase("uk");
  const out = new Set<string>();
  if (/^[a-z[\];',.`\\]+$/.test(lower)) out.add(normalizeForm([...lower].map((c) => LAYOUT[c] ?? c).join("")));
  if (/\p{Script=Cyrillic}/u.test(lower) && /[a-z]/.test(lower)) out.add(normalizeForm([...lower].map((c) => LOOKALIKES[c] ?? c).join("")));
  out.delete(normalizeForm(word));
  return [...out];
}

/**
 * The form of `table` (a chunk of the lemma table: forms sharing `form`'s first three letters) nearest to `form`
 * within two edits, preferring fewer edits, then a dictionary form (a lemma), then alphabetical order.
 */
export function nearestForm(form: string, table: ReadonlyMap<string, readonly string[]>, editDistance: (a: string, b: string) => number): string | undefined {
  let best: { form: string; distance: number; lemma: boolean } | undefined;
  for (const [candidate, lemmas] of table) {
    if (Math.abs(candidate.length - form.length) > 2 || candidate === form) continue;
    const distance = editDistance(form, candidate);
    if (distance > 2) continue;
    const lemma = lemmas.includes(candidate);
    if (!best || distance < best.distance || (distance === best.distance && ((lemma && !best.lemma) || (lemma === best.lemma && candidate < best.form)))) best = { form: candidate, distance, lemma };
  }
  return best?.form;
}
