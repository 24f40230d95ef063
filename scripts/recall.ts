/**
 * Measures the query-side Ukrainian stemmer (src/search/stemmer.ts) against
 * test/fixtures/inflection-pairs.tsv under Pagefind's matching model: recall before/after stemming on
 * inflected and exact-form pairs, and a false-positive proxy (how often a query also matches the
 * articles of unrelated rows).
 *
 *   npx tsx scripts/recall.ts              # model only
 *   npx tsx scripts/recall.ts --verbose    # also list misses and false positives
 *   npx tsx scripts/recall.ts --pagefind   # also index every article with Pagefind's Node API and
 *                                          # check the model's word list and the recall against it
 */
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { DEFAULT_OPTIONS, stemQuery } from "../src/search/stemmer.ts";
import {
  RAW,
  STEMMED,
  evaluate,
  foldDiacritics,
  loadPairs,
  matches,
  pagefindIndexWords,
  pagefindQueryTerms,
  type Pair,
} from "./lib/stemmer-eval.ts";

const fixture = fileURLToPath(new URL("../test/fixtures/inflection-pairs.tsv", import.meta.url));
const pairs = loadPairs(fixture);
const inflected = pairs.filter((p) => p.kind === "inflected");
const exact = pairs.filter((p) => p.kind === "exact");
const verbose = process.argv.includes("--verbose");
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const rows: [string, Pair[]][] = [
  ["inflected", inflected],
  ["exact", exact],
  ["all", pairs],
];
console.log(`${pairs.length} pairs (${inflected.length} inflected, ${exact.length} exact)\n`);
console.log("set        recall raw → stemmed     false positives raw → stemmed   vocabulary/term raw → stemmed");
for (const [name, set] of rows) {
  const raw = evaluate(set, pairs, RAW);
  const stem = evaluate(set, pairs, STEMMED);
  console.log(
    `${name.padEnd(10)} ${pct(raw.recall).padStart(6)} → ${pct(stem.recall).padEnd(14)}` +
      ` ${pct(raw.falsePositiveRate).padStart(6)} → ${pct(stem.falsePositiveRate).padEnd(20)}` +
      ` ${pct(raw.vocabularyShare).padStart(6)} → ${pct(stem.vocabularyShare)}`,
  );
  if (verbose && name !== "all") {
    for (const m of stem.misses) console.log(`    miss: ${m.query} → «${stemQuery(m.query)}»`);
    for (const f of stem.falsePositives) {
      console.log(`    fp:   ${f.query} → «${stemQuery(f.query)}» in: ${f.article.slice(0, 70)}`);
    }
  }
}

// The measurement behind the defaults: minimum stem length × consonant alternations, inflected set.
console.log("\nsweep (inflected: recall / false positives / vocabulary per term; exact recall)");
for (const minStem of [2, 3, 4, 5]) {
  for (const alternations of [false, true]) {
    const t = (q: string) => stemQuery(q, { minStem, alternations });
    const a = evaluate(inflected, pairs, t);
    const e = evaluate(exact, pairs, t);
    const chosen = minStem === DEFAULT_OPTIONS.minStem && alternations === DEFAULT_OPTIONS.alternations;
    console.log(
      `  minStem ${minStem}, alternations ${alternations ? "on " : "off"}: ${pct(a.recall).padStart(6)} / ` +
        `${pct(a.falsePositiveRate)} / ${pct(a.vocabularyShare)} (broadest «${a.broadestTerm.term}» ${pct(a.broadestTerm.share)}); exact ${pct(e.recall)}${chosen ? "   ← default" : ""}`,
    );
  }
}

if (process.argv.includes("--pagefind")) await checkAgainstPagefind();

/** Indexes each article on its own with Pagefind and compares its word list with the model. */
async function checkAgainstPagefind(): Promise<void> {
  const pagefind = await import("pagefind");
  const articles = [...new Set(pairs.map((p) => p.article))];
  const realWords = new Map<string, Set<string>>();
  let modelOnly = 0;
  let pagefindOnly = 0;
  for (const [i, article] of articles.entries()) {
    const { index } = await pagefind.createIndex({});
    if (!index) throw new Error("pagefind.createIndex failed");
    await index.addCustomRecord({ url: `/a${i}/`, content: article, language: "uk" });
    const { files } = await index.getFiles();
    const words = new Set<string>();
    for (const f of files) {
      if (!f.path.endsWith(".pf_index")) continue;
      collectStrings(decodePagefindFile(Buffer.from(f.content)), words);
    }
    await index.deleteIndex();
    // Words with punctuation still inside (м’ята, «слуга) can never be reached by a Pagefind query,
    // which deletes punctuation; fold like the query side does.
    const reachable = new Set([...words].filter((w) => !/\p{P}/u.test(w)).map(foldDiacritics));
    realWords.set(article, reachable);
    const model = pagefindIndexWords(article);
    for (const w of model) if (!reachable.has(w)) modelOnly++, verbose && console.log(`  model only: ${w}`);
    for (const w of reachable) if (!model.has(w)) pagefindOnly++, verbose && console.log(`  pagefind only: ${w}`);
  }
  await pagefind.close();
  console.log(
    `\nPagefind check: ${articles.length} articles indexed; words in model but not in Pagefind's index: ` +
      `${modelOnly}, in Pagefind's index but not in the model: ${pagefindOnly}`,
  );
  for (const [name, set] of rows.slice(0, 2)) {
    const recall = (t: (q: string) => string) =>
      set.filter((p) => matches(pagefindQueryTerms(t(p.query)), realWords.get(p.article)!)).length / set.length;
    console.log(`  recall on Pagefind's own word lists, ${name}: ${pct(recall(RAW))} → ${pct(recall(STEMMED))}`);
  }
}

/** Pagefind files are gzip'd "pagefind_dcd" + CBOR. */
function decodePagefindFile(buf: Buffer): unknown {
  const data = gunzipSync(buf);
  const magic = "pagefind_dcd";
  if (data.subarray(0, magic.length).toString() !== magic) throw new Error("not a pagefind file");
  return decodeCbor(data, magic.length).value;
}

/** Minimal CBOR decoder (definite lengths; enough for Pagefind's index chunks). */
function decodeCbor(d: Buffer, pos: number): { value: unknown; pos: number } {
  const head = d[pos++]!;
  const major = head >> 5;
  const info = head & 31;
  let n: number;
  if (info < 24) n = info;
  else if (info === 24) n = d[pos++]!;
  else if (info === 25) (n = d.readUInt16BE(pos)), (pos += 2);
  else if (info === 26) (n = d.readUInt32BE(pos)), (pos += 4);
  else if (info === 27) (n = Number(d.readBigUInt64BE(pos))), (pos += 8);
  else throw new Error(`unsupported CBOR length ${info}`);
  switch (major) {
    case 0:
      return { value: n, pos };
    case 1:
      return { value: -1 - n, pos };
    case 2:
      return { value: d.subarray(pos, pos + n), pos: pos + n };
    case 3:
      return { value: d.toString("utf8", pos, pos + n), pos: pos + n };
    case 4: {
      const arr: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const r = decodeCbor(d, pos);
        arr.push(r.value);
        pos = r.pos;
      }
      return { value: arr, pos };
    }
    case 5: {
      const entries: [unknown, unknown][] = [];
      for (let i = 0; i < n; i++) {
        const k = decodeCbor(d, pos);
        const v = decodeCbor(d, k.pos);
        entries.push([k.value, v.value]);
        pos = v.pos;
      }
      return { value: entries, pos };
    }
    case 6:
      return decodeCbor(d, pos);
    default:
      return { value: null, pos };
  }
}

function collectStrings(v: unknown, out: Set<string>): void {
  if (typeof v === "string") out.add(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
}
