import { createHash } from "node:crypto";
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import * as yaml from "js-yaml";
import { DateTime } from "luxon";
import { buildTime } from "./build-time.ts";
import { DateParseError, formatDateline, parseArticleDate, type ArticleDate } from "./dates.ts";
import type { Problem } from "./problems.ts";
import { slugify } from "./slugs.ts";
import { nameText, visibleText } from "./text.ts";

/** An article as its file states it, validated but not yet placed in the archive. */
export interface ArticleSource {
  /** Path as the contributor knows it (relative to the working directory), for messages. */
  file: string;
  title: string;
  lead: string;
  authors: string[];
  tags: string[];
  date: ArticleDate;
  updated?: ArticleDate;
  /** Slug from front matter, or derived from the title. */
  slug: string;
  image?: string;
  imageAlt?: string;
  draft: boolean;
  /** Markdown body, rendered only when its page is written. */
  body: string;
  /** A hash of the whole file: it changes whenever anything the article's outputs are made from changes. */
  revision: string;
}

export const frontMatterKeys = ["title", "date", "author", "tags", "lead", "slug", "updated", "image", "imageAlt", "draft"] as const;

export interface ParseResult {
  article?: ArticleSource;
  problems: Problem[];
}

export interface ParseOptions {
  timeZone: string;
  slugMaxLength: number;
  /** The build time, for the future-date warning; default `buildTime()`. */
  now?: Date;
}

const frontMatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(?:\r?\n|$)/m;

/** Splits `---` front matter from the Markdown body; the body's first line number lets messages point into the file. */
export function splitFrontMatter(text: string): { frontMatter: string; body: string; bodyLine: number } | undefined {
  const match = frontMatterPattern.exec(text);
  if (!match || match.index !== 0) return undefined;
  const frontMatter = match[1] ?? "";
  return {
    frontMatter,
    body: text.slice(match[0].length),
    bodyLine: match[0].split("\n").length,
  };
}

/** Line of `key:` in the front matter, so that an error points at it (the front matter starts on line 2). */
function lineOf(frontMatter: string, key: string): number | undefined {
  const index = frontMatter.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? undefined : index + 2;
}

/** Edit distance, to suggest `title` for a mistyped `tittle`. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function suggestKey(key: string): string {
  const best = frontMatterKeys.map((k) => [k, distance(key.toLowerCase(), k.toLowerCase())] as const).sort((x, y) => x[1] - y[1])[0]!;
  return best[1] <= 2 ? ` (did you mean "${best[0]}"?)` : "";
}

/** Reads one article file's text into an ArticleSource, collecting every problem rather than stopping at the first. */
export function parseArticle(file: string, text: string, options: ParseOptions): ParseResult {
  const problems: Problem[] = [];
  const report = (severity: Problem["severity"], field: string | undefined, message: string, line?: number) =>
    problems.push({ severity, file, field, message, ...(line ? { line } : {}) });

  const parts = splitFrontMatter(text);
  if (!parts) {
    report("error", "front matter", "the file must start with front matter between two --- lines (title, date, …)", 1);
    return { problems };
  }
  let data: unknown;
  try {
    // The core schema leaves timestamps as text: an unquoted `2021-12-07 22:21` stays Kyiv wall-clock time, not UTC.
    // js-yaml refuses a document of comments only; that is front matter without fields, and the checks below name them.
    data = isBlankYaml(parts.frontMatter) ? {} : yaml.load(parts.frontMatter, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    // The mark's line is 0-based within the front matter, which starts on the file's line 2.
    const yamlLine = (error as { mark?: { line?: number } }).mark?.line;
    // Its "(2:1)" position counts from the front matter, so it would contradict the file line given instead.
    const reason = (error as Error).message.split("\n")[0]!.replace(/\s*\(\d+:\d+\)$/, "");
    report("error", "front matter", `the YAML does not parse: ${reason}`, yamlLine === undefined ? 1 : yamlLine + 2);
    return { problems };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    report("error", "front matter", "front matter must be a list of key: value lines", 2);
    return { problems };
  }
  const fm = data as Record<string, unknown>;
  const at = (key: string) => lineOf(parts.frontMatter, key);

  for (const key of Object.keys(fm)) {
    if (!(frontMatterKeys as readonly string[]).includes(key)) {
      report("warning", key, `unknown front matter key "${key}"${suggestKey(key)}; it is ignored`, at(key));
    }
  }

  const optionalText = (key: string): string | undefined => {
    const value = fm[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      report("error", key, `${key} must be text, got ${describe(value)}; put it in quotes`, at(key));
      return undefined;
    }
    return visibleText(value).trim();
  };
  const textList = (key: string): string[] => {
    const value = fm[key];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    const result: string[] = [];
    for (const item of list) {
      if (typeof item !== "string" || item.trim() === "") {
        // YAML reads an unquoted 2021 or yes as a number or a boolean; quoting keeps it a name.
        const hint = typeof item === "number" || typeof item === "boolean" ? `; put it in quotes: "${String(item)}"` : "";
        report("error", key, `${key} must be a name or a list of names, got ${describe(item)}${hint}`, at(key));
      } else result.push(nameText(item).trim().replace(/\s+/g, " "));
    }
    return result;
  };
  const dateField = (key: string): ArticleDate | undefined => {
    const value = fm[key];
    if (value === undefined || value === null || value === "") return undefined;
    try {
      return parseArticleDate(value, options.timeZone);
    } catch (error) {
      if (!(error instanceof DateParseError)) throw error;
      report("error", key, error.message, at(key));
      return undefined;
    }
  };

  const title = optionalText("title");
  if (title === undefined && fm.title === undefined) report("error", "title", "title is required", 2);
  else if (title === "") report("error", "title", "title is empty", at("title"));

  const date = dateField("date");
  if (fm.date === undefined || fm.date === null || fm.date === "") {
    report("error", "date", 'date is required, e.g. date: 2021-12-07 22:21 or date: "7 грудня 2021, 22:21"', at("date") ?? 2);
  }
  const future = date && futureDateProblem(date, options.now ?? buildTime(), options.timeZone);
  if (future) report("warning", "date", future, at("date"));
  const updated = dateField("updated");
  if (updated && date && updated.instant < date.instant) {
    report("warning", "updated", "updated is earlier than date", at("updated"));
  }

  const lead = optionalText("lead") ?? "";
  const authors = textList("author");
  const tags = textList("tags");
  for (const tag of tags) {
    if (slugify(tag) === "") report("error", "tags", `tag "${tag}" has no letters or digits to make its address from`, at("tags"));
  }
  for (const author of authors) {
    if (slugify(author) === "") report("error", "author", `author "${author}" has no letters or digits`, at("author"));
  }
  const image = optionalText("image");
  const imageAlt = optionalText("imageAlt");
  const imageError = image ? imageAddressProblem(image) : undefined;
  if (imageError) report("error", "image", `image ${imageError}, got ${JSON.stringify(image)}`, at("image"));
  if (image && !imageAlt) report("warning", "imageAlt", "image has no imageAlt text for readers who cannot see it", at("image"));

  let draft = false;
  if (fm.draft !== undefined && fm.draft !== null) {
    if (typeof fm.draft !== "boolean") report("error", "draft", `draft must be true or false, got ${describe(fm.draft)}`, at("draft"));
    else draft = fm.draft;
  }

  let slug = optionalText("slug");
  if (slug !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    report("error", "slug", `slug "${slug}" may hold only lowercase Latin letters, digits and single hyphens, e.g. ${slugify(slug) || "my-article"}`, at("slug"));
    slug = undefined;
  }
  if (!lead) report("warning", "lead", "the article has no lead (standfirst)", at("lead"));
  if (authors.length === 0) report("warning", "author", "the article names no author", at("author"));
  if (parts.body.trim() === "") report("warning", "body", "the article has no body text", parts.bodyLine);

  if (problems.some((p) => p.severity === "error") || !title || !date) return { problems };
  return {
    article: {
      file,
      title,
      lead,
      authors,
      tags,
      date,
      ...(updated ? { updated } : {}),
      slug: slug || slugify(title, options.slugMaxLength) || slugify(path.basename(file, path.extname(file)), options.slugMaxLength) || "stattia",
      ...(image ? { image: fromSiteRoot(image) } : {}),
      ...(imageAlt ? { imageAlt } : {}),
      draft,
      body: parts.body,
      revision: createHash("sha256").update(text).digest("hex").slice(0, 16),
    },
    problems,
  };
}

/** An article from the future would sit on top of the home page and the feeds until its date came; a day allows for zones and clocks. */
function futureDateProblem(date: ArticleDate, now: Date, timeZone: string): string | undefined {
  if (date.instant.toMillis() <= now.getTime() + 24 * 3_600_000) return undefined;
  const built = formatDateline({ instant: DateTime.fromJSDate(now, { zone: timeZone }), hasTime: true });
  return `date is more than a day after the build (${built}); the article would stay on top of the home page and feeds until then`;
}

const isBlankYaml = (text: string) => /^(?:[ \t]*(?:#.*)?(?:\r?\n|$))*$/.test(text);

/**
 * Why an image value is not a site path, a relative path or an http(s) address, if it is not. Resolved as a browser
 * would (it drops tabs and leading spaces, so "java\tscript:" is javascript:, and reads "\\" as "/" so "/\\evil.example"
 * is another host), because the value lands in `<img src>`, og:image, JSON-LD and feeds.
 */
function imageAddressProblem(image: string): string | undefined {
  if (image.includes("\\")) return "must not hold a backslash (\\); use / in paths";
  const wrong = "must be a path or an http(s) address";
  let resolved: URL;
  try {
    resolved = new URL(image, "https://site.invalid/");
  } catch {
    return wrong;
  }
  if (!["http:", "https:"].includes(resolved.protocol)) return wrong;
  // Anything but a written-out http(s) address must stay on the site; "//host" and its disguises leave it.
  if (!/^https?:\/\//i.test(image) && resolved.host !== "site.invalid") return `${wrong}; a path starting with // is another site's`;
  return undefined;
}

/**
 * A relative `images/a.jpg` would resolve against each article's own address on its page, but against the site root
 * in og:image and feeds; the editor means the site's folder, as with `/images/a.jpg`.
 */
function fromSiteRoot(image: string): string {
  return image.startsWith("/") || /^https?:/i.test(image) ? image : `/${image.replace(/^(?:\.\/)+/, "")}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value && typeof value === "object") return "a nested object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Every Markdown file below the folder (`.md`, `.markdown`, in any case: a contributor's `.MD` must not vanish),
 * in a stable order, so builds are reproducible. Hidden names are not articles:
 * editors keep lock and backup files there (Emacs's `.#name.md` is a dangling link, macOS's `._name.md` is binary).
 */
export function listArticleFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new Error(`the articles folder "${dir}" cannot be read: ${(error as Error).message}`);
  }
  return entries
    .filter((entry) => /\.(md|markdown)$/i.test(entry.name) && !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith(".") || part === "node_modules"))
    .sort();
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A file's text, refusing anything that is not UTF-8: Windows-1251 read as UTF-8 would publish replacement
 * characters instead of stopping. The byte order mark is kept, as `readFileSync(file, "utf8")` keeps it.
 */
export function readUtf8File(file: string): string {
  const bytes = readFileSync(file);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Error("the file is not UTF-8 text (perhaps Windows-1251); save it with the UTF-8 encoding");
  }
}

export function readArticles(dir: string, options: ParseOptions): { articles: ArticleSource[]; problems: Problem[] } {
  const articles: ArticleSource[] = [];
  const problems: Problem[] = [];
  for (const file of listArticleFiles(dir)) {
    let text: string;
    try {
      text = readUtf8File(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ severity: "error", file, field: "file", message: code ? `the file cannot be read (${code})` : (error as Error).message });
      continue;
    }
    const result = parseArticle(file, text, options);
    problems.push(...result.problems);
    if (result.article) articles.push(readBodyOnDemand(result.article, text.length - result.article.body.length));
  }
  return { articles, problems };
}

const bodyStarts = new WeakMap<ArticleSource, number>();

/** Where an article's body starts in its file, so that an index written to disk can still read bodies on demand. */
export function bodyStartOf(article: ArticleSource): number {
  const start = bodyStarts.get(article);
  if (start === undefined) throw new Error(`${article.file}: the body's position is unknown`);
  return start;
}

/**
 * The index holds front matter only: a body is read from disk again each time a page, feed or search record needs it,
 * so memory stays proportional to the front matter even for hundreds of thousands of articles.
 */
export function readBodyOnDemand(article: ArticleSource, bodyStart: number): ArticleSource {
  bodyStarts.set(article, bodyStart);
  Object.defineProperty(article, "body", {
    get: () => readFileSync(article.file, "utf8").slice(bodyStart),
    enumerable: true,
  });
  return article;
}
