/** Control characters are invisible to an editor, meaningless on a page and invalid in the XML feeds. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

/**
 * Every character editors type for the Ukrainian apostrophe (the typewriter one, the typographic ’ and ‘, the letter
 * apostrophe ʼ, the grave, acute and prime): in the same name they must give one spelling and one address.
 */
export const APOSTROPHES = "'’ʼ`´′‘";

// An unbalanced right-to-left override reverses the rest of a <title>, a feed entry or a tag list.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Zero-width characters make two names that look identical but are not; the joiner is kept only inside an emoji
// sequence (👩‍💻), where it is part of the picture.
const ZERO_WIDTH = /[\u200B\u200C\u2060\uFEFF]|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const APOSTROPHE_IN_WORD = new RegExp(`(?<=\\p{L})[${APOSTROPHES}](?=\\p{L})`, "gu");

/** Text a reader sees in a title, a lead or a caption: without characters that are invisible yet change it. */
export function visibleText(text: string): string {
  return withoutControlCharacters(text).replace(BIDI_CONTROLS, "").replace(ZERO_WIDTH, "");
}

/**
 * A tag or author name, which gets its own page: `Мар'яна`, `Мар’яна` and `Марʼяна` are one person, so the apostrophe
 * between letters becomes ’, and no joiner survives (a name's emoji may fall apart, its page may not split in two).
 */
export function nameText(name: string): string {
  return visibleText(name).replace(/\u200D/g, "").replace(APOSTROPHE_IN_WORD, "’");
}

const BLOCK_TAGS = /^(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr|th|td|caption|pre|br|hr)$/i;

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith("#")) {
    const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[name] ?? entity;
}

/**
 * Plain text of sanitized article HTML, for the search index (Pagefind stores a record's content as is and
 * builds excerpts from it) and for descriptions. Block boundaries become line breaks so that words of
 * neighbouring paragraphs never run together.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi, (_, _close: string, tag: string) => (BLOCK_TAGS.test(tag) ? "\n" : ""))
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n[\s]*/g, "\n")
    .trim();
}

/** A description for meta tags and feed summaries: plain text, whitespace folded, cut at a word near `max`. */
export function summarize(text: string, max = 200): string {
  const plain = text.replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : max).trimEnd()}…`;
}
