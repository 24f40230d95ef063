/**
 * Measures lemma search on test/fixtures/search-eval/pairs.tsv (written before the lemma search), under the model of
 * Pagefind's matching in src/search/stemmer-eval.ts: every article of the set is one record, built as the build
 * builds it (src/search/records.ts tail, src/search/dictionary.ts lemmas), and every query is planned as the search
 * page plans it (src/search/words.ts planQuery, the lemma table of src/search/lemma-table.ts).
 *
 *   npm run search-eval                 # tuning and held-out figures, lemma search and the previous stemmer
 *   npm run search-eval -- --verbose    # also the tuning part's misses, false matches and stray pages
 *   npm run search-eval -- --no-names   # without the names the dictionary lacks declined (src/search/names.ts)
 *
 * Rows are held out by a hash of query and article (40 %): tune on the tuning part only, report both.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { lemmatize } from "../src/search/dictionary.ts";
import { chunkCount, lemmaTable, writeTableChunks } from "../src/search/lemma-table.ts";
import { nameCandidates, nameLemmas } from "../src/search/names.ts";
import { stemQuery } from "../src/search/stemmer.ts";
import { foldDiacritics, pagefindIndexWords, pagefindQueryTerms } from "./lib/stemmer-eval.ts";
import { chunkOf, isCyrillic, normalizeForm, planQuery, searchTail, stopWords, wordsOf } from "../src/search/words.ts";

interface Row {
  kind: "inflected" | "exact" | "false" | "stop";
  category: string;
  query: string;
  article: string;
  expect: string;
  heldOut: boolean;
}

const fixture = fileURLToPath(new URL("../test/fixtures/search-eval/pairs.tsv", import.meta.url));
const verbose = process.argv.includes("--verbose");

export function loadRows(file: string): Row[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line, i) => {
      const [kind, category, query, article, expect] = line.split("\t");
      if (!kind || !category || !query || !article || !expect || !["inflected", "exact", "false", "stop"].includes(kind)) throw new Error(`${file}: bad row ${i + 1}: ${line}`);
      const heldOut = createHash("sha256").update(`${query}\t${article}`).digest()[0]! % 10 < 4;
      return { kind: kind as Row["kind"], category, query, article, expect, heldOut };
    });
}

const rows = loadRows(fixture);
// A row that says "inflected" must not hold the query form itself.
const holding = rows.filter((r) => r.kind === "inflected" && wordsOf(r.query).every((w) => wordsOf(r.article).some((a) => normalizeForm(a) === normalizeForm(w))));
if (holding.length) throw new Error(`inflected rows that hold their query form:\n${holding.map((r) => `  ${r.query} / ${r.article}`).join("\n")}`);

// The set's articles as one archive, each a record as the build makes it (the article text is its headline).
const articles = [...new Set(rows.map((r) => r.article))];
const vocabulary = new Set<string>();
for (const article of articles) for (const word of wordsOf(article)) vocabulary.add(normalizeForm(word));
const lemmasOfForm = lemmatize(vocabulary);
// `--no-names`: without the person names the dictionary lacks (src/search/names.ts), as before them.
const namesOfForm = process.argv.includes("--no-names") ? new Map<string, string[]>() : nameLemmas(nameCandidates(articles, normalizeForm), lemmasOfForm);
const contents = articles.map((article) => `${article}\n\n${searchTail({ headline: article, body: "" }, (f) => lemmasOfForm.get(f), (f) => namesOfForm.get(f))}`);
/** An index of the model: each page's words, and every word of them all. */
function modelIndex(texts: readonly string[]) {
  const pages = texts.map((text) => ({ words: pagefindIndexWords(text), all: text.toLocaleLowerCase().split(/\s+/) }));
  const vocabulary = new Set<string>();
  for (const page of pages) for (const word of page.words) vocabulary.add(word);
  return { pages, vocabulary };
}
const lemmaIndex = modelIndex(contents);
// The previous stemmer searched records without search words, which its prefixes would now reach (`уряд`, `урядzz`).
const plainIndex = modelIndex(articles);

// The query side's table: every form of every lemma the archive holds.
const archiveLemmas = new Set([...lemmasOfForm.values(), ...namesOfForm.values()].flat());
const table = lemmaTable(archiveLemmas);
const chunks = chunkCount(articles.length);
const chunkBytes = new Map<number, number>();
for (const { index, text } of writeTableChunks(table, chunks)) chunkBytes.set(index, gzipSync(text).length);
const tableBytes = [...chunkBytes.values()].reduce((a, b) => a + b, 0);

/**
 * Pages a search finds in the model: each term a prefix of some word; a term no word starts with finds nothing. A
 * quoted query is Pagefind's exact search: its terms whole words, one after another.
 */
function pagefindSearch(query: string, { fallback, index = lemmaIndex }: { fallback: boolean; index?: ReturnType<typeof modelIndex> }): number[] {
  const { pages, vocabulary: indexVocabulary } = index;
  const terms = pagefindQueryTerms(query);
  if (!terms.length) return [];
  if (/^\s*".+"\s*$/su.test(query)) {
    const phrase = (i: number) => pages[i]!.all.map((w) => foldDiacritics(w.replace(/[^\p{L}\p{N}]/gu, "")));
    const holds = (words: string[]) => words.some((_, at) => terms.every((t, k) => words[at + k] === t));
    return pages.map((_, i) => i).filter((i) => holds(phrase(i))).sort((a, b) => b - a);
  }
  const termWords = terms.map((t) => {
    const prefixed = [...indexVocabulary].filter((w) => w.startsWith(t));
    if (prefixed.length || !fallback) return prefixed;
    // Pagefind's answer for a term nothing starts with: the longest indexed word the term starts with.
    let best = "";
    for (const w of indexVocabulary) if (t.startsWith(w) && w.length > best.length) best = w;
    return best ? [best] : [];
  });
  const score = (i: number) => termWords.reduce((sum, words) => sum + pages[i]!.all.filter((w) => words.some((x) => w.replace(/[^\p{L}\p{N}]/gu, "") === x)).length, 0);
  return pages
    .map((page, i) => ({ i, ok: termWords.every((words) => words.some((w) => page.words.has(w))) }))
    .filter((p) => p.ok)
    .map((p) => ({ i: p.i, score: score(p.i) }))
    .sort((a, b) => b.score - a.score || b.i - a.i)
    .map((p) => p.i);
}

/** The lemma search of the search page: the plan's searches together, the exact form's matches first. */
function lemmaSearch(query: string): number[] {
  const plan = planQuery(query, (form) => table.get(form));
  const found = new Set(plan.searches.flatMap((s) => pagefindSearch(s, { fallback: false })));
  const ranked = plan.searches.flatMap((s) => pagefindSearch(s, { fallback: false }));
  const exact = pagefindSearch(plan.exact, { fallback: false }).filter((i) => found.has(i));
  return [...new Set([...exact, ...ranked])];
}

/** The previous search page: the query as typed and its stems, each with Pagefind's fallback for unmatched terms. */
function stemmerSearch(query: string): number[] {
  return [...new Set([...pagefindSearch(query, { fallback: true, index: plainIndex }), ...pagefindSearch(stemQuery(query), { fallback: true, index: plainIndex })])];
}

const pct = (n: number, d: number) => (d ? `${n}/${d} = ${((100 * n) / d).toFixed(1)} %` : "–");

function report(name: string, search: (q: string) => number[], set: Row[], details: boolean): void {
  const target = (r: Row) => articles.indexOf(r.article);
  const answered = new Map<string, number[]>();
  const results = (q: string) => answered.get(q) ?? (answered.set(q, search(q)), answered.get(q)!);
  const inflected = set.filter((r) => r.kind === "inflected");
  const found = inflected.filter((r) => results(r.query).includes(target(r)));
  const exact = set.filter((r) => r.kind === "exact");
  const exactFound = exact.filter((r) => results(r.query).includes(target(r)));
  const falseFriends = set.filter((r) => r.kind === "false");
  const falseListed = falseFriends.filter((r) => results(r.query).includes(target(r)));
  const allFound = [...found, ...exactFound];
  const firstPage = allFound.filter((r) => results(r.query).indexOf(target(r)) < 10);
  const byCategory = new Map<string, [number, number]>();
  for (const r of inflected) {
    const c = byCategory.get(r.category) ?? [0, 0];
    c[1]++;
    if (found.includes(r)) c[0]++;
    byCategory.set(r.category, c);
  }
  console.log(`\n${name}`);
  console.log(`  inflected targets found by their own word: ${pct(found.length, inflected.length)}`);
  console.log(`    ${[...byCategory].map(([c, [n, d]]) => `${c} ${n}/${d}`).join(", ")}`);
  console.log(`  exact controls found: ${pct(exactFound.length, exact.length)}`);
  console.log(`  false friends listed: ${pct(falseListed.length, falseFriends.length)}`);
  console.log(`  found targets on the first page of 10: ${pct(firstPage.length, allFound.length)}`);
  const stops = set.filter((r) => r.kind === "stop");
  if (stops.length) console.log(`  results of stop-word-heavy and made-up queries (of ${articles.length} articles): ${stops.map((r) => `${r.query} ${results(r.query).length}`).join(", ")}`);
  // A result matched only through a stop word holds no form of any of the query's other words.
  const stray = stops.flatMap((r) => {
    const words = wordsOf(r.query).map(normalizeForm).filter((w) => !stopWords.has(w) && isCyrillic(w));
    if (!words.length) return [];
    const lemmas = words.map((w) => table.get(w) ?? [w]);
    return results(r.query)
      .filter((i) => !lemmas.some((ls) => wordsOf(articles[i]!).some((w) => ls.some((l) => (lemmasOfForm.get(normalizeForm(w)) ?? [normalizeForm(w)]).includes(l)))))
      .map((i) => `${r.query} → ${articles[i]}`);
  });
  console.log(`  results matched only through a stop word: ${stray.length}`);
  if (details) {
    for (const r of inflected.filter((r) => !found.includes(r))) console.log(`    miss (${r.category}): ${r.query} → ${r.article}`);
    for (const r of exact.filter((r) => !exactFound.includes(r))) console.log(`    exact miss: ${r.query} → ${r.article}`);
    for (const r of falseListed) console.log(`    false friend listed: ${r.query} → ${r.article}`);
    for (const r of allFound.filter((r) => !firstPage.includes(r))) console.log(`    not on page 1: ${r.query} (${results(r.query).indexOf(target(r)) + 1} of ${results(r.query).length})`);
    for (const s of stray) console.log(`    stray: ${s}`);
  }
}

console.log(`${rows.length} rows: ${rows.filter((r) => !r.heldOut).length} tuning, ${rows.filter((r) => r.heldOut).length} held out; ${articles.length} articles`);
for (const [label, set] of [
  ["held out", rows.filter((r) => r.heldOut)],
  ["tuning", rows.filter((r) => !r.heldOut)],
] as const) {
  // Details only of the tuning part: the held-out rows' misses stay unseen.
  report(`${label}: lemma search`, lemmaSearch, [...set], verbose && label === "tuning");
  report(`${label}: previous stemmer`, stemmerSearch, [...set], false);
}

// False groupings of names: a name lemma that two forms share whose rows expect different lemmas (Ленчука of Ленчук
// and Ленчицький, say), and words taken for names that are none.
if (namesOfForm.size) {
  const expected = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const word of [...wordsOf(r.query), ...wordsOf(r.article)].map(normalizeForm)) {
      if (!namesOfForm.has(word) || word.slice(0, 3) !== normalizeForm(r.expect).slice(0, 3)) continue;
      if (r.kind === "false" && !wordsOf(r.query).map(normalizeForm).includes(word)) continue;
      expected.set(word, (expected.get(word) ?? new Set()).add(normalizeForm(r.expect)));
    }
  }
  const members = new Map<string, string[]>();
  for (const [form, lemmas] of namesOfForm) for (const lemma of lemmas) members.set(lemma, [...(members.get(lemma) ?? []), form]);
  const shared = [...members].filter(([, forms]) => forms.length > 1);
  // A form may be a case of two names (Ладислава: of Ладислава and of Ладислав): wrong only when no name is one of all.
  const wrong = shared.filter(([, forms]) => {
    const sets = forms.map((f) => expected.get(f)).filter((set) => set !== undefined);
    return sets.length > 1 && ![...sets[0]!].some((lemma) => sets.every((set) => set.has(lemma)));
  });
  const unnamed = [...namesOfForm.keys()].filter((form) => !expected.has(form));
  console.log(
    `\nnames the dictionary lacks: ${namesOfForm.size} forms under ${members.size} name lemmas, ${shared.length} of them shared by several forms, ` +
      `${wrong.length} joining forms of different names${wrong.length ? ` (${wrong.map(([l, f]) => `${l}: ${f.join(" ")}`).join("; ")})` : ""}; ` +
      `${unnamed.length} forms taken for names whose rows expect no name of theirs (${unnamed.join(" ")})`,
  );
}

// What the first query downloads of the lemma table: one chunk per distinct query word's chunk.
const perQuery = rows.map((r) => {
  const wanted = new Set(wordsOf(r.query).map(normalizeForm).filter((w) => !stopWords.has(w)).map((w) => chunkOf(w, chunks)));
  return [...wanted].reduce((sum, c) => sum + (chunkBytes.get(c) ?? 0), 0);
});
perQuery.sort((a, b) => a - b);
console.log(
  `\nlemma table for ${articles.length} articles: ${table.size} forms of ${archiveLemmas.size} lemmas in ${chunks} chunks, ${(tableBytes / 1024).toFixed(1)} KiB gzipped; ` +
    `a query downloads a median ${(perQuery[perQuery.length >> 1]! / 1024).toFixed(1)} KiB, at most ${(perQuery.at(-1)! / 1024).toFixed(1)} KiB of it`,
);
