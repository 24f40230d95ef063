/**
 * Size of the lemma table (src/search/lemma-table.ts) for generated archives of `npm run bench`'s kind, without
 * building them: the words of N articles, their lemmas, every form of those, in chunkCount(N) chunks, gzipped.
 *
 *   npx tsx scripts/lemma-table-size.ts 1000 10000
 */
import { gzipSync } from "node:zlib";
import { lemmatize, paradigms } from "../src/search/dictionary.ts";
import { chunkCount, tableSplits, writeTableChunks } from "../src/search/lemma-table.ts";
import { normalizeForm, wordsOf } from "../src/search/words.ts";
import { articleFile } from "./lib/generate-articles.ts";

for (const count of process.argv.slice(2).map(Number)) {
  const vocabulary = new Set<string>();
  for (let i = 0; i < count; i++) for (const word of wordsOf(articleFile(i, count).text)) vocabulary.add(normalizeForm(word));
  const lemmas = new Set([...lemmatize(vocabulary).values()].flat());
  const table = paradigms(lemmas);
  const chunks = writeTableChunks(table, chunkCount(count), new Set(tableSplits(table))).map((c) => gzipSync(c.text).length);
  const total = chunks.reduce((a, b) => a + b, 0);
  console.log(
    `${count} articles: ${vocabulary.size} distinct words, ${lemmas.size} lemmas, ${table.size} forms; ${chunks.length} chunks, ` +
      `${(total / 1024).toFixed(0)} KiB gzipped in all, ${(total / chunks.length / 1024).toFixed(1)} KiB a chunk on average, ${(Math.max(...chunks) / 1024).toFixed(1)} KiB the largest`,
  );
}
