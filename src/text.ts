/** Control characters are invisible to an editor, meaningless on a page and invalid in the XML feeds. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}
