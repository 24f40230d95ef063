import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import path from "node:path";
import * as yaml from "js-yaml";
import { DateTime } from "luxon";
import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { buildTime } from "./build-time.ts";
import { DateParseError, formatDateline, parseArticleDate, type ArticleDate } from "./dates.ts";
import { createArticleRenderer } from "./markdown.ts";
import type { Picture } from "./images/pictures.ts";
import type { Problem, SkippedEntry } from "./problems.ts";
import { slugify } from "./slugs.ts";
import { closest } from "./suggest.ts";
import { htmlToText, nameText, visibleText } from "./text.ts";

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
  /** As written: a site path, a path relative to the article's file, or an http(s) address (src/images/). */
  image?: string;
  imageAlt?: string;
  imageCaption?: string;
  /** Who made the photo: "УНІАН", "Олена Петренко". */
  imageCredit?: string;
  /** Images the body names (Markdown and raw `<img>`), as written, found when the file is read. */
  bodyImages?: string[];
  /** The local photos as served, set by the build once it has read them (src/images/). */
  picture?: Picture;
  bodyPictures?: Record<string, Picture>;
  draft: boolean;
  /** Markdown body, rendered only when its page is written. */
  body: string;
  /** A hash of the whole file: it changes whenever anything the article's outputs are made from changes. */
  revision: string;
}

export const frontMatterKeys = ["title", "date", "author", "tags", "lead", "slug", "updated", "image", "imageAlt", "imageCaption", "imageCredit", "draft"] as const;

/**
 * Bounds that keep one mistaken or hostile file from exhausting a build: every page, feed and search record repeats
 * these fields, and each tag's feed repeats all of an entry's tags. Lengths are in characters.
 */
export const articleLimits = {
  fileBytes: 5 * 1024 * 1024,
  tags: 50,
  authors: 20,
  /** More unknown keys than this are not typos but a wrong file, and are one error instead of a warning each. */
  unknownKeys: 10,
  title: 300,
  lead: 2000,
  imageAlt: 500,
  imageCaption: 1000,
  imageCredit: 200,
  /** A tag's or an author's name. */
  name: 100,
} as const;

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
  // A copy, not a slice: strings parsed from a slice would keep the whole file (body included) in memory for as
  // long as the article index lives, about 10 KB an article.
  const frontMatter = Buffer.from(match[1] ?? "", "utf8").toString("utf8");
  return {
    frontMatter,
    body: text.slice(match[0].length),
    bodyLine: match[0].split("\n").length,
  };
}

/**
 * The line of each top-level `key:` (the front matter starts on the file's line 2), found in one pass:
 * looking each key up anew made thousands of keys cost quadratic time.
 */
function keyLines(frontMatter: string): Map<string, number> {
  const lines = new Map<string, number>();
  frontMatter.split(/\r?\n/).forEach((line, index) => {
    const key = line.slice(0, Math.max(0, line.indexOf(":")));
    if (key && !lines.has(key)) lines.set(key, index + 2);
  });
  return lines;
}

type Report = (severity: Problem["severity"], field: string | undefined, message: string, line?: number) => void;

/** A few unknown keys are likely typos, each worth a suggestion; many mean a wrong file and are one error. */
function reportUnknownKeys(keys: readonly string[], at: (key: string) => number | undefined, report: Report): void {
  const unknown = keys.filter((key) => !(frontMatterKeys as readonly string[]).includes(key));
  if (unknown.length > articleLimits.unknownKeys) {
    const examples = `${unknown.slice(0, 3).map((key) => clip(key)).join(", ")}, …`;
    report(
      "error",
      "front matter",
      `${unknown.length} unknown front matter keys (${examples}); an article may have at most ${articleLimits.unknownKeys}; the known keys are ${frontMatterKeys.join(", ")}`,
      at(unknown[0]!),
    );
    return;
  }
  for (const key of unknown) {
    const suggestion = closest(key, frontMatterKeys);
    report("warning", key, `unknown front matter key "${clip(key)}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; it is ignored`, at(key));
  }
}

/** A value short enough to quote in a message. */
function clip(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A quote that opens on or before the line where YAML gave up and never closes: YAML reads on into the next lines,
 * so it blames the wrong line ("deficient indentation"). A rough scan, consulted only when parsing failed.
 * Returns the opening line in the file, if any.
 */
function unclosedQuoteLine(frontMatter: string, errorLine: number): number | undefined {
  const lines = frontMatter.split(/\r?\n/).slice(0, errorLine + 1);
  let open: { quote: string; line: number } | undefined;
  for (const [index, line] of lines.entries()) {
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (open) {
        if (open.quote === '"' && c === "\\") i++;
        else if (c === open.quote && open.quote === "'" && line[i + 1] === "'") i++;
        else if (c === open.quote) open = undefined;
      } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) {
        break;
      } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(line[i - 1]!))) {
        // An apostrophe inside a word (Пам'ять) opens nothing; only one at the start of a value does.
        open = { quote: c, line: index + 2 };
      }
    }
  }
  return open?.line;
}

/**
 * A value whose quotes close before its end (`title: "Він сказав "так""`): the usual way a quotation inside a quoted
 * title breaks YAML, which then speaks of indentation. Returns the quote character, if that is the line's trouble.
 */
function earlyClosedQuote(frontMatter: string, errorLine: number): string | undefined {
  const line = frontMatter.split(/\r?\n/)[errorLine] ?? "";
  const start = /^\s*[^\s#:][^:]*:\s+(["'])/.exec(line);
  if (!start) return undefined;
  const quote = start[1]!;
  for (let i = start[0].length; i < line.length; i++) {
    if (quote === '"' && line[i] === "\\") i++;
    else if (line[i] === quote && quote === "'" && line[i + 1] === "'") i++;
    else if (line[i] === quote) return /^\s*(?:#.*)?$/.test(line.slice(i + 1)) ? undefined : quote;
  }
  return undefined;
}

/** A list or a mapping where one date belongs: say so, instead of letting the date parser call it "not a date". */
function nonScalarDate(key: string, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const [only, ...rest] = Array.isArray(value) ? value : [];
  const example = rest.length === 0 && (typeof only === "string" || typeof only === "number") ? `${key}: ${only} without brackets` : `e.g. ${key}: 2021-12-07 22:21`;
  return `${key} must be one date, got ${describe(value)}; write ${example}`;
}

const hasWord = (text: string) => /[\p{L}\p{N}]/u.test(text);
let renderBody: ((markdown: string) => string) | undefined;

/**
 * Whether search can find the article: the search record holds the title, lead and body text (src/search/records.ts),
 * and an article with no word in them fails the build. The body is rendered only in the rare case that the title
 * and lead hold no word, so that check and build agree on bodies of only images or markup.
 */
function isSearchable(title: string, lead: string, body: string): boolean {
  if (hasWord(title) || hasWord(lead)) return true;
  renderBody ??= createArticleRenderer({ headingAnchors: false });
  return hasWord(htmlToText(renderBody(body)));
}

/** Reads one article file's text into an ArticleSource, collecting every problem rather than stopping at the first. */
export function parseArticle(file: string, text: string, options: ParseOptions): ParseResult {
  const problems: Problem[] = [];
  const report: Report = (severity, field, message, line) => problems.push({ severity, file, field, message, ...(line ? { line } : {}) });

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
    const quoteLine = yamlLine === undefined ? undefined : unclosedQuoteLine(parts.frontMatter, yamlLine);
    const early = yamlLine === undefined || quoteLine !== undefined ? undefined : earlyClosedQuote(parts.frontMatter, yamlLine);
    if (quoteLine !== undefined) report("error", "front matter", "the YAML does not parse: unclosed quote; the value that starts on this line needs its closing quote", quoteLine);
    else if (early) {
      const other = early === '"' ? "'" : '"';
      report("error", "front matter", `the YAML does not parse: the value's quotes (${early}) close before its end; quote it with ${other} instead, or write « » inside`, yamlLine! + 2);
    } else report("error", "front matter", `the YAML does not parse: ${reason}`, yamlLine === undefined ? 1 : yamlLine + 2);
    return { problems };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    report("error", "front matter", "front matter must be a list of key: value lines", 2);
    return { problems };
  }
  const fm = data as Record<string, unknown>;
  const lines = keyLines(parts.frontMatter);
  const at = (key: string) => lines.get(key);

  reportUnknownKeys(Object.keys(fm), at, report);

  const optionalText = (key: string, maxLength?: number): string | undefined => {
    const value = fm[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      report("error", key, `${key} must be text, got ${describe(value)}; put it in quotes`, at(key));
      return undefined;
    }
    const text = visibleText(value).trim();
    if (maxLength !== undefined && text.length > maxLength) {
      report("error", key, `${key} is ${text.length} characters long; it may be at most ${maxLength}`, at(key));
      return undefined;
    }
    return text;
  };
  const textList = (key: string, noun: string, maxCount: number): string[] => {
    const value = fm[key];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    if (list.length > maxCount) {
      report("error", key, `${key} names ${list.length} ${noun}s; an article may name at most ${maxCount}`, at(key));
      return [];
    }
    const result: string[] = [];
    for (const item of list) {
      if (typeof item !== "string" || item.trim() === "") {
        // YAML reads an unquoted 2021 or yes as a number or a boolean; quoting keeps it a name.
        const hint = typeof item === "number" || typeof item === "boolean" ? `; put it in quotes: "${String(item)}"` : "";
        report("error", key, `${key} must be a name or a list of names, got ${describe(item)}${hint}`, at(key));
        continue;
      }
      const name = nameText(item).trim().replace(/\s+/g, " ");
      if (name.length > articleLimits.name) {
        report("error", key, `${noun} "${clip(name)}" is ${name.length} characters long; a name may be at most ${articleLimits.name}`, at(key));
      } else result.push(name);
    }
    return result;
  };
  const dateField = (key: string): ArticleDate | undefined => {
    const value = fm[key];
    if (value === undefined || value === null || value === "") return undefined;
    const notOneDate = nonScalarDate(key, value);
    if (notOneDate) {
      report("error", key, notOneDate, at(key));
      return undefined;
    }
    try {
      return parseArticleDate(value, options.timeZone);
    } catch (error) {
      if (!(error instanceof DateParseError)) throw error;
      report("error", key, error.message, at(key));
      return undefined;
    }
  };

  const title = optionalText("title", articleLimits.title);
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

  const lead = optionalText("lead", articleLimits.lead) ?? "";
  const authors = textList("author", "author", articleLimits.authors);
  const tags = textList("tags", "tag", articleLimits.tags);
  for (const tag of tags) {
    if (slugify(tag) === "") report("error", "tags", `tag "${tag}" has no letters or digits to make its address from`, at("tags"));
  }
  for (const author of authors) {
    if (slugify(author) === "") report("error", "author", `author "${author}" has no letters or digits`, at("author"));
  }
  const image = optionalText("image");
  const imageAlt = optionalText("imageAlt", articleLimits.imageAlt);
  const imageError = image ? imageAddressProblem(image) : undefined;
  if (imageError) report("error", "image", `image ${imageError}, got ${JSON.stringify(image)}`, at("image"));
  const imageCaption = optionalText("imageCaption", articleLimits.imageCaption);
  const imageCredit = optionalText("imageCredit", articleLimits.imageCredit);
  // An imageAlt that is there but wrong (too long, not text) has its own error already.
  if (image && !imageAlt && (typeof fm.imageAlt !== "string" || imageAlt === "")) report("error", "imageAlt", "image has no imageAlt: describe what the photo shows for readers who cannot see it", at("image"));
  if (image && imageAlt && altRepeatsFileName(imageAlt, image)) {
    report("error", "imageAlt", `imageAlt "${clip(imageAlt, 60)}" only repeats the file name; describe what the photo shows`, at("imageAlt"));
  }

  let draft = false;
  if (fm.draft !== undefined && fm.draft !== null) {
    if (typeof fm.draft !== "boolean") report("error", "draft", `draft must be true or false, got ${describe(fm.draft)}`, at("draft"));
    else draft = fm.draft;
  }

  let slug = optionalText("slug");
  if (slug !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    report("error", "slug", `slug "${clip(slug, 100)}" may hold only lowercase Latin letters, digits and single hyphens, e.g. ${slugify(slug, options.slugMaxLength) || "my-article"}`, at("slug"));
    slug = undefined;
  } else if (slug !== undefined && slug.length > options.slugMaxLength) {
    // The slug becomes a folder name, and a generated one is cut to this length too.
    report("error", "slug", `slug is ${slug.length} characters long; it may be at most ${options.slugMaxLength} (the slugMaxLength option)`, at("slug"));
    slug = undefined;
  }
  if (title && !isSearchable(title, lead, parts.body)) {
    report("error", "title", "the title, lead and body hold no letter or digit, so search could not find the article", at("title"));
  }
  // A lead or author list refused for its length or type has its own error; "missing" would contradict it.
  const refused = (field: string) => problems.some((p) => p.field === field && p.severity === "error");
  if (!lead && !refused("lead")) report("warning", "lead", "the article has no lead (standfirst)", at("lead"));
  if (authors.length === 0 && !refused("author")) report("warning", "author", "the article names no author", at("author"));
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
      ...(image ? { image } : {}),
      ...(imageAlt ? { imageAlt } : {}),
      // An import keeps a dump's caption and credit before anyone adds the photo; pages show them only under one.
      ...(image && imageCaption ? { imageCaption } : {}),
      ...(image && imageCredit ? { imageCredit } : {}),
      ...bodyImagesOf(parts.body),
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

/** Alt text that is the file's name ("IMG_2041", "photo.jpg") tells a reader who cannot see the photo nothing. */
export function altRepeatsFileName(alt: string, image: string): boolean {
  const name = (image.replace(/[?#].*$/, "").split("/").pop() ?? "").toLowerCase();
  const words = (text: string) => text.toLowerCase().replace(/[-_.\s]+/g, " ").trim();
  const normalised = words(alt);
  return normalised === words(name) || normalised === words(name.replace(/\.[a-z0-9]+$/, ""));
}

const rawImage = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

// The body's own Markdown reading, so that code (fenced, indented or inline) showing an image's markup names no
// photo, and reference-style images do. Addresses are kept as written, not percent-encoded: they name files.
const imageReader = new MarkdownIt({ html: true });
imageReader.normalizeLink = (url) => url;

/** The images a body names, found when the file is read, so that the build knows every article's photos without reading bodies again. */
export function bodyImagesOf(markdown: string): { bodyImages?: string[] } {
  if (!markdown.includes("![") && !/<img/i.test(markdown)) return {};
  const found = new Set<string>();
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === "image") found.add((token.attrGet("src") ?? "").trim());
      else if (token.type === "html_block" || token.type === "html_inline") {
        for (const m of token.content.matchAll(rawImage)) found.add((m[1] ?? m[2] ?? m[3]!).trim().replace(/&amp;/g, "&"));
      }
      if (token.children) visit(token.children);
    }
  };
  visit(imageReader.parse(markdown, {}));
  // An address ending in "/" names a page, not a photo file; it stays a plain image.
  for (const ref of found) if (ref === "" || /\/(?:[?#].*)?$/.test(ref)) found.delete(ref);
  return found.size ? { bodyImages: [...found] } : {};
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value && typeof value === "object") return "a nested object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

export interface ArticleFiles {
  /** The files to read as articles, in a stable order so that builds are reproducible. */
  files: string[];
  skipped: SkippedEntry[];
  /** Names that look like articles but cannot be read as they are. */
  problems: Problem[];
}

// Every extension editors and other generators give Markdown, in any case: a contributor's `.MD` must not vanish.
const markdownName = /\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)$/i;

// Photos beside their articles (src/images/): expected there, not skipped articles.
const photoName = /\.(?:jpe?g|png|webp|avif|gif|tiff?|svg)$/i;

/** Why a name is never an article, or undefined for one that may be. */
function skipReason(name: string): string | undefined {
  // Editors keep lock and backup files under hidden names (Emacs's `.#name.md` is a dangling link, macOS's `._name.md` is binary).
  if (name.startsWith(".")) return "hidden";
  if (name === "node_modules") return "a node_modules folder";
  return undefined;
}

/** The articles folder itself is missing or unreadable: one line for the newsroom, not a stack trace. */
export class ArticlesFolderError extends Error {
  override name = "ArticlesFolderError";
  /** Eleventy's own command line prints the message without a stack trace. */
  readonly skipOriginalStack = true;
}

/**
 * Every Markdown file below the folder, and everything not read with the reason, for nothing may vanish silently.
 * Linked folders are followed, each real folder once: a second link to it (or a link back up, a loop) is skipped.
 */
export function listArticleFiles(dir: string): ArticleFiles {
  const listing: ArticleFiles = { files: [], skipped: [], problems: [] };
  const readFolder = (folder: string): Dirent[] => readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  let top: Dirent[];
  try {
    top = readFolder(dir);
  } catch (error) {
    throw new ArticlesFolderError(`the articles folder "${dir}" cannot be read: ${(error as Error).message}`);
  }
  const root = realpathSync(dir);
  const readAs = new Map<string, string>([[root, dir]]);
  const walk = (folder: string, entries: Dirent[]): void => {
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      const reason = skipReason(entry.name);
      if (reason) listing.skipped.push({ path: file, reason });
      else if (isFolder(entry, file)) {
        let real: string;
        try {
          real = realpathSync(file);
        } catch (error) {
          listing.problems.push({ severity: "error", file, field: "file", message: `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
          continue;
        }
        const earlier = readAs.get(real);
        if (earlier !== undefined) {
          listing.skipped.push({ path: file, reason: `the same folder as ${earlier}, read once` });
          continue;
        }
        // A link up past the articles folder (to its parent, a home folder, "/") would read everything around it.
        const up = path.relative(real, root);
        if (up !== ".." && !up.startsWith(`..${path.sep}`)) {
          listing.skipped.push({ path: file, reason: `a link to ${real}, a folder that holds the articles folder` });
          continue;
        }
        readAs.set(real, file);
        let inner: Dirent[];
        try {
          inner = readFolder(file);
        } catch (error) {
          listing.problems.push({ severity: "error", file, field: "file", message: `the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
          continue;
        }
        walk(file, inner);
      } else if (markdownName.test(entry.name)) listing.files.push(file);
      else if (markdownName.test(entry.name.trimEnd())) {
        // A name like "x.md " is meant as an article but is easily mistyped again in a link or a command.
        listing.problems.push({ severity: "error", file, field: "file", message: `the file name ends in a space; rename it to "${entry.name.trimEnd()}"` });
      } else if (!photoName.test(entry.name)) listing.skipped.push({ path: file, reason: "not a Markdown file" });
    }
  };
  walk(dir, top);
  listing.files.sort();
  listing.skipped.sort((a, b) => (a.path < b.path ? -1 : 1));
  return listing;
}

/** A folder, or a link to one; a dangling link counts as a file, so that reading it reports it by name. */
function isFolder(entry: Dirent, file: string): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isDirectory()) return "a folder";
  if (stats.isSocket()) return "a socket";
  return "a device";
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A file's text, refusing anything that is not UTF-8: Windows-1251 read as UTF-8 would publish replacement
 * characters instead of stopping. The byte order mark is kept, as `readFileSync(file, "utf8")` keeps it.
 * Only a regular file within the size limit is read: a FIFO would wait forever, /dev/zero never ends. The kind is
 * checked on the opened file (opening does not wait for a FIFO's writer), so the file cannot change in between.
 */
export function readUtf8File(file: string, maxBytes: number = articleLimits.fileBytes): string {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let bytes: Buffer;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`the file is ${kindOf(stats)}, not a regular file; only files are read`);
    if (stats.size > maxBytes) throw new Error(`the file is ${megabytes(stats.size)}; an article may be at most ${maxBytes / 1024 / 1024} MB`);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Error("the file is not UTF-8 text (perhaps Windows-1251); save it with the UTF-8 encoding");
  }
}

export interface ReadResult {
  articles: ArticleSource[];
  problems: Problem[];
  /** Every file read as an article, readable or not. */
  files: string[];
  skipped: SkippedEntry[];
}

/**
 * What an earlier read of the same folder left: the article a file held, if the file's signature (fileSignature)
 * is still the one it had then. A build keeps its article index between runs, so a rebuild parses only what changed.
 */
export type KnownArticles = (file: string, signature: string) => ArticleSource | undefined;

/**
 * A file's state on disk. Every write changes its ctime, which no tool can set back, so an equal signature means
 * the same contents; undefined for anything but a regular file, which is read and refused as before.
 */
function fileSignature(file: string): { signature: string; changedMs: number } | undefined {
  try {
    const stats = statSync(file, { bigint: true });
    if (!stats.isFile()) return undefined;
    return { signature: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`, changedMs: Number(stats.ctimeNs / 1_000_000n) };
  } catch {
    return undefined;
  }
}

/**
 * A file written this recently may be written again within the file system's timestamp granularity (a second or
 * two on some), keeping its signature with other contents: such a file is read again next time ("racy" in Git's words).
 */
const SETTLED_MS = 3_000;

/** `readAt` (ms) tells which files were written too recently to trust their signature next time (SETTLED_MS). */
export function readArticles(dir: string, options: ParseOptions, known?: KnownArticles, readAt = Date.now()): ReadResult {
  const articles: ArticleSource[] = [];
  const { files, skipped, problems } = listArticleFiles(dir);
  for (const file of files) {
    const state = known && fileSignature(file);
    const reused = state ? known(file, state.signature) : undefined;
    if (reused) {
      articles.push(reused);
      continue;
    }
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
    if (!result.article) continue;
    // Only a file read without any problem is trusted next time: its warnings must be told again.
    const trusted = state && result.problems.length === 0 && readAt - state.changedMs > SETTLED_MS ? state.signature : undefined;
    articles.push(readBodyOnDemand(result.article, text.length - result.article.body.length, trusted));
  }
  return { articles, problems, files, skipped };
}

/**
 * An article of the index: its front matter, with the body read from disk again each time a page, feed or search
 * record needs it, so memory stays proportional to the front matter even for hundreds of thousands of articles.
 * The body is a getter of the class, not of each object: redefining a property on an object puts it in V8's
 * dictionary mode, about 1 KB more an article (100 MB at 100,000, in each process that holds the index).
 */
class ArticleOnDisk {
  readonly #bodyStart: number;
  readonly #signature: string | undefined;
  constructor(fields: Omit<ArticleSource, "body">, bodyStart: number, signature: string | undefined) {
    Object.assign(this, fields);
    this.#bodyStart = bodyStart;
    this.#signature = signature;
  }
  get body(): string {
    return readBody(this.file, this.#bodyStart);
  }
  /** Where the body starts in the file. */
  get bodyStart(): number {
    return this.#bodyStart;
  }
  /** The file's signature when it was read, if a later read may trust it (see readArticles). */
  get signature(): string | undefined {
    return this.#signature;
  }
}
// The class's own fields are the front matter's, assigned from it.
interface ArticleOnDisk extends Omit<ArticleSource, "body"> {}

/** Where an article's body starts in its file, so that an index written to disk can still read bodies on demand. */
export function bodyStartOf(article: ArticleSource): number {
  if (!(article instanceof ArticleOnDisk)) throw new Error(`${article.file}: the body's position is unknown`);
  return article.bodyStart;
}

/** The signature its file had when the article was read, if the next read may trust it. */
export function signatureOf(article: ArticleSource): string | undefined {
  return article instanceof ArticleOnDisk ? article.signature : undefined;
}

/** The article with its body left on disk, from `bodyStart` of its file. */
export function readBodyOnDemand({ body: _body, ...fields }: ArticleSource, bodyStart: number, signature?: string): ArticleSource {
  return new ArticleOnDisk(fields, bodyStart, signature);
}

/** The Markdown body of an article file, its front matter ending at `bodyStart`. */
export function readBody(file: string, bodyStart: number): string {
  return readUtf8File(file).slice(bodyStart);
}
