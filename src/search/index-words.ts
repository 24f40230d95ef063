/**
 * The words of a written Pagefind index, read back from its chunks (`index/*.pf_index`). Pagefind's format is its
 * own: gzip, a `pagefind_dcd` signature, then CBOR (pagefind/src/index/index_words.rs: a chunk is `[words]`, a
 * word `[word, pages, variants]`, a variant `[form, pages]`). Reading the index itself, rather than modelling how
 * Pagefind splits text, means the parts map (src/search/part-map.ts) can never leave out a part that Pagefind
 * would answer from.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

const SIGNATURE = "pagefind_dcd";

/** A CBOR reader for what Pagefind writes: integers, strings and definite or indefinite arrays. */
class CborReader {
  private at = 0;
  private readonly text = new TextDecoder();
  constructor(private readonly bytes: Uint8Array) {}

  /** The head of the next item: its major type and its argument (a length or a value; -1 for indefinite). */
  private head(): { major: number; value: number } {
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 31;
    if (info < 24) return { major, value: info };
    if (info === 24) return { major, value: this.byte() };
    if (info === 25) return { major, value: (this.byte() << 8) | this.byte() };
    if (info === 26) return { major, value: ((this.byte() << 24) >>> 0) + ((this.byte() << 16) | (this.byte() << 8) | this.byte()) };
    if (info === 27) {
      let value = 0;
      for (let i = 0; i < 8; i++) value = value * 256 + this.byte();
      return { major, value };
    }
    if (info === 31) return { major, value: -1 };
    throw new Error(`unreadable CBOR at byte ${this.at - 1}`);
  }

  private byte(): number {
    if (this.at >= this.bytes.length) throw new Error("CBOR ends early");
    return this.bytes[this.at++]!;
  }

  private isBreak(): boolean {
    if (this.bytes[this.at] !== 0xff) return false;
    this.at++;
    return true;
  }

  /** Reads an array's items with `item`, whatever their number. */
  array<T>(item: (index: number) => T): T[] {
    const { major, value } = this.head();
    if (major !== 4) throw new Error(`CBOR: an array expected at byte ${this.at}, not major type ${major}`);
    const items: T[] = [];
    for (let i = 0; value < 0 ? !this.isBreak() : i < value; i++) items.push(item(i));
    return items;
  }

  string(): string {
    const { major, value } = this.head();
    if (major !== 3 || value < 0) throw new Error(`CBOR: a string expected at byte ${this.at}, not major type ${major}`);
    const start = this.at;
    this.at += value;
    return this.text.decode(this.bytes.subarray(start, this.at));
  }

  /** Passes over any one item. */
  skip(): void {
    const { major, value } = this.head();
    if (major === 0 || major === 1 || major === 7) return;
    if (major === 2 || major === 3) {
      if (value < 0) while (!this.isBreak()) this.skip();
      else this.at += value;
      return;
    }
    if (major === 6) return this.skip();
    const items = major === 5 ? 2 * value : value;
    if (value < 0) while (!this.isBreak()) this.skip();
    else for (let i = 0; i < items; i++) this.skip();
  }
}

/** The words of one index chunk (gzipped, as written), as Pagefind looks them up. */
export function chunkWords(file: Uint8Array): string[] {
  const bytes = gunzipSync(file);
  if (bytes.subarray(0, SIGNATURE.length).toString("latin1") !== SIGNATURE) throw new Error("not a Pagefind index chunk");
  const reader = new CborReader(bytes.subarray(SIGNATURE.length));
  const words: string[] = [];
  reader.array(() =>
    reader.array(() =>
      reader.array((field) => {
        if (field === 0) words.push(reader.string());
        else reader.skip();
      }),
    ),
  );
  return words;
}

/** Every word of the Pagefind bundle in `folder` (its `index/` chunks), sorted. */
export function indexWords(folder: string): string[] {
  const index = path.join(folder, "index");
  const words = new Set<string>();
  for (const name of readdirSync(index)) {
    if (!name.endsWith(".pf_index")) continue;
    for (const word of chunkWords(readFileSync(path.join(index, name)))) words.add(word);
  }
  return [...words].sort();
}
