/**
 * Pictures as pages show them: which widths and formats a photo is served in, their addresses, and the `<picture>`
 * markup. Pure functions over plain data (a Picture is JSON in page views, so its fingerprint changes with the photo).
 */
import { withPathPrefix } from "../site-paths.ts";

/** What the build makes of every local photo; part of the cache key, so changing it re-encodes. */
export const imageSettings = {
  /** Widths in CSS pixels the theme's column needs at 1x and 2x, from phones to the widest column. */
  widths: [320, 640, 960, 1280],
  /** Open Graph: link previews want a 1200-wide JPEG. */
  ogWidth: 1200,
  quality: { avif: 50, webp: 72, jpeg: 78 },
  /** libvips' AVIF effort, 0–9: 4 is a third of the default's time for a file a few per cent larger. */
  avifEffort: 4,
  /** More pixels than this is a scan or a mistake, and decoding it could exhaust a small build machine. */
  maxPixels: 60_000_000,
} as const;

/** The settings' own version: bump the code's meaning of the same numbers (e.g. a new format) here. */
export const settingsVersion = 1;

/** A local photo as the build serves it. `key` names its output files: a hash of the source's bytes and the settings. */
export interface Picture {
  key: string;
  /** The photo's own size, after EXIF rotation. */
  width: number;
  height: number;
  /** The widths served, ascending, the last the largest no wider than the original; empty for SVG. */
  widths: number[];
  /** The format for browsers without AVIF and WebP: PNG keeps transparency. SVG is copied as it is. */
  fallback: "jpeg" | "png" | "svg";
}

export const pictureFolder = "/img/";

/**
 * The name of a photo's file in `pictureFolder`, as pictureUrl and ogImage write it: the key, then `-<width>` or
 * `-og` (neither for SVG), then the format's extension. Groups: key, width or "og", extension. The image cache's
 * pruning, the offline photo list and the service worker (given its source in its settings) all read names with it.
 */
export const photoFileName = /^([0-9a-f]{16})(?:-(\d+|og))?\.(avif|webp|jpg|png|svg)$/;

const extension = { jpeg: "jpg", png: "png", webp: "webp", avif: "avif", svg: "svg" } as const;
export type OutputFormat = keyof typeof extension;

/** The widths a photo of this width is served in: the standard ones below it, then the original width itself. */
export function servedWidths(width: number): number[] {
  const below = imageSettings.widths.filter((w) => w < width);
  const largest = imageSettings.widths.at(-1)!;
  return width > largest ? [...below] : [...below, width];
}

export const pictureUrl = (picture: Picture, width: number, format: OutputFormat): string =>
  format === "svg" ? `${pictureFolder}${picture.key}.svg` : `${pictureFolder}${picture.key}-${width}.${extension[format]}`;

/** Height of a variant, rounded as the encoder rounds it. */
export const heightAt = (picture: Picture, width: number): number => Math.max(1, Math.round((picture.height * width) / picture.width));

/** The link-preview image: a JPEG at most 1200 wide. */
export function ogImage(picture: Picture): { url: string; width: number; height: number; type: string } {
  if (picture.fallback === "svg") return { url: pictureUrl(picture, 0, "svg"), width: picture.width, height: picture.height, type: "image/svg+xml" };
  const width = Math.min(imageSettings.ogWidth, picture.width);
  return { url: `${pictureFolder}${picture.key}-og.jpg`, width, height: heightAt(picture, width), type: "image/jpeg" };
}

/** The smallest variant, for listing thumbnails and search results. */
export function thumbnail(picture: Picture, format: OutputFormat = picture.fallback): { url: string; width: number; height: number } {
  if (picture.fallback === "svg") return { url: pictureUrl(picture, 0, "svg"), width: picture.width, height: picture.height };
  const width = picture.widths[0]!;
  return { url: pictureUrl(picture, width, format), width, height: heightAt(picture, width) };
}

/** Every file the build writes for a picture, with how to make it. */
export function pictureFiles(picture: Picture): { url: string; width: number; format: OutputFormat }[] {
  if (picture.fallback === "svg") return [{ url: pictureUrl(picture, 0, "svg"), width: 0, format: "svg" }];
  const formats: OutputFormat[] = ["avif", "webp", picture.fallback];
  const files = picture.widths.flatMap((width) => formats.map((format) => ({ url: pictureUrl(picture, width, format), width, format })));
  const og = ogImage(picture);
  return [...files, { url: og.url, width: og.width, format: "jpeg" }];
}

/** Column widths the theme gives photos (theme/scss): the article column, and the listing thumbnail. */
export const sizes = {
  article: "(min-width: 50rem) 46rem, calc(100vw - 2rem)",
  thumbnail: "8rem",
} as const;

export interface PictureHtmlOptions {
  alt: string;
  pathPrefix: string;
  sizes: string;
  /** The lead photo is the page's largest paint: fetched first, never lazily. */
  lead?: boolean;
  title?: string;
  className?: string;
  /** Serve only the smallest width (listing thumbnails). */
  smallest?: boolean;
}

export const escapeAttribute = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `<picture>` with AVIF and WebP sources and a JPEG/PNG `<img>` carrying the size, so the page never shifts. */
export function pictureHtml(picture: Picture, options: PictureHtmlOptions): string {
  const url = (u: string) => escapeAttribute(withPathPrefix(u, options.pathPrefix));
  const loading = options.lead ? ` fetchpriority="high"` : ` loading="lazy"`;
  const extra = `${options.title ? ` title="${escapeAttribute(options.title)}"` : ""}${options.className ? ` class="${options.className}"` : ""}`;
  if (picture.fallback === "svg") {
    return `<img src="${url(pictureUrl(picture, 0, "svg"))}" alt="${escapeAttribute(options.alt)}" width="${picture.width}" height="${picture.height}"${loading} decoding="async"${extra}>`;
  }
  const widths = options.smallest ? picture.widths.slice(0, 1) : picture.widths;
  const srcset = (format: OutputFormat) => widths.map((w) => `${url(pictureUrl(picture, w, format))} ${w}w`).join(", ");
  const largest = widths.at(-1)!;
  const shown = options.smallest ? thumbnail(picture) : { width: picture.width, height: picture.height };
  return (
    `<picture>` +
    `<source type="image/avif" srcset="${srcset("avif")}" sizes="${options.sizes}">` +
    `<source type="image/webp" srcset="${srcset("webp")}" sizes="${options.sizes}">` +
    `<img src="${url(pictureUrl(picture, largest, picture.fallback))}" srcset="${srcset(picture.fallback)}" sizes="${options.sizes}"` +
    ` alt="${escapeAttribute(options.alt)}" width="${shown.width}" height="${shown.height}"${loading} decoding="async"${extra}>` +
    `</picture>`
  );
}
