/**
 * Which of Pagefind's files the archive keeps and serves. Paths are relative to `pagefind/`, with or without the
 * part's folder in front (`2021.1a2b3c4d5e6f/index/uk_1.pf_index`). Pagefind's prebuilt UIs are never kept:
 * the theme uses its JS API.
 */
const inFolder = String.raw`^(?:[\w.-]+/)?`;
const loader = new RegExp(`${inFolder}(?:pagefind\\.js|pagefind-worker\\.js|wasm\\.[\\w-]+\\.pagefind)$`);
const meta = new RegExp(`${inFolder}(?:pagefind-entry\\.json|pagefind\\.[\\w-]+\\.pf_meta)$`);
const chunk = new RegExp(`${inFolder}(?:index|fragment|filter)/[^/]+$`);
/**
 * The lemma table's chunks and split prefixes (src/search/lemma-table.ts) and the parts map's chunks beside them
 * (src/search/part-map.ts), loaded on demand like Pagefind's.
 */
const lemmaChunk = /^lemmas\.[\w-]+\/(?:\d+|splits|p\d+)\.txt$/;

/** Pagefind's loader, web worker and WebAssembly: the same bytes in every part, kept in the primary part only. */
export function isPagefindLoader(file: string): boolean {
  return loader.test(file);
}

/** A part's entry file, metadata and chunks, and the lemma table's chunks: what a reader needs to search. */
export function isPartIndexFile(file: string): boolean {
  return meta.test(file) || chunk.test(file) || lemmaChunk.test(file);
}

/** What a reader loads before the first result: the loader and every part's entry file and metadata. */
export function isPagefindRuntime(file: string): boolean {
  return loader.test(file) || meta.test(file);
}

/** Everything search needs: enough to search the whole archive offline. */
export function isPagefindIndexFile(file: string): boolean {
  return loader.test(file) || isPartIndexFile(file);
}
