import MarkdownIt from "markdown-it";
import type { StateCore, Token } from "markdown-it";
import { pictureBodyImages } from "./images/body.ts";
import type { Picture } from "./images/pictures.ts";
import { defaultEmbedHosts, pageIds, sanitizeArticleHtml } from "./sanitize.ts";
import { slugify } from "./slugs.ts";
import { withoutControlCharacters } from "./text.ts";

export interface MarkdownOptions {
  embedHosts?: readonly string[];
  headingAnchors?: boolean;
  pathPrefix?: string;
}

/** Markdown to safe HTML; `pictures` are the body's local photos as the build prepared them (src/images/). */
export type ArticleRenderer = (markdown: string, pictures?: Record<string, Picture>) => string;

export function createArticleRenderer(options: MarkdownOptions = {}): ArticleRenderer {
  const { embedHosts = defaultEmbedHosts, headingAnchors: withAnchors = true, pathPrefix = "/" } = options;
  const md = new MarkdownIt({
    html: true,
    linkify: true,
    typographer: true,
    // Ukrainian typography: «ялинки» outside, „лапки“ inside.
    quotes: "«»„“",
  })
    .use(headingLevels)
    .use(tableAlignment);
  if (withAnchors) md.use(headingAnchors);
  return (markdown, pictures) =>
    pictureBodyImages(sanitizeArticleHtml(md.render(withoutControlCharacters(markdown)), { embedHosts, pathPrefix }), pictures, { pathPrefix });
}

// The headline is the page's only h1, so the body's highest heading level becomes h2, whatever level the author
// started at (an article written from "##" must not jump from h1 to h3). Going down, a heading is at most one level
// below the one before it (an author's "##" then "####" gives h2, h3), so that no level is ever skipped; going up is
// free. Headings written as raw HTML (`<h4>`) count and move with the Markdown ones, in the order they appear.
export function headingLevels(md: MarkdownIt): void {
  md.core.ruler.push("heading_levels", (state: StateCore) => {
    const raw = (token: Token) => token.type === "html_block" || token.type === "html_inline";
    const inOrder = state.tokens.flatMap((token) => (token.type === "inline" ? (token.children ?? []).filter(raw) : [token]));
    const levels = inOrder.flatMap((token) =>
      token.type === "heading_open" ? [level(token.tag)] : raw(token) ? [...token.content.matchAll(rawHeading)].filter((m) => !m[1]).map((m) => Number(m[2])) : [],
    );
    if (levels.length === 0) return;
    const top = Math.min(...levels);
    let previous = 1;
    const placed = (n: number) => (previous = Math.min(n - top + 2, previous + 1, 6));
    let markdownLevel = 2;
    // A raw closing tag takes the level its opening tag was given.
    const open: { written: number; placed: number }[] = [];
    for (const token of inOrder) {
      if (token.type === "heading_open") token.tag = `h${(markdownLevel = placed(level(token.tag)))}`;
      else if (token.type === "heading_close") token.tag = `h${markdownLevel}`;
      else if (raw(token)) {
        token.content = token.content.replace(rawHeading, (_, close: string, n: string) => {
          const written = Number(n);
          if (!close) {
            open.push({ written, placed: placed(written) });
            return `<h${open.at(-1)!.placed}`;
          }
          const index = open.findLastIndex((heading) => heading.written === written);
          const opened = index < 0 ? undefined : open.splice(index, 1)[0];
          return `</h${opened?.placed ?? Math.min(written - top + 2, 6)}`;
        });
      }
    }
  });
}

const rawHeading = /<(\/?)h([1-6])(?=[\s>/])/gi;

const level = (tag: string) => Number(tag.slice(1));

// Readers share links to a section of a long article, so each heading gets a readable id.
export function headingAnchors(md: MarkdownIt): void {
  md.core.ruler.push("heading_anchors", (state: StateCore) => {
    const taken = new Set<string>(pageIds);
    state.tokens.forEach((token, index) => {
      if (token.type !== "heading_open") return;
      const title = headingText(state.tokens[index + 1]);
      token.attrSet("id", claimId(slugify(title) || "section", taken));
    });
  });
}

function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("");
}

function claimId(base: string, taken: Set<string>): string {
  let id = base;
  for (let copy = 2; taken.has(id); copy++) id = `${base}-${copy}`;
  taken.add(id);
  return id;
}

// markdown-it aligns table columns with style attributes, which the sanitizer strips;
// a class carries the same intent through.
export function tableAlignment(md: MarkdownIt): void {
  md.core.ruler.push("table_alignment", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== "th_open" && token.type !== "td_open") continue;
      const align = /^text-align:(left|center|right)$/.exec(token.attrGet("style") ?? "")?.[1];
      if (align === undefined) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      token.attrJoin("class", `align-${align}`);
    }
  });
}
