/** Control characters are invisible to an editor, meaningless on a page and invalid in the XML feeds. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
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
