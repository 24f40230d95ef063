/**
 * Light, query-side Ukrainian stemmer for Pagefind.
 *
 * Pagefind has no Ukrainian stemmer: for an unsupported language it indexes lowercased whole words
 * (plus a diacritic-folded copy, й→и, ї→і) and matches every query term as a PREFIX of indexed words.
 * So we never need to produce a dictionary lemma — only a prefix that all forms of a word share.
 * `stemWord("Кремлем")` → "кремл", which prefix-matches "кремль", "кремля", "кремлі", "кремлеві".
 *
 * Trade-off: every letter we cut makes the prefix match more unrelated words (precision), every
 * letter we leave makes it miss more forms (recall). The constants below were chosen by measuring
 * both on test/fixtures/inflection-pairs.tsv (`npx tsx scripts/recall.ts`).
 */

/**
 * Minimum stem length. Measured: 3 gives the best recall (війна→війн, мова→мов, нова→нов need 3)
 * while 2-letter prefixes ("ру", "но") match a large share of the vocabulary. 4 loses мов/нов/зброя.
 */
export const MIN_STEM = 3;

/** Knobs exposed for measurement (scripts/recall.ts sweeps them); the defaults are the chosen ones. */
export interface StemOptions {
  /** shortest stem ever produced; shorter words are left alone */
  minStem: number;
  /** apply the consonant alternation rules (labial+л, doubled consonant, velar/sibilant) */
  alternations: boolean;
}
export const DEFAULT_OPTIONS: Readonly<StemOptions> = { minStem: MIN_STEM, alternations: true };

/**
 * Apostrophe variants used in Ukrainian text: ASCII ', right single quote ’, modifier letter ʼ,
 * left quote ‘ and backtick/acute as typos. Pagefind drops ' and ’ from queries (punctuation) and
 * indexes words written with them also in joined form ("м’ята" → "мята"), so we remove them too.
 * (ʼ U+02BC is a letter to Pagefind; text written with it is only indexed with ʼ kept — normalising
 * ʼ→’ in the indexed content is the build's job, not the query's.)
 */
const APOSTROPHES = /['’ʼ‘`´]/gu;

/**
 * Inflectional endings, longest first (the longest one that still leaves MIN_STEM letters wins, so
 * "-ого" is tried before "-о", "-ові" before "-і"). Forms share a prefix once the ending is gone.
 * Plain vowel endings (-а, -у, -і, -е, -о, -ь, -й …) are not listed: they are stripped afterwards by
 * `stripTrailingVowels`, which also removes verb-class vowels left before a consonantal ending
 * (заявля-є → заявл).
 */
const ENDINGS: readonly string[] = [
  // verbs with the -ува-/-юва- suffix, which alternates with -у-/-ю- in the present tense
  // (голосувати / голосує, переговорювати / переговорюють): cut the whole suffix so both meet.
  "уватиме", "юватиме", "уватимуть", "юватимуть",
  "увати", "ювати", "ували", "ювали", "увала", "ювала", "увало", "ювало", "ував", "ював",
  "ується", "юється", "уються", "юються",
  "ують", "юють", "уєте", "юєте", "уємо", "юємо", "уєш", "юєш", "ує", "ює",
  // 4th declension (теля — телята, телятами): the -ят- increment is not in the nominative
  "ятами", "ятам", "ятах", "ята", "яти",
  // verbs: future in -тиме, infinitives, past tense (stem vowel + л/в), present, adverbial participles
  "тимуть", "тимете", "тимемо", "тимеш", "тиме", "тиму",
  "ати", "яти", "ити", "іти", "ути", "їти",
  "ала", "ало", "али", "яла", "яло", "яли", "ила", "ило", "или", "іла", "іло", "іли", "ула", "уло", "ули",
  "ав", "яв", "ив", "ув",
  "ють", "уть", "ать", "ять", "ить", "іть",
  "ете", "єте", "ите", "емо", "ємо", "имо", "еш", "єш", "иш",
  "ючи", "учи", "ачи", "ячи", "вши",
  // adjectives, participles, pronominal declension (hard and soft: -ого/-ього, -ої/-ьої …)
  "ього", "ьому", "ьої", "ьою",
  "ого", "ому", "ими", "іми", "ої", "их", "іх", "им", "ім", "ий", "ій", "ая", "яя",
  // nouns, all declensions: plural -ами/-ями/-ах/-ях/-ам/-ям, genitive plural -ів/-їв/-ей,
  // masculine dative -ові/-еві/-єві, instrumental -ою/-ею/-єю/-ом/-ем/-єм.
  // (-ів also cuts nominative toponyms Харків → харк(→хар), Львів → льв, which then prefix-match
  // the о-forms Харкова, Львова: the і/о alternation for free.)
  "ами", "ями", "ові", "еві", "єві",
  "ах", "ях", "ам", "ям", "ів", "їв", "ей", "єй",
  "ою", "ею", "єю", "ом", "ем", "єм",
].sort((a, b) => b.length - a.length);

/** Final vowels, soft sign and й: single-letter endings of every part of speech. */
const TRAILING = new Set([..."аеєиіїоуюяьй"]);

const CYRILLIC_WORD = /^[\p{Script=Cyrillic}]+$/u;

/** Lowercase (Ukrainian rules) and remove apostrophes; ґ is kept: it is its own letter in the index. */
export function normalizeWord(word: string): string {
  return word.toLocaleLowerCase("uk").replace(APOSTROPHES, "");
}

function stripTrailingVowels(stem: string, min: number): string {
  let s = stem;
  while (s.length > min && TRAILING.has(s[s.length - 1]!)) s = s.slice(0, -1);
  return s;
}

/**
 * Returns a prefix shared by the inflected forms of `word`. Non-Cyrillic words are only lowercased;
 * words of at most MIN_STEM letters are returned normalised but otherwise unchanged.
 */
export function stemWord(word: string, options: Readonly<StemOptions> = DEFAULT_OPTIONS): string {
  const min = options.minStem;
  const w = normalizeWord(word);
  if (!CYRILLIC_WORD.test(w) || w.length <= min) return w;

  let stem = w;
  // Reflexive postfix first: домовитися → домовити → домов. Verbs have a vowel, ь (-ться) or в
  // (відбувся) before it; nouns like Тарася have another consonant, so they keep their с.
  if (/[аеєиіїоуюяьв]с[яь]$/u.test(stem) && stem.length - 2 > min) {
    stem = stem.slice(0, -2);
  }

  for (const ending of ENDINGS) {
    if (stem.endsWith(ending) && stem.length - ending.length >= min) {
      stem = stem.slice(0, -ending.length);
      break;
    }
  }
  stem = stripTrailingVowels(stem, min);
  const removed = w.slice(stem.length);

  if (!options.alternations) return stem;

  // Cheap consonant alternations, each only when it makes forms meet.

  // 1. Epenthetic л after a labial (заявити — заявляє, заявлю; корабель — корабля): the л appears only
  //    before -я/-ю, so drop it then. м+л is excluded: in Кремль/земля the л belongs to the root.
  if (/[бпвф]л$/u.test(stem) && /^[яю]/u.test(removed) && stem.length - 1 >= min) {
    stem = stem.slice(0, -1);
  }

  // 2. Instrumental of 3rd-declension nouns doubles the final consonant (ніч — ніччю, сіль — сіллю).
  if (removed === "ю" && stem.length - 1 >= min && stem.at(-1) === stem.at(-2)) {
    stem = stem.slice(0, -1);
  }

  // 3. Velars alternate with sibilants: г/к → з/ц before the dative/locative -і (дорога — дорозі,
  //    політика — політиці, Кременчук — Кременчуці) and г/к/х with ж/ч/ш elsewhere, and a fleeting
  //    о/е disappears before them (зв'язок — зв'язку). Stopping before the velar (and before з/ц when
  //    the ending was -і) lets the forms meet. Only when 4+ letters remain: a 3-letter prefix is too
  //    broad (Харків → харк, which already reaches Харкова; not хар, which reaches характер).
  //    с (from х) is left alone: Одесі, Донбасі, процесі are far more common than вусі/стрісі.
  if (/[гґкх]$/u.test(stem) && stem.length - 1 > min) {
    stem = stem.slice(0, -1);
  } else if (/[зц]$/u.test(stem) && removed === "і" && stem.length - 1 > min) {
    stem = stem.slice(0, -1);
  }

  return stem;
}

/** Pagefind treats a query wrapped in double quotes as an exact phrase search: leave those alone. */
const EXACT_PHRASE = /^\s*".+"\s*$/su;

/** Words: letters/digits, possibly joined by apostrophes (об'єкт, п’ять). Hyphens are separators. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ‘`´][\p{L}\p{M}\p{N}]+)*/gu;
const HYPHEN_ONLY = /^\p{Pd}$/u;

function isCyrillicWord(token: string): boolean {
  return CYRILLIC_WORD.test(token.replace(APOSTROPHES, ""));
}

/**
 * Stems every Cyrillic word of a search query, keeping word order and separators. Latin words,
 * numbers and words of at most MIN_STEM letters are left exactly as typed.
 *
 * One deliberate exception: a hyphen between two Cyrillic words becomes a space. Pagefind deletes
 * punctuation from queries, so "байден-путін" would reach it as the single term "байденпутін",
 * which no longer prefix-matches anything once both halves are stemmed; two terms do.
 */
export function stemQuery(query: string, options: Readonly<StemOptions> = DEFAULT_OPTIONS): string {
  if (EXACT_PHRASE.test(query)) return query;
  const tokens: { text: string; word: boolean; cyr: boolean }[] = [];
  let last = 0;
  for (const m of query.matchAll(WORD)) {
    if (m.index > last) tokens.push({ text: query.slice(last, m.index), word: false, cyr: false });
    tokens.push({ text: m[0], word: true, cyr: isCyrillicWord(m[0]) });
    last = m.index + m[0].length;
  }
  if (last < query.length) tokens.push({ text: query.slice(last), word: false, cyr: false });

  return tokens
    .map((t, i) => {
      if (t.word) {
        if (!t.cyr || normalizeWord(t.text).length <= options.minStem) return t.text;
        return stemWord(t.text, options);
      }
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      if (HYPHEN_ONLY.test(t.text) && prev?.cyr && next?.cyr) return " ";
      return t.text;
    })
    .join("");
}
