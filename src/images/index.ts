/**
 * Photos of the archive: finding each article's local images, checking them, and encoding the served sizes once.
 * The build's parent process does all of it before the parts render (src/build/index.ts), so a part never encodes,
 * and the same photo used by many articles is encoded once. Encoded files live in a cache folder keyed by the
 * source's bytes and the settings; the output gets links or copies of them.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import os from "node:os";
import { ArticleProblemsError, type Problem } from "../problems.ts";
import { imageSettings, photoFileName, pictureFiles, servedWidths, settingsVersion, thumbnail, type OutputFormat, type Picture } from "./pictures.ts";

export * from "./pictures.ts";

/** An article's local photos: the lead, and the body's by the address written in the Markdown. */
export interface ArticlePictures {
  picture?: Picture;
  bodyPictures?: Record<string, Picture>;
}

/** What an article refers to: its front matter `image` and the images its body names. */
export interface ImageReferences {
  file: string;
  image?: string;
  bodyImages?: readonly string[];
}

export interface ImageFolders {
  /** Eleventy's input folder: `/images/a.jpg` is `<siteRoot>/images/a.jpg`. */
  siteRoot: string;
}

export const isRemote = (ref: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//");

/**
 * The file an address names: site paths from the site's folder, relative ones beside the article (or, as before
 * photos were processed, from the site's folder). Query and fragment are not part of a file name.
 */
export function locateImage(ref: string, articleFile: string, folders: ImageFolders): { file?: string; tried: string[] } {
  let clean = ref.replace(/[?#].*$/, "");
  try {
    clean = decodeURI(clean);
  } catch {
    // Not percent-encoded after all: the name as written.
  }
  const candidates = clean.startsWith("/")
    ? [path.join(folders.siteRoot, clean)]
    : [path.resolve(path.dirname(articleFile), clean), path.join(folders.siteRoot, clean.replace(/^(?:\.\/)+/, ""))];
  const file = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return { ...(file ? { file } : {}), tried: candidates };
}

const rasterFormats = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif", "avif"]);
const settingsKey = JSON.stringify({ settingsVersion, ...imageSettings });

interface Described {
  picture?: Picture;
  /** Why the file cannot be served. */
  problem?: string;
}

/** Reads one file and says what it is: the key, the size and the fallback format, or why it is no photo. */
export async function describeImage(file: string): Promise<Described> {
  const bytes = readFileSync(file);
  const key = createHash("sha256").update(bytes).update(settingsKey).digest("hex").slice(0, 16);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { problem: "is not an image sharp can read (JPEG, PNG, WebP, AVIF, GIF, TIFF or SVG), or is damaged" };
  }
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) return { problem: "has no width and height" };
  if (meta.format === "svg") return { picture: { key, width, height, widths: [], fallback: "svg" } };
  if (!rasterFormats.has(meta.format)) return { problem: `is a ${meta.format} file, not a photo format the web shows (JPEG, PNG, WebP, AVIF, GIF)` };
  const megapixels = (width * height) / 1e6;
  if (width * height > imageSettings.maxPixels) {
    return { problem: `is ${width}×${height} (${megapixels.toFixed(0)} megapixels); photos may have at most ${imageSettings.maxPixels / 1e6} megapixels, so scale it down` };
  }
  return { picture: { key, width, height, widths: servedWidths(width), fallback: meta.hasAlpha ? "png" : "jpeg" } };
}

/** A file the build writes for a photo, and where it comes from. */
export interface PictureFile {
  /** Output path, relative to the output folder. */
  path: string;
  picture: Picture;
  source: string;
  width: number;
  format: OutputFormat;
  /** The first article and field that use it, for messages. */
  usedBy: { file: string; field: string; ref: string };
}

export interface PreparedImages {
  problems: Problem[];
  pictures: Map<ImageReferences, ArticlePictures>;
  /** Every file to write, by output path. */
  files: Map<string, PictureFile>;
}

/** Runs `task` over `items`, at most `limit` at once. */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * Finds and describes every local photo the articles use, each file once. Problems name the article, the field
 * (`image` or `body`) and the image as written.
 */
export async function prepareImages(articles: readonly ImageReferences[], folders: ImageFolders, concurrency = 4): Promise<PreparedImages> {
  const described = new Map<string, Promise<Described>>();
  const describe = (file: string) => {
    let found = described.get(file);
    if (!found) described.set(file, (found = describeImage(file)));
    return found;
  };
  const problems: Problem[] = [];
  const pictures = new Map<ImageReferences, ArticlePictures>();
  const files = new Map<string, PictureFile>();
  await eachLimited(articles, concurrency, async (article) => {
    const refs = [
      ...(article.image ? [{ field: "image", ref: article.image }] : []),
      ...(article.bodyImages ?? []).map((ref) => ({ field: "body", ref })),
    ].filter(({ ref }) => !isRemote(ref));
    if (refs.length === 0) return;
    const found: ArticlePictures = {};
    for (const { field, ref } of refs) {
      const { file, tried } = locateImage(ref, article.file, folders);
      const report = (message: string) => problems.push({ severity: "error", file: article.file, field, message: `image ${JSON.stringify(ref)} ${message}` });
      if (!file) {
        report(`is missing: no file at ${tried.map((t) => path.relative(process.cwd(), t)).join(" or ")}`);
        continue;
      }
      const { picture, problem } = await describe(file);
      if (!picture) {
        report(`(${path.relative(process.cwd(), file)}) ${problem}`);
        continue;
      }
      if (field === "image") found.picture = picture;
      else (found.bodyPictures ??= {})[ref] = picture;
      for (const output of pictureFiles(picture)) {
        const outputPath = output.url.slice(1);
        if (!files.has(outputPath)) files.set(outputPath, { path: outputPath, picture, source: file, width: output.width, format: output.format, usedBy: { file: article.file, field, ref } });
      }
    }
    pictures.set(article, found);
  });
  return { problems, pictures, files };
}

/** The files a page needs: all of an article's photos, or the thumbnails of a listing's cards. */
export function filesOfPictures(pictures: readonly (Picture | undefined)[], only: "all" | "thumbnail"): string[] {
  return pictures.flatMap((picture) => {
    if (!picture) return [];
    if (only === "all") return pictureFiles(picture).map((f) => f.url.slice(1));
    return picture.fallback === "svg" ? [thumbnail(picture).url.slice(1)] : (["avif", "webp", picture.fallback] as const).map((format) => thumbnail(picture, format).url.slice(1));
  });
}

export class ImageEncodingError extends Error {
  override name = "ImageEncodingError";
  /** Eleventy's own command line prints the message without a stack trace. */
  readonly skipOriginalStack = true;
}

/** Encodes one output file from its source. */
async function encode(file: PictureFile, source: Buffer): Promise<Buffer> {
  if (file.format === "svg") return source;
  const { quality, avifEffort } = imageSettings;
  // failOn "error": a truncated or damaged photo stops the build instead of serving grey half-pictures.
  const pipeline = sharp(source, { failOn: "error", limitInputPixels: imageSettings.maxPixels })
    .rotate()
    .resize({ width: file.width, withoutEnlargement: true });
  switch (file.format) {
    case "avif":
      return pipeline.avif({ quality: quality.avif, effort: avifEffort }).toBuffer();
    case "webp":
      return pipeline.webp({ quality: quality.webp }).toBuffer();
    case "png":
      return pipeline.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
    case "jpeg":
      // Transparency (an Open Graph image of a PNG) goes onto white, as most previews show it.
      return pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: quality.jpeg, mozjpeg: true, progressive: true }).toBuffer();
  }
}

export interface EncodeReport {
  encoded: number;
  reused: number;
}

/**
 * Makes sure every file is in the cache folder, encoding only those that are not: the cache key is in the file name.
 * Files of one source are encoded together (one read), sources `concurrency` at a time, each with one libvips thread,
 * so memory stays bounded by a few decoded photos.
 */
export async function encodeToCache(files: Iterable<PictureFile>, cacheDir: string, concurrency: number): Promise<EncodeReport> {
  mkdirSync(cacheDir, { recursive: true });
  const bySource = new Map<string, PictureFile[]>();
  let reused = 0;
  for (const file of files) {
    if (existsSync(path.join(cacheDir, path.basename(file.path)))) {
      reused++;
      continue;
    }
    const group = bySource.get(file.source);
    if (group) group.push(file);
    else bySource.set(file.source, [file]);
  }
  if (bySource.size === 0) return { encoded: 0, reused };
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  sharp.cache(false);
  let encoded = 0;
  let failure: ImageEncodingError | undefined;
  try {
    await eachLimited([...bySource.values()], concurrency, async (group) => {
      if (failure) return;
      const source = readFileSync(group[0]!.source);
      for (const file of group) {
        let bytes: Buffer;
        try {
          bytes = await encode(file, source);
        } catch (error) {
          const { usedBy } = file;
          failure ??= new ImageEncodingError(
            `${usedBy.file}: ${usedBy.field}: image ${JSON.stringify(usedBy.ref)} (${path.relative(process.cwd(), file.source)}) is damaged and cannot be decoded: ${(error as Error).message}`,
          );
          return;
        }
        const target = path.join(cacheDir, path.basename(file.path));
        // Written under another name first: a build stopped halfway never leaves half a file that looks cached.
        const partial = `${target}.${process.pid}.partial`;
        writeFileSync(partial, bytes);
        renameSync(partial, target);
        encoded++;
      }
    });
  } finally {
    sharp.concurrency(threads);
  }
  if (failure) throw failure;
  return { encoded, reused };
}

/** The cache's own files: `<key>-<width>.<ext>`, `<key>-og.jpg` and `<key>.svg`. */
/**
 * Removes from the image cache every photo file that is not in `used` (file names), so the cache does not grow for
 * ever with photos no article shows any more. Only for a build that saw the whole archive and succeeded. Files
 * changed since `since` (another build writing into the same cache) and anything not named like a cached photo are
 * left alone. Returns how many files went.
 */
export function pruneImageCache(cacheDir: string, used: ReadonlySet<string>, since: number): number {
  if (!existsSync(cacheDir)) return 0;
  let pruned = 0;
  for (const name of readdirSync(cacheDir)) {
    if (used.has(name) || !photoFileName.test(name)) continue;
    const file = path.join(cacheDir, name);
    try {
      if (statSync(file).mtimeMs >= since) continue;
      rmSync(file);
      pruned++;
    } catch {
      // Gone already: another build pruned it.
    }
  }
  return pruned;
}

/**
 * The photos of an Eleventy run that is not a build in parts (`npm start`, Eleventy's own command line): prepared,
 * attached to the articles, encoded into the cache and linked into the output folder, all before the pages render.
 */
export async function attachAndWriteImages(
  articles: readonly (ImageReferences & ArticlePictures)[],
  folders: ImageFolders & { cacheDir: string; output: string },
): Promise<EncodeReport> {
  const prepared = await prepareImages(articles, folders);
  if (prepared.problems.length) throw new ArticleProblemsError(prepared.problems);
  for (const [article, pictures] of prepared.pictures) Object.assign(article, pictures);
  const report = await encodeToCache(prepared.files.values(), folders.cacheDir, os.availableParallelism());
  for (const file of prepared.files.keys()) {
    const target = path.join(folders.output, file);
    if (!existsSync(target)) linkOrCopy(path.join(folders.cacheDir, path.basename(file)), target);
  }
  return report;
}

/** A hard link where the file system allows one, as the output's copy of a cached file. */
export function linkOrCopy(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
