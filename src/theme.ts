import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { formatDateline, formatMonthHeading, isoDateTime, type ArticleDate } from "./dates.ts";
import { pictureHtml, sizes, type Picture, type PictureHtmlOptions } from "./images/pictures.ts";
import { countArticles, fill, plural, type Locale, type PluralForms } from "./i18n.ts";

export const themeDir = fileURLToPath(new URL("../theme/", import.meta.url));
export const themeTemplatesDir = path.join(themeDir, "templates");

export interface ThemeSettings {
  locale: Locale;
  /** Eleventy's path prefix, "/" or "/sub/". */
  pathPrefix: string;
  /** The site's own `_includes/`: a template there replaces the theme's template of the same name. */
  siteIncludes?: string;
}

/** Prefixes a site-absolute path with the path prefix; leaves absolute URLs, anchors and relative links alone. */
export function withPathPrefix(url: string, pathPrefix: string): string {
  if (!url.startsWith("/") || url.startsWith("//")) return url;
  return pathPrefix.replace(/\/+$/, "") + url;
}

/** Turns a site path into an absolute address, as canonical links, feeds and sitemaps need. */
export function absoluteUrl(url: string, siteUrl: string, pathPrefix: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return siteUrl.replace(/\/+$/, "") + withPathPrefix(url.startsWith("/") ? url : `/${url}`, pathPrefix);
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

/**
 * A Nunjucks environment that looks in the site's `_includes/` first and the theme second, so a site overrides
 * any theme template (or partial) by adding a file of the same name. Autoescaping is on: article text is data.
 */
export function createRenderer(settings: ThemeSettings): Renderer {
  const searchPaths = [settings.siteIncludes, themeTemplatesDir].filter((p): p is string => Boolean(p));
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(searchPaths, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  const { locale, pathPrefix } = settings;
  env.addFilter("url", (url: string) => withPathPrefix(String(url ?? ""), pathPrefix));
  env.addFilter("dateline", (date: ArticleDate) => formatDateline(date, locale));
  env.addFilter("isoDateTime", (date: ArticleDate) => isoDateTime(date));
  env.addFilter("monthHeading", (month: { year: number; month: number }) => formatMonthHeading(month.year, month.month, locale));
  env.addFilter("countArticles", (n: number) => countArticles(n, locale));
  env.addFilter("plural", (n: number, forms: PluralForms) => plural(n, forms, locale));
  env.addFilter("fill", (template: string, values: Record<string, string | number>) => fill(template, values));
  env.addFilter("picture", (picture: Picture, options: Omit<PictureHtmlOptions, "pathPrefix" | "sizes"> & { sizes: keyof typeof sizes }) =>
    new nunjucks.runtime.SafeString(pictureHtml(picture, { ...options, alt: options.alt ?? "", sizes: sizes[options.sizes], pathPrefix })),
  );
  env.addFilter("jsonScript", (value: unknown) => new nunjucks.runtime.SafeString(jsonForScript(value)));
  return (template, context) => env.render(template, context);
}
