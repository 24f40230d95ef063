/**
 * Photos in an article's body, after the sanitizer: every `<img>` (from Markdown or raw HTML) that names a local
 * photo the build prepared becomes a `<picture>`; every other one (remote, or unknown) still loads lazily and
 * asynchronously. An image alone in its paragraph with a title (`![alt](a.jpg "Підпис")`) becomes a figure with
 * that caption. Works on the sanitizer's output, whose attributes are always double-quoted and escaped.
 */
import { escapeAttribute, pictureHtml, sizes, type Picture } from "./pictures.ts";

const imageTag = /<img\s([^>]*?)\s*\/?>/g;
const aloneInParagraph = /<p>\s*(<img\s[^>]*?\s*\/?>)\s*<\/p>/g;
const attribute = /([a-zA-Z-]+)="([^"]*)"/g;

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function decoded(address: string): string {
  try {
    return decodeURI(address);
  } catch {
    return address;
  }
}

function attributes(tag: string): Map<string, string> {
  return new Map([...tag.matchAll(attribute)].map((m) => [m[1]!.toLowerCase(), unescape(m[2]!)]));
}

export interface BodyPictureOptions {
  pathPrefix: string;
}

export function pictureBodyImages(html: string, pictures: Record<string, Picture> | undefined, options: BodyPictureOptions): string {
  if (!html.includes("<img")) return html;
  const byAddress = new Map(Object.entries(pictures ?? {}).map(([ref, picture]) => [decoded(ref), picture]));
  const prefix = options.pathPrefix.replace(/\/$/, "");
  const find = (src: string): Picture | undefined => {
    const address = decoded(src);
    // The sanitizer has put site paths under the path prefix; the body wrote them without.
    return byAddress.get(address) ?? (prefix && address.startsWith(`${prefix}/`) ? byAddress.get(address.slice(prefix.length)) : undefined);
  };
  const render = (tag: string, withCaption: boolean): string => {
    const attrs = attributes(tag);
    const picture = find(attrs.get("src") ?? "");
    const title = attrs.get("title");
    let image: string;
    if (picture) {
      image = pictureHtml(picture, { alt: attrs.get("alt") ?? "", pathPrefix: options.pathPrefix, sizes: sizes.article, ...(title && !withCaption ? { title } : {}) });
    } else {
      attrs.set("loading", "lazy");
      attrs.set("decoding", "async");
      if (withCaption) attrs.delete("title");
      image = `<img ${[...attrs].map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(" ")}>`;
    }
    return withCaption && title ? `<figure>${image}<figcaption>${escapeAttribute(title)}</figcaption></figure>` : image;
  };
  return html
    .replace(aloneInParagraph, (whole, tag: string) => (attributes(tag).get("title") ? render(tag, true) : whole))
    .replace(imageTag, (tag) => (tag.includes('decoding="async"') ? tag : render(tag, false)));
}
