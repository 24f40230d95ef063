/**
 * Characters XML 1.0 forbids outright (C0 controls other than tab, newline and carriage return, the two
 * non-characters U+FFFE/U+FFFF, and unpaired surrogates). One of them anywhere makes a whole feed or sitemap
 * unreadable to a strict parser, so article text loses them before it is written.
 */
const illegalInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalXmlCharacters(text: string): string {
  return text.replace(illegalInXml, "");
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text or attribute value for XML: the one escaper every feed and sitemap uses. */
export function escapeXml(text: string): string {
  return stripIllegalXmlCharacters(String(text)).replace(/[&<>"']/g, (c) => entities[c]!);
}
