/**
 * Issue 10: a rebuild writes only what changed and yet equals a cold build, file by file; parts built apart and
 * merged equal the one-machine build; a cache made under other settings is never trusted.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, readOutput } from "./build-site.ts";

/** A small deterministic random source, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const tags = ["Київ", "Львів", "економіка", "спорт", "культура", "освіта", "енергетика", "медицина"];
const authors = ["Олена Коваленко", "Тарас Гнатюк", "Іван Петренко", "Марія Шевчук"];

/** Small photos, made once: some articles have a lead photo beside them, some a photo in the body (issue 13). */
const photos: Buffer[] = [];
beforeAll(async () => {
  for (const [i, colour] of ["#4a7fc1", "#c1694a", "#5aa05a"].entries()) {
    photos.push(await sharp({ create: { width: 400 + i * 40, height: 300, channels: 3, background: colour } }).jpeg().toBuffer());
  }
});

function articleText(n: number, title: string, year: number, tagList: string[], photo?: string): string {
  const month = String((n % 12) + 1).padStart(2, "0");
  const day = String((n % 27) + 1).padStart(2, "0");
  const image = photo && n % 2 === 0 ? `image: ${photo}\nimageAlt: "Місце події ${n}"\n` : "";
  const body = photo && n % 2 === 1 ? `\n\n![Місце події](${photo} "Підпис ${n}")` : "";
  return `---\ntitle: "${title}"\ndate: ${year}-${month}-${day} ${String(n % 24).padStart(2, "0")}:15\nauthor: ${authors[n % authors.length]}\ntags: [${tagList.join(", ")}]\nlead: "Підсумок новини ${n}."\n${image}---\nТекст новини номер ${n} про ${tagList.join(" і ")}.${body}\n`;
}

function writeCorpus(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "incremental-"));
  for (let n = 0; n < count; n++) {
    const year = 2019 + (n % 3);
    mkdirSync(path.join(dir, String(year)), { recursive: true });
    // Every 15th article has a photo; two articles share each file.
    const photo = n % 15 === 0 || n % 15 === 1 ? `foto-${Math.floor(n / 15)}.jpg` : undefined;
    if (photo) writeFileSync(path.join(dir, String(year), photo), photos[Math.floor(n / 15) % photos.length]!);
    writeFileSync(path.join(dir, String(year), `n${n}.md`), articleText(n, `Новина ${n}`, year, [tags[n % tags.length]!, tags[(n * 3 + 1) % tags.length]!], photo));
  }
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, file);
    if (statSync(full).isFile()) files[file] = createHash("sha256").update(readFileSync(full)).digest("hex").slice(0, 16);
  }
  return files;
}

/** Which files differ, so a failure names them instead of printing two hash tables. */
function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((file) => a[file] !== b[file]).sort();
}

const env = { SOURCE_DATE_EPOCH: "1764547200" };

interface Report {
  articlesReused: number;
  pagesRendered: number;
  pagesReused: number;
  pagesMerged: number;
  searchReindexed: boolean;
}

function build(articles: string, output: string, extra: string[] = []): Report {
  const timings = path.join(mkdtempSync(path.join(tmpdir(), "timings-")), "report.json");
  buildSite({ articles, output, siteUrl: "https://news.example.ua", extra: ["--part-size", "70", ...extra], env: { ...env, NEWS_ARCHIVE_TIMINGS: timings } });
  return JSON.parse(readFileSync(timings, "utf8")) as Report;
}

type Edit = (dir: string, pick: () => number) => string;

const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).sort();
const pickFile = (dir: string, pick: () => number) => {
  const list = files(dir);
  return path.join(dir, list[Math.floor(pick() * list.length)]!);
};

const edits: Record<string, Edit> = {
  add: (dir, pick) => {
    const n = 1000 + Math.floor(pick() * 1000);
    writeFileSync(path.join(dir, "2021", `added-${n}.md`), articleText(n, `Додана новина ${n}`, 2021, [tags[n % tags.length]!]));
    return `add added-${n}`;
  },
  "edit title": (dir, pick) => {
    const file = pickFile(dir, pick);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: "(.*)"$/m, 'title: "$1 (оновлено)"'));
    return `edit title of ${path.basename(file)}`;
  },
  // The same number of bytes: only the file's signature tells a rebuild that it changed.
  "edit a word, same size": (dir, pick) => {
    const file = pickFile(dir, pick);
    writeFileSync(file, readFileSync(file, "utf8").replace("Текст новини", "Зміст новини"));
    return `edit the body of ${path.basename(file)}`;
  },
  "move to another year": (dir, pick) => {
    const file = pickFile(dir, pick);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^date: (\d{4})/m, "date: 2018"));
    return `move ${path.basename(file)} to 2018`;
  },
  "change tags": (dir, pick) => {
    const file = pickFile(dir, pick);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^tags: .*$/m, `tags: [${tags[Math.floor(pick() * tags.length)]}, Нова тема]`));
    return `retag ${path.basename(file)}`;
  },
  delete: (dir, pick) => {
    const file = pickFile(dir, pick);
    rmSync(file);
    return `delete ${path.basename(file)}`;
  },
  "replace a photo": (dir, pick) => {
    const list = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".jpg")).sort();
    const file = list[Math.floor(pick() * list.length)]!;
    const current = readFileSync(path.join(dir, file));
    writeFileSync(path.join(dir, file), photos.find((photo) => !photo.equals(current))!);
    return `replace ${file}`;
  },
  rename: (dir, pick) => {
    const file = pickFile(dir, pick);
    renameSync(file, path.join(path.dirname(file), `renamed-${path.basename(file)}`));
    return `rename ${path.basename(file)}`;
  },
};

describe("incremental builds", () => {
  it("write only what changed, and equal a cold build after every step of a random edit sequence", () => {
    const articles = writeCorpus(140);
    const output = mkdtempSync(path.join(tmpdir(), "incremental-out-"));
    const cold = build(articles, output);
    expect(cold.pagesReused).toBe(0);

    // Nothing changed: nothing but the site's own part is written again, and search is not indexed again.
    const again = build(articles, output);
    expect(again.pagesRendered).toBeLessThan(60);
    expect(again.searchReindexed).toBe(false);
    // Files written seconds before a build are parsed again by the next (their signature could still hide an
    // edit); by now every file is older, and this build's index lets the next one parse none of them.
    expect(build(articles, output).articlesReused).toBe(140);

    const pick = random(20261128);
    const kinds = Object.keys(edits);
    for (let step = 0; step < 4; step++) {
      const applied = [kinds[(step * 2) % kinds.length]!, kinds[(step * 2 + 1) % kinds.length]!].map((kind) => edits[kind]!(articles, pick));
      const incremental = build(articles, output);
      const fresh = mkdtempSync(path.join(tmpdir(), "cold-out-"));
      build(articles, fresh, ["--no-cache"]);
      expect(differences(snapshot(output), snapshot(fresh)), `after ${applied.join(", ")}`).toEqual([]);
      expect(incremental.pagesReused, `after ${applied.join(", ")}`).toBeGreaterThan(0);
      expect(incremental.articlesReused, `after ${applied.join(", ")}`).toBeGreaterThan(100);
    }
  }, 900_000);

  it("never trust a previous build made with other settings", () => {
    const articles = writeCorpus(30);
    const output = mkdtempSync(path.join(tmpdir(), "incremental-out-"));
    build(articles, output);
    buildSite({ articles, output, siteUrl: "https://other.example.ua", env });
    expect(readOutput(output, "/2019/01/novyna-0/")).toContain("https://other.example.ua/2019/01/novyna-0/");
    // A damaged manifest is no manifest: everything is written again, nothing of the folder removed.
    writeFileSync(path.join(output, ".news-archive-manifest.json"), "{ not json");
    const report = build(articles, output);
    expect(report.pagesReused).toBe(0);
    expect(readOutput(output, "/2019/01/novyna-0/")).toContain("https://news.example.ua/2019/01/novyna-0/");
  }, 300_000);
});

describe("a build in parts on several machines", () => {
  it("merges into exactly what one machine builds", () => {
    const articles = writeCorpus(100);
    const single = mkdtempSync(path.join(tmpdir(), "single-"));
    build(articles, single);
    const parts = [1, 2, 3].map((k) => {
      const part = mkdtempSync(path.join(tmpdir(), `part-${k}-`));
      build(articles, part, ["--shard", `${k}/3`]);
      return part;
    });
    const merged = mkdtempSync(path.join(tmpdir(), "merged-"));
    const report = build(articles, merged, ["--merge", ...parts]);
    expect(report.pagesMerged).toBeGreaterThan(100);
    expect(differences(snapshot(merged), snapshot(single))).toEqual([]);
    expect(Object.keys(snapshot(merged)).filter((file) => file.startsWith("img/")).length).toBeGreaterThan(20);
  }, 300_000);
});
