import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// Synthetic articles for benchmarks: deterministic, so two runs build the same archive.
const words = "уряд президент переговори Київ Харків економіка енергетика культура громада депутати бюджет війна мир".split(" ");
const authors = Array.from({ length: 40 }, (_, i) => `Автор ${String.fromCharCode(1040 + (i % 28))}${i}`);
const tags = Array.from({ length: 300 }, (_, i) => `тема ${words[i % words.length]} ${i}`);

/** Deterministic pseudo-random numbers, so that two runs build the same archive. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** Writes `count` articles spread over ten years, forty authors and three hundred tags into `dir`. */
export function generateArticles(dir: string, count: number): void {
  const next = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  for (let i = 0; i < count; i++) {
    const date = new Date(start + Math.floor((span * i) / count) + Math.floor(next() * 3_600_000));
    const year = date.getUTCFullYear();
    const title = `${pick(words)} ${pick(words)} ${pick(words)} ${i}`;
    const paragraphs = Array.from({ length: 6 }, () => Array.from({ length: 40 }, () => pick(words)).join(" ") + ".");
    mkdirSync(path.join(dir, String(year)), { recursive: true });
    writeFileSync(
      path.join(dir, String(year), `a${i}.md`),
      `---\ntitle: "${title}"\ndate: ${date.toISOString()}\nauthor: ${pick(authors)}\ntags: [${pick(tags)}, ${pick(tags)}]\nlead: "${paragraphs[0]!.slice(0, 120)}"\n---\n${paragraphs.join("\n\n")}\n`,
    );
  }
}

