/**
 * Turns the newsroom's plain-text article dumps (a dateline, the title, the lead, body paragraphs,
 * an `Автор: …` line, then site boilerplate) into Markdown articles with front matter.
 * Pure: the `import` command does the reading and writing.
 */
import * as yaml from "js-yaml";
import MarkdownIt from "markdown-it";
import { parseArticle, type ParseOptions } from "./articles.ts";
import { DateParseError, isoDateTime, parseArticleDate, type ArticleDate } from "./dates.ts";

export interface ImportedArticle {
  title: string;
  date: ArticleDate;
  authors: string[];
  lead: string;
  /** Body paragraphs as written; a paragraph keeps its own line breaks. */
  body: string[];
  /** From a `На фото: …` line: what the photo shows. */
  imageCaption?: string;
  /** From a `Фото: …` line: who made it. */
  imageCredit?: string;
}

// "Фото: УНІАН" credits the photo; "На фото: …" says what it shows. Only a line of its own under the title or at the end.
const PHOTO_LINE = /^(на\s+)?(?:фото|світлина)\s*:\s*(.+)$/iu;

/** Takes photo lines off the groups under the title and at the end of the article, as captions and credits. */
function takePhotoLines(groups: string[][], after: string | undefined): { imageCaption?: string; imageCredit?: string } {
  const found: { imageCaption?: string; imageCredit?: string } = {};
  const take = (line: string | undefined): boolean => {
    const match = line === undefined ? null : PHOTO_LINE.exec(line);
    if (!match) return false;
    const value = match[2]!.trim().replace(/\s+/g, " ");
    if (match[1]) found.imageCaption ??= value;
    else found.imageCredit ??= value;
    return true;
  };
  // Under the title: the title's own last line, or a paragraph of photo lines right after it.
  const title = groups[0];
  while (title && title.length > 1 && take(title.at(-1))) title.pop();
  while (groups.length > 1 && groups[1]!.every((line) => PHOTO_LINE.test(line))) groups.splice(1, 1)[0]!.forEach(take);
  // At the end: the last paragraph's photo lines, or the line after the author's.
  while (groups.length > 1 && groups.at(-1)!.length > 0 && take(groups.at(-1)!.at(-1))) {
    groups.at(-1)!.pop();
    if (groups.at(-1)!.length === 0) groups.pop();
  }
  take(after);
  return found;
}

export type DumpResult =
  | { ok: true; article: ImportedArticle; warnings: string[] }
  | { ok: false; error: string };

const DATELINE_EXAMPLE = '"7 грудня 2021, 22:21"';

// The site's own furniture that follows an article in the dumps; nothing from here on is the article.
const BOILERPLATE = new Set(["останні новини"]);
const AUTHOR_LINE = /^автор(и|ка)?\s*:\s*(.*)$/iu;

/** Reads one dump; a file that has no dateline or no title is not an article, and the error says which. */
export function parseDump(text: string, timeZone = "Europe/Kyiv"): DumpResult {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim());
  const start = lines.findIndex((line) => line !== "");
  if (start < 0) return { ok: false, error: "not an article: the file is empty" };

  const dateline = lines[start]!;
  let date: ArticleDate;
  try {
    date = parseArticleDate(dateline, timeZone);
  } catch (error) {
    if (!(error instanceof DateParseError)) throw error;
    if (error.hasDateForm) return { ok: false, error: `the dateline ${quote(dateline)} ${error.reason}` };
    return { ok: false, error: `not an article: its first line ${quote(dateline)} is not a dateline such as ${DATELINE_EXAMPLE}` };
  }

  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => AUTHOR_LINE.test(line) || BOILERPLATE.has(line.toLowerCase()));
  const groups = paragraphs(end < 0 ? rest : rest.slice(0, end));
  const photo = takePhotoLines(groups, end < 0 ? undefined : rest.slice(end + 1).find((line) => line !== ""));
  const [titleLines, leadLines, ...body] = groups;
  if (!titleLines) return { ok: false, error: `not an article: no title after the dateline ${quote(dateline)}` };

  const warnings: string[] = [];
  const authorMatch = end < 0 ? undefined : AUTHOR_LINE.exec(rest[end]!);
  const authors = authorMatch ? splitAuthors(authorMatch[2]!, authorMatch[1] === "и") : [];
  if (authors.length === 0) warnings.push('no "Автор: …" line, so the article names no author');
  if (!leadLines) warnings.push("no lead paragraph after the title");
  else if (body.length === 0) warnings.push("no body text after the lead");

  return {
    ok: true,
    article: {
      title: oneLine(titleLines),
      date,
      authors,
      lead: leadLines ? oneLine(leadLines) : "",
      body: body.map((paragraph) => paragraph.join("\n")),
      ...photo,
    },
    warnings,
  };
}

/**
 * Blank-line separated groups of lines; any number of blank lines is one break. A dump with no blank line at all
 * (copied from a page that way) puts each paragraph on its own line; joined, it would become one long title.
 */
function paragraphs(lines: readonly string[]): string[][] {
  const first = lines.findIndex((line) => line !== "");
  const last = lines.findLastIndex((line) => line !== "");
  if (first >= 0 && !lines.slice(first, last + 1).includes("")) return lines.slice(first, last + 1).map((line) => [line]);
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line !== "") current.push(line);
    else if (current.length > 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

// Only ordinary spaces collapse: a no-break space in the source is the editor's choice.
const oneLine = (lines: readonly string[]) => lines.join(" ").replace(/[ \t]+/g, " ");

// "Автори: А, Б" names several people; a single author's name may itself hold a comma only in odd cases, so split only the plural.
function splitAuthors(value: string, plural: boolean): string[] {
  const names = plural ? value.split(/\s*[,;]\s*/) : [value];
  return names.map((name) => name.trim().replace(/\s+/g, " ")).filter((name) => name !== "");
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

// Characters that start Markdown inline syntax (emphasis, code, links, raw HTML, strikethrough, tables).
const INLINE_SYNTAX = /[\\`*_[\]<~|]|&(?=#?\w+;)/g;
// Line starts that would turn a paragraph into a heading, quote, list, or setext underline.
const BLOCK_START = /^(#|>|[-+*=]|\d+[.)])/;
// The same link finder the article renderer uses, to spot what it would turn into a link.
const linkify = new MarkdownIt({ linkify: true }).linkify;

// Inside an address "_" and "&" are not syntax (an underscore between letters opens no emphasis), and escaping them would cut the link.
const LINK_SYNTAX = /[\\`*[\]<~|]/g;

const escapeInline = (text: string, syntax = INLINE_SYNTAX) => text.replace(syntax, (char) => `\\${char}`);

/** Escapes one line of dump text so Markdown shows it as written instead of reading it as syntax. */
export function escapeMarkdownLine(line: string): string {
  let escaped = "";
  let from = 0;
  for (const match of linkify.match(line) ?? []) {
    // A bare domain in news copy is a name ("Діалог.UA", "NV.ua"), not an address to link; full URLs and www. stay links.
    const name = match.schema === "" && !/^www\./i.test(match.raw);
    escaped += escapeInline(line.slice(from, match.index));
    escaped += name ? escapeInline(match.raw).replace(/\./g, "\\.") : escapeInline(match.raw, LINK_SYNTAX);
    from = match.lastIndex;
  }
  escaped += escapeInline(line.slice(from));
  const block = BLOCK_START.exec(escaped);
  if (!block) return escaped;
  const marker = block[1]!;
  // An ordered-list marker is only syntax through its final "." or ")".
  return /^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}${escaped.slice(marker.length)}` : `\\${escaped}`;
}

/** The article as a Markdown file: quoted front matter (titles with ":" or "#" stay text), then the escaped body. */
export function renderImportedArticle(article: ImportedArticle): string {
  const frontMatter: Record<string, unknown> = {
    title: article.title,
    // Wall-clock time with the site's offset, so the file reads the same in any zone; a date alone stays a date.
    date: isoDateTime(article.date),
  };
  if (article.authors.length > 0) frontMatter.author = article.authors.length === 1 ? article.authors[0] : article.authors;
  if (article.lead) frontMatter.lead = article.lead;
  // Kept for the photo an editor adds later (image, imageAlt): the page shows them under it.
  if (article.imageCaption) frontMatter.imageCaption = article.imageCaption;
  if (article.imageCredit) frontMatter.imageCredit = article.imageCredit;
  frontMatter.tags = [];
  const yamlText = yaml.dump(frontMatter, { lineWidth: -1, quoteStyle: "double", forceQuotes: true });
  const body = article.body.map((paragraph) => paragraph.split("\n").map(escapeMarkdownLine).join("\n")).join("\n\n");
  return `---\n${yamlText}---\n\n${body}${body ? "\n" : ""}`;
}

/**
 * The article's file text, but only if the article parser (what `check` and the build run) accepts it: a dump can
 * hold what the parser refuses (a title of control characters only, an author with no letters), and the import
 * must not write a file the next build stops on.
 */
export function renderCheckedArticle(article: ImportedArticle, options: ParseOptions): { ok: true; text: string } | { ok: false; error: string } {
  const text = renderImportedArticle(article);
  const errors = parseArticle("imported.md", text, options).problems.filter((problem) => problem.severity === "error");
  if (errors.length === 0) return { ok: true, text };
  return { ok: false, error: errors.map((problem) => `${problem.field}: ${problem.message}`).join("; ") };
}

/** What makes two imports the same article: the title as readers see it and the publication instant. */
export function articleIdentity(title: string, date: ArticleDate): string {
  return `${title.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase()}\u0000${date.instant.toMillis()}`;
}
