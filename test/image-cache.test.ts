/**
 * Issue 13: the image cache does not grow for ever. A build that saw the whole archive and succeeded removes the
 * cached files of photos no article shows any more; a failed build and a --shard part remove nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { pruneImageCache } from "../src/images/index.ts";
import { buildFailure, buildSite } from "./build-site.ts";

const articles = mkdtempSync(path.join(tmpdir(), "image-cache-articles-"));
const cache = mkdtempSync(path.join(tmpdir(), "image-cache-"));
const images = path.join(cache, "images");
const timings = path.join(cache, "timings.json");
const cached = () => readdirSync(images).sort();
const ofPhoto = (files: string[], key: string) => files.filter((f) => f.startsWith(key));
const build = (extra: string[] = []) => buildSite({ articles, extra: ["--cache", cache, ...extra], env: { NEWS_ARCHIVE_TIMINGS: timings } });
const report = () => JSON.parse(readFileSync(timings, "utf8")) as { imagesEncoded: number; imagesPruned: number };
const article = (slug: string, day: number, image: string) =>
  `---\ntitle: Стаття ${slug}\ndate: 2023-02-0${day} 10:00\nauthor: Редакція\nslug: ${slug}\nlead: Лід.\nimage: ${image}\nimageAlt: "Краєвид ${slug}"\n---\nТекст.\n`;
/** The cache key of the photo an article page shows. */
const keyOn = (output: string, slug: string) => /\/img\/([0-9a-f]{16})-/.exec(readFileSync(path.join(output, "2023", "02", slug, "index.html"), "utf8"))![1]!;

describe("pruning the image cache", () => {
  let keyA: string;
  let keyB: string;
  beforeAll(async () => {
    mkdirSync(path.join(articles, "2023"));
    const picture = (r: number) => sharp({ create: { width: 700, height: 500, channels: 3, background: { r, g: 120, b: 90 } } }).jpeg();
    await picture(10).toFile(path.join(articles, "2023", "a.jpg"));
    await picture(200).toFile(path.join(articles, "2023", "b.jpg"));
    writeFileSync(path.join(articles, "2023", "a.md"), article("a", 1, "a.jpg"));
    writeFileSync(path.join(articles, "2023", "b.md"), article("b", 2, "b.jpg"));
    const output = build();
    keyA = keyOn(output, "a");
    keyB = keyOn(output, "b");
    // Not the cache's own files: never removed.
    writeFileSync(path.join(images, "notes.txt"), "a newsroom's note");
    writeFileSync(path.join(images, `${"f".repeat(16)}-320.webp.123.partial`), "being written");
  }, 180_000);

  it("keeps every file of the archive's photos after a full build", () => {
    expect(ofPhoto(cached(), keyA).length).toBeGreaterThan(5);
    expect(ofPhoto(cached(), keyB).length).toBeGreaterThan(5);
    expect(report().imagesPruned).toBe(0);
  });

  it("removes nothing when the build fails, nor in a --shard part, which does not see the whole archive", () => {
    const before = cached();
    rmSync(path.join(articles, "2023", "b.md"));
    writeFileSync(path.join(articles, "2023", "c.md"), article("c", 3, "nemaie.jpg"));
    expect(buildFailure({ articles, extra: ["--cache", cache] })).toContain("nemaie.jpg");
    expect(cached()).toEqual(before);
    rmSync(path.join(articles, "2023", "c.md"));
    build(["--shard", "1/2"]);
    expect(cached()).toEqual(before);
  }, 180_000);

  it("removes, after a full build, the files of a photo no article shows any more, and nothing else", () => {
    const before = cached();
    build();
    expect(report().imagesPruned).toBe(ofPhoto(before, keyB).length);
    expect(cached()).toEqual(before.filter((f) => !f.startsWith(keyB)));
    expect(cached()).toContain("notes.txt");
    // And the archive's own photos are still reused, not encoded again.
    expect(report().imagesEncoded).toBe(0);
  }, 180_000);

  it("leaves a file written since the build began: another build may be using the same cache", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "image-cache-unit-"));
    const [old, fresh, used] = [`${"a".repeat(16)}-320.avif`, `${"b".repeat(16)}-og.jpg`, `${"c".repeat(16)}.svg`];
    for (const name of [old, fresh, used]) writeFileSync(path.join(folder, name), "x");
    const start = Date.now();
    for (const name of [old, used]) utimesSync(path.join(folder, name), new Date(start - 60_000), new Date(start - 60_000));
    utimesSync(path.join(folder, fresh), new Date(start + 1_000), new Date(start + 1_000));
    expect(pruneImageCache(folder, new Set([used]), start)).toBe(1);
    expect(readdirSync(folder).sort()).toEqual([fresh, used].sort());
  });
});
