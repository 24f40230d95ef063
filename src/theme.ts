import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { formatDateline, formatMonthHeading, isoDateTime, type ArticleDate } from "./dates.ts";
import { pictureHtml, sizes, type Picture, type PictureHtmlOptions } from "./images/pictures.ts";
import { fill, plural, uiStrings, type Locale, type PluralForms, type UiStrings } from "./i18n.ts";
import { withPathPrefix } from "./site-paths.ts";

export const themeDir = fileURLToPath(new URL("../theme/", import.meta.url));
export const themeTemplatesDir = path.join(themeDir, "templates");

export interface ThemeSettings {
  locale: Locale;
  /** Eleventy's path prefix, "/" or "/sub/". */
  pathPrefix: string;
  /** The site's own `_includes/`: a template there replaces the theme's template of the same name. */
  siteIncludes?: string;
  /** Interface strings with the site's own wording (default: the locale's). */
  strings?: UiStrings;
  /** The site's own Eleventy filters, which its `_includes/` overrides (and the theme's templates) may use. */
  siteFilters?: Record<string, SiteFunction>;
  /** The site's own Eleventy shortcodes, `{% name args %}`, and paired ones, `{% name %}…{% endname %}`. */
  siteShortcodes?: Record<string, SiteFunction>;
  sitePairedShortcodes?: Record<string, SiteFunction>;
}

/** A filter or shortcode of the site's Eleventy config: its arguments are whatever the template passes. */
export type SiteFunction = (...args: never[]) => unknown;

/**
 * A site's shortcode as a tag of the theme's Nunjucks environment, called as Eleventy calls it: with `page` and
 * `eleventy` of the page's data as `this`, a paired one with its rendered body first. The theme renders synchronously,
 * so an async shortcode is refused by name rather than printed as "[object Promise]".
 */
class SiteShortcode implements nunjucks.Extension {
  readonly tags: string[];
  constructor(
    readonly name: string,
    readonly shortcode: SiteFunction,
    readonly paired: boolean,
  ) {
    this.tags = [name];
  }
  // Nunjucks' parser API has no type declarations.
  parse(parser: any, nodes: any): unknown {
    const token = parser.nextToken();
    const args = parser.parseSignature(true, true);
    // As Eleventy does: Nunjucks cannot call an unpaired tag without arguments, so it gets an empty string.
    if (!this.paired && args.children.length === 0) args.addChild(new nodes.Literal(0, 0, ""));
    parser.advanceAfterBlockEnd(token.value);
    if (!this.paired) return new nodes.CallExtension(this, "run", args);
    const body = parser.parseUntilBlocks(`end${this.name}`);
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, "run", args, [body]);
  }
  run(context: { ctx: Record<string, unknown> }, ...args: unknown[]): nunjucks.runtime.SafeString {
    const body = this.paired ? (args.pop() as () => string)() : undefined;
    const self = { page: context.ctx.page, eleventy: context.ctx.eleventy, ctx: context.ctx };
    const result: unknown = (this.shortcode as (...a: unknown[]) => unknown).apply(self, this.paired ? [body, ...args] : args);
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      throw new Error(`the site's shortcode "${this.name}" is asynchronous; the news archive's templates render synchronously, so give them a synchronous shortcode or filter`);
    }
    return new nunjucks.runtime.SafeString(String(result));
  }
}

/** JSON for a `<script type="application/ld+json">` block: `<` is escaped so article text can never close the script. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export type Renderer = (template: string, context: object) => string;

/** The prefix that names the theme's own template, whatever the site overrides: `{% extends "news-archive/base.njk" %}`. */
export const themeTemplatePrefix = "news-archive/";

/** Finds `news-archive/<name>` in the theme alone, so that a site's `base.njk` can extend the theme's. */
class ThemeLoader extends nunjucks.FileSystemLoader {
  constructor() {
    super([themeTemplatesDir], { noCache: false });
  }
  override getSource(name: string): nunjucks.LoaderSource {
    if (name.startsWith(themeTemplatePrefix)) return super.getSource(name.slice(themeTemplatePrefix.length));
    // "Not mine": Nunjucks then asks the next loader. Its type declarations leave out this null.
    return null!;
  }
}

/**
 * Nunjucks compiles an included or imported template lazily and reports its syntax errors (a site's partial with an
 * unknown tag, say) on a later tick, where they escape a synchronous render: the page renders as nothing and the error
 * surfaces as an uncaught exception. Compiling every template as it is loaded makes such an error throw from the
 * render that needs the template, naming the file.
 */
class EagerEnvironment extends nunjucks.Environment {
  override getTemplate(...args: unknown[]): never {
    const [name, eagerCompile, ...rest] = args;
    const method = nunjucks.Environment.prototype.getTemplate as (...a: unknown[]) => never;
    // getTemplate(name, callback) puts the callback where the flag goes.
    return typeof eagerCompile === "function" ? method.call(this, name, true, eagerCompile) : method.call(this, name, true, ...rest);
  }
}

/**
 * A Nunjucks environment that looks in the site's `_includes/` first and the theme second, so a site overrides
 * any theme template (or partial) by adding a file of the same name. Autoescaping is on: article text is data.
 */
export function createRenderer(settings: ThemeSettings): Renderer {
  const searchPaths = [settings.siteIncludes, themeTemplatesDir].filter((p): p is string => Boolean(p));
  const env = new EagerEnvironment([new ThemeLoader(), new nunjucks.FileSystemLoader(searchPaths, { noCache: false })], {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  const { locale, pathPrefix } = settings;
  const strings = settings.strings ?? uiStrings(locale);
  // The site's filters first: the theme's own (`url` among them, which Eleventy also has) must win.
  for (const [name, filter] of Object.entries(settings.siteFilters ?? {})) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  for (const [name, shortcode] of Object.entries(settings.siteShortcodes ?? {})) env.addExtension(name, new SiteShortcode(name, shortcode, false));
  for (const [name, shortcode] of Object.entries(settings.sitePairedShortcodes ?? {})) env.addExtension(name, new SiteShortcode(name, shortcode, true));
  env.addFilter("url", (url: string) => withPathPrefix(String(url ?? ""), pathPrefix));
  env.addFilter("dateline", (date: ArticleDate) => formatDateline(date, locale));
  env.addFilter("isoDateTime", (date: ArticleDate) => isoDateTime(date));
  env.addFilter("monthHeading", (month: { year: number; month: number }) => formatMonthHeading(month.year, month.month, locale));
  env.addFilter("countArticles", (n: number) => plural(n, strings.articleCount, locale));
  env.addFilter("plural", (n: number, forms: PluralForms) => plural(n, forms, locale));
  env.addFilter("fill", (template: string, values: Record<string, string | number>) => fill(template, values));
  env.addFilter("picture", (picture: Picture, options: Omit<PictureHtmlOptions, "pathPrefix" | "sizes"> & { sizes: keyof typeof sizes }) =>
    new nunjucks.runtime.SafeString(pictureHtml(picture, { ...options, alt: options.alt ?? "", sizes: sizes[options.sizes], pathPrefix })),
  );
  env.addFilter("jsonScript", (value: unknown) => new nunjucks.runtime.SafeString(jsonForScript(value)));
  return (template, context) => env.render(template, context);
}
