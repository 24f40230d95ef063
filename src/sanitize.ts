import sanitizeHtml from "sanitize-html";

// Players and posts editors paste as <iframe>. Telegram is missing on purpose: its posts embed
// through a script widget, which we never allow.
export const defaultEmbedHosts: readonly string[] = [
  "www.youtube.com",
  "youtube.com",
  "www.youtube-nocookie.com",
  "player.vimeo.com",
  "www.facebook.com",
  "platform.twitter.com",
  "twitframe.com",
  "www.instagram.com",
  "w.soundcloud.com",
  "open.spotify.com",
  "www.google.com",
  // Charts from the data desk's usual tools.
  "datawrapper.dwcdn.net",
  "flo.uri.sh",
];

export interface SanitizeOptions {
  embedHosts: readonly string[];
  /** Eleventy's path prefix ("/" or "/sub/"): site paths such as /images/a.jpg in a body must work under it. */
  pathPrefix?: string;
}

const HEADINGS = ["h2", "h3", "h4", "h5", "h6"];

/**
 * Ids the theme's article page gives its own elements: the skip link's target, the header's search box, the related
 * list's heading. A body heading with one of them ("## Main") would make the skip link jump into the article.
 */
export const pageIds: ReadonlySet<string> = new Set(["main", "site-search", "related-heading"]);

const ARTICLE_TAGS = [
  "p", "a", "em", "strong", "b", "i", "u", "s", "sub", "sup", "mark", "small", "br", "hr",
  ...HEADINGS,
  "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd",
  "figure", "figcaption", "img", "picture", "source",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
  "pre", "code", "abbr", "time", "span", "div", "iframe", "audio", "video",
];

const ARTICLE_ATTRIBUTES: Record<string, string[]> = {
  "*": ["title", "lang"],
  a: ["href", "target", "rel"],
  ...Object.fromEntries(HEADINGS.map((heading) => [heading, ["id"]])),
  blockquote: ["cite"],
  q: ["cite"],
  ol: ["start", "reversed"],
  img: ["src", "srcset", "sizes", "alt", "width", "height", "loading"],
  source: ["srcset", "type", "media"],
  iframe: ["src", "title", "width", "height", "loading", "allowfullscreen"],
  audio: ["src", "controls", "preload"],
  video: ["src", "controls", "preload", "poster", "width", "height"],
  th: ["colspan", "rowspan", "scope", "class"],
  td: ["colspan", "rowspan", "class"],
  code: ["class"],
  time: ["datetime"],
};

// Classes the Markdown renderer itself emits; anything else an author types is dropped.
const ARTICLE_CLASSES: Record<string, string[]> = {
  th: ["align-left", "align-center", "align-right"],
  td: ["align-left", "align-center", "align-right"],
  code: ["language-*"],
};

export function sanitizeArticleHtml(html: string, options: SanitizeOptions): string {
  return sanitizeHtml(html, {
    allowedTags: ARTICLE_TAGS,
    allowedAttributes: ARTICLE_ATTRIBUTES,
    allowedClasses: ARTICLE_CLASSES,
    // No data: anywhere: it can smuggle a whole HTML document or script into a link.
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: {
      img: ["http", "https"],
      source: ["http", "https"],
      audio: ["http", "https"],
      video: ["http", "https"],
      iframe: ["https"],
    },
    selfClosing: ["img", "br", "hr", "source"],
    transformTags: {
      // The headline is the page's only h1.
      ...Object.fromEntries(["h1", ...HEADINGS].map((heading) => [heading, headingWithoutPageId])),
      a: (tagName, attribs) => protectOpener(tagName, prefixSitePath(attribs, "href", options.pathPrefix)),
      img: (tagName, attribs) => ({ tagName, attribs: prefixSitePath(attribs, "src", options.pathPrefix) }),
      audio: (tagName, attribs) => ({ tagName, attribs: prefixSitePath(attribs, "src", options.pathPrefix) }),
      video: (tagName, attribs) => ({ tagName, attribs: prefixSitePath(attribs, "src", options.pathPrefix) }),
      iframe: lazyFullscreenEmbed,
    },
    exclusiveFilter: (frame) =>
      frame.tag === "iframe" && !isAllowedEmbed(frame.attribs.src, options.embedHosts),
  });
}

function prefixSitePath(attribs: sanitizeHtml.Attributes, name: string, pathPrefix = "/"): sanitizeHtml.Attributes {
  const value = attribs[name];
  if (pathPrefix === "/" || !value?.startsWith("/") || value.startsWith("//")) return attribs;
  return { ...attribs, [name]: pathPrefix.replace(/\/$/, "") + value };
}

function headingWithoutPageId(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { id, ...rest } = attribs;
  return { tagName: tagName === "h1" ? "h2" : tagName, attribs: id === undefined || pageIds.has(id) ? rest : attribs };
}

// A page opened with target can reach back through window.opener and swap our tab.
function protectOpener(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  if (attribs.target === undefined) return { tagName, attribs };
  const rel = new Set((attribs.rel ?? "").split(/\s+/).filter(Boolean));
  rel.add("noopener").add("noreferrer");
  return { tagName, attribs: { ...attribs, rel: [...rel].join(" ") } };
}

function lazyFullscreenEmbed(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  return { tagName, attribs: { ...attribs, loading: "lazy", allowfullscreen: "" } };
}

function isAllowedEmbed(src: string | undefined, embedHosts: readonly string[]): boolean {
  if (src === undefined) return false;
  try {
    const url = new URL(src);
    return url.protocol === "https:" && embedHosts.includes(url.hostname);
  } catch {
    return false;
  }
}
