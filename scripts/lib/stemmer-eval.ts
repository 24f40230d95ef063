/**
 * A model of how Pagefind (1.x, unsupported language, no stemmer) matches a query against a page,
 * plus recall / false-positive measurements for the query-side stemmer. Used by
 * src/search/stemmer.test.ts and scripts/recall.ts.
 *
 * Model, checked against Pagefind 1.6's indexer via its Node API (scripts/recall.ts --pagefind) and
 * against the query normalisation in its generated pagefind.js:
 *  - index: the text is split on whitespace; each chunk is lowercased and indexed in joined form with
 *    punctuation removed (F-16 → f16, м'ята/м’ята → мята) and as its parts split at hyphens and other
 *    punctuation other than ’ (країн-членів → країн, членів; зв'язку → зв, язку); ʼ (U+02BC) is a letter to
 *    Pagefind and stays inside the word. A diacritic-folded copy (й→и, ї→і) of every word is indexed
 *    too. (Words still containing punctuation, like м’ята, are indexed as well but no query can reach
 *    them, so the model leaves them out.)
 *  - query: punctuation characters are deleted, the rest lowercased, split on spaces, each term
 *    diacritic-folded.
 *  - a page matches when EVERY query term is a prefix of at least one indexed word of the page.
 */
import { readFileSync } from "node:fs";
import { stemQuery } from "../../src/search/stemmer.ts";

export interface Pair {
  query: string;
  article: string;
  kind: "inflected" | "exact";
  /** dictionary forms of the query words, used to tell relevant matches from false positives */
  lemmas: string[];
}

/** Pagefind's normalizeDiacritics: NFD, drop combining marks (й→и, ї→і; ґ has no decomposition). */
export function foldDiacritics(s: string): string {
  return s.normalize("NFD").replace(/(?![\u3099\u309A])\p{M}/gu, "");
}

const PUNCT = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;

/** Query terms as Pagefind's search() produces them. */
export function pagefindQueryTerms(query: string): string[] {
  return query
    .replace(PUNCT, "")
    .toLocaleLowerCase()
    .split(/\s+/u)
    .filter((t) => t.length > 0)
    .map(foldDiacritics);
}

/** Words Pagefind indexes for a text (already folded; only what matters for prefix matching). */
export function pagefindIndexWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const chunk of text.toLocaleLowerCase().split(/\s+/u)) {
    const joined = chunk.replace(/[^\p{L}\p{M}\p{N}]/gu, "");
    if (joined) words.add(foldDiacritics(joined));
    // ’ does not split a word (об’єкт is not indexed as об + єкт); ASCII ', hyphens and the rest do.
    for (const part of chunk.split(/[^\p{L}\p{M}\p{N}’]+/u)) {
      const p = part.replace(/’/gu, "");
      if (p) words.add(foldDiacritics(p));
    }
  }
  return words;
}

export function matches(terms: readonly string[], words: ReadonlySet<string>): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => {
    for (const w of words) if (w.startsWith(t)) return true;
    return false;
  });
}

export type QueryTransform = (query: string) => string;
export const RAW: QueryTransform = (q) => q;
export const STEMMED: QueryTransform = stemQuery;

export function loadPairs(path: string): Pair[] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/u)
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line, i) => {
      const [query, article, kind, lemma] = line.split("\t");
      if (!query || !article || !lemma || (kind !== "inflected" && kind !== "exact")) {
        throw new Error(`${path}: bad row ${i + 1}: ${line}`);
      }
      return { query, article, kind, lemmas: lemma.split(" ") };
    });
}

export interface Metrics {
  /** share of pairs whose own article is found */
  recall: number;
  /** share of (query, other article) combinations that match: a precision proxy */
  falsePositiveRate: number;
  /**
   * mean share of the corpus vocabulary (distinct indexed words of all articles) that one query term
   * prefix-matches: a corpus-size-independent precision proxy that punishes 2–3 letter stems
   */
  vocabularyShare: number;
  /** the broadest query term and its vocabulary share */
  broadestTerm: { term: string; share: number };
  misses: Pair[];
  /** query → article pairs counted as false positives */
  falsePositives: { query: string; article: string }[];
}

/**
 * Known forms of each lemma: the query forms of its rows, plus the words of its rows' articles that
 * one of those (stemmed) queries reaches. Rows are written to be about their lemma, so a reached word
 * there is a form of it (Україною's row gives україна, україни); this is what lets an unrelated row
 * that happens to say "України" count as a relevant match rather than a false positive.
 */
function lemmaForms(corpus: readonly Pair[]): Map<string, Set<string>> {
  const forms = new Map<string, Set<string>>();
  const add = (lemma: string, word: string) => {
    let set = forms.get(lemma);
    if (!set) forms.set(lemma, (set = new Set()));
    set.add(word);
  };
  for (const pair of corpus) {
    const words = pagefindIndexWords(pair.article);
    const queryWords = pair.query.split(/\s+/u);
    pair.lemmas.forEach((lemma, i) => {
      const q = queryWords[i] ?? "";
      for (const t of pagefindQueryTerms(q)) add(lemma, t);
      for (const t of pagefindQueryTerms(stemQuery(q))) for (const w of words) if (w.startsWith(t)) add(lemma, w);
    });
  }
  return forms;
}

/**
 * Recall over `pairs`, and the false-positive rate of their queries against every OTHER article of
 * `corpus`: a match counts as a false positive unless that article contains a known form (see
 * `lemmaForms`) of every query lemma.
 */
export function evaluate(pairs: readonly Pair[], corpus: readonly Pair[], transform: QueryTransform): Metrics {
  const indexed = new Map(corpus.map((p) => [p.article, pagefindIndexWords(p.article)]));
  const wordsOf = (article: string) => indexed.get(article) ?? pagefindIndexWords(article);
  const forms = lemmaForms(corpus);
  const relevant = (pair: Pair, words: ReadonlySet<string>) =>
    pair.lemmas.every((l) => [...(forms.get(l) ?? [])].some((f) => words.has(f)));
  const vocabulary = new Set<string>();
  for (const words of indexed.values()) for (const w of words) vocabulary.add(w);
  let shareSum = 0;
  let broadestTerm = { term: "", share: 0 };
  let termCount = 0;
  let hits = 0;
  let fp = 0;
  let fpTrials = 0;
  const misses: Pair[] = [];
  const falsePositives: { query: string; article: string }[] = [];
  for (const pair of pairs) {
    const terms = pagefindQueryTerms(transform(pair.query));
    for (const t of terms) {
      let n = 0;
      for (const w of vocabulary) if (w.startsWith(t)) n++;
      shareSum += n / vocabulary.size;
      if (n / vocabulary.size > broadestTerm.share) broadestTerm = { term: t, share: n / vocabulary.size };
      termCount++;
    }
    if (matches(terms, wordsOf(pair.article))) hits++;
    else misses.push(pair);
    for (const other of corpus) {
      if (other.article === pair.article) continue;
      const words = wordsOf(other.article);
      if (relevant(pair, words)) continue;
      fpTrials++;
      if (matches(terms, words)) {
        fp++;
        falsePositives.push({ query: pair.query, article: other.article });
      }
    }
  }
  return {
    recall: hits / pairs.length,
    falsePositiveRate: fpTrials ? fp / fpTrials : 0,
    vocabularyShare: termCount ? shareSum / termCount : 0,
    broadestTerm,
    misses,
    falsePositives,
  };
}
