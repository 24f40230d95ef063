import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// Synthetic articles for benchmarks, shaped like the archive of issue 10: about 7 KB of Markdown each, 200 tags,
// 12 authors, dates from 2006 to 2026. Every article is seeded by its number alone, so reruns build the same
// archive and one more article can be added without disturbing the others.

export const TAG_COUNT = 200;
export const AUTHOR_COUNT = 12;
const FIRST_DATE = Date.UTC(2006, 0, 1);
const LAST_DATE = Date.UTC(2026, 0, 1);
/** Bytes of Markdown body aimed at, spread ±2 KB around the 7 KB (front matter adds about 0.5 KB). */
const BODY_BYTES = 6100;

/** mulberry32: small, fast and good enough that neighbouring seeds give unrelated sequences. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const common = (
  "уряд президент переговори Київ Харків Львів Одеса економіка енергетика культура громада депутати бюджет " +
  "війна мир заява рішення закон міністр влада країна місто область люди компанія ринок ціни гривня банк " +
  "школа лікарня вибори суд поліція реформа проєкт фестиваль виставка команда матч сезон рекорд дослідження"
).split(" ");
const glue = "і в на з що до за від як але також після через під для про".split(" ");
const syllables = "ко ва ни ла ро ст по ре ми ка то на де ли че ні за ру бо жи ць кі мо ду хи ше ля ві го пе".split(" ");

/** A news-sized vocabulary: common words first, then made-up ones, so the search index sees tens of thousands of terms. */
const vocabulary = (() => {
  const next = random(1);
  const words = new Set(common);
  while (words.size < 30_000) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => syllables[Math.floor(next() * syllables.length)]).join(""));
  }
  return [...words];
})();

const topics = (
  "політика економіка енергетика культура спорт освіта медицина наука технології екологія транспорт армія " +
  "дипломатія суди корупція бізнес аграрії будівництво туризм історія мистецтво кіно музика література " +
  "релігія права людини демографія зарплати пенсії податки ЖКГ дороги вибори місцева влада волонтери " +
  "біженці безпека погода кримінал"
).split(" ");
const places = ["Україна", "Київ", "Захід", "Схід", "Південь"];
// 40 topics × 5 places: 200 distinct tags whose slugs differ too.
const tags = Array.from({ length: TAG_COUNT }, (_, i) => `${topics[i % topics.length]} ${places[Math.floor(i / topics.length)]}`);
const authors = [
  "Олена Коваленко", "Андрій Шевчук", "Ірина Бондар", "Максим Ткаченко", "Наталія Мельник", "Олег Кравченко",
  "Юлія Савченко", "Тарас Литвин", "Марія Поліщук", "Дмитро Гнатюк", "Софія Руденко", "Богдан Мороз",
];

interface Picker {
  next: () => number;
  /** Uniform pick. */
  any: <T>(list: readonly T[]) => T;
  /** Roughly Zipf-distributed pick: early items are common, as words and tags are in real news. */
  skewed: <T>(list: readonly T[]) => T;
}

function picker(seed: number): Picker {
  const next = random(seed);
  return {
    next,
    any: (list) => list[Math.floor(next() * list.length)]!,
    skewed: (list) => list[Math.min(list.length - 1, Math.floor(Math.exp(next() * Math.log(list.length + 1))) - 1)]!,
  };
}

function sentence(pick: Picker, words: number): string {
  const parts = Array.from({ length: words }, (_, i) => (i % 4 === 3 ? pick.any(glue) : pick.skewed(vocabulary)));
  const first = parts[0]!;
  parts[0] = first[0]!.toUpperCase() + first.slice(1);
  if (words > 8) parts[Math.floor(words / 2)] += ",";
  return parts.join(" ") + ".";
}

/** One block of Markdown: mostly paragraphs, now and then a subheading, quote, list or link, as in real articles. */
function block(pick: Picker): string {
  const roll = pick.next();
  const paragraph = () => Array.from({ length: 2 + Math.floor(pick.next() * 4) }, () => sentence(pick, 8 + Math.floor(pick.next() * 12))).join(" ");
  if (roll < 0.08) return `## ${sentence(pick, 4).slice(0, -1)}`;
  if (roll < 0.14) return `> «${sentence(pick, 14)}» — ${pick.any(authors)}.`;
  if (roll < 0.19) return Array.from({ length: 3 }, () => `- ${sentence(pick, 6)}`).join("\n");
  if (roll < 0.3) return `${paragraph()} Детальніше — [${pick.skewed(vocabulary)}](https://example.ua/${Math.floor(pick.next() * 1e6)}).`;
  if (roll < 0.36) return `**${sentence(pick, 6)}** ${paragraph()}`;
  return paragraph();
}

function body(pick: Picker): string {
  const target = BODY_BYTES + (pick.next() - 0.5) * 4000;
  const blocks: string[] = [];
  for (let bytes = 0; bytes < target; ) {
    const next = block(pick);
    blocks.push(next);
    bytes += Buffer.byteLength(next) + 2;
  }
  return blocks.join("\n\n") + "\n";
}

/** Article `index` of an archive of `count`: its path under the articles folder and its text. */
export function articleFile(index: number, count: number): { file: string; text: string } {
  const pick = picker(index + 1);
  // Evenly spread and then jittered by up to a day, so articles of the same size keep the same dates.
  const date = new Date(FIRST_DATE + Math.floor(((LAST_DATE - FIRST_DATE) * index) / count) + Math.floor(pick.next() * 86_400_000));
  date.setUTCMilliseconds(0);
  const articleTags = new Set(Array.from({ length: 1 + Math.floor(pick.next() * 4) }, () => pick.skewed(tags)));
  const title = sentence(pick, 5 + Math.floor(pick.next() * 6)).slice(0, -1);
  const lead = sentence(pick, 18);
  const frontMatter = [
    `title: "${title}"`,
    `date: ${date.toISOString()}`,
    `author: ${pick.any(authors)}`,
    `tags: [${[...articleTags].join(", ")}]`,
    `lead: "${lead}"`,
  ];
  return { file: path.join(String(date.getUTCFullYear()), `a${index}.md`), text: `---\n${frontMatter.join("\n")}\n---\n${body(pick)}` };
}

/** Writes `count` articles into `dir`, as `<year>/a<n>.md`. */
export function generateArticles(dir: string, count: number): void {
  for (let i = 0; i < count; i++) writeArticle(dir, i, count);
}

/** Writes article `index` of an archive of `count` and returns its path. */
export function writeArticle(dir: string, index: number, count: number): string {
  const { file, text } = articleFile(index, count);
  const target = path.join(dir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  return target;
}
