import { existsSync } from "node:fs";
import path from "node:path";
import { IANAZone } from "luxon";
import { themeSassSettings } from "./assets.ts";
import { locales, uiStrings, type Locale, type PluralForms, type UiStrings } from "./i18n.ts";
import { closest } from "./suggest.ts";
import { defaultEmbedHosts } from "./sanitize.ts";

/** What a site passes to `eleventyConfig.addPlugin(newsArchive, { … })`. Every key is optional. */
export interface NewsArchiveOptions {
  /** The newsroom's name, shown in the header, titles, feeds and JSON-LD. */
  siteName?: string;
  /** One sentence about the archive, for the home page description and feeds. */
  siteDescription?: string;
  /** Absolute address the archive is served from, without the path prefix. */
  siteUrl?: string;
  /** Language of everything a reader sees: "uk" (default) or "en". */
  locale?: Locale;
  /** IANA time zone for datelines and URLs. */
  timeZone?: string;
  /** Folder of Markdown articles, relative to the working directory. */
  articles?: string;
  /** Articles per listing page (home, tag, author, year, month). */
  pageSize?: number;
  /** Articles in each feed. */
  feedSize?: number;
  /** How many related articles an article page shows. */
  relatedCount?: number;
  /** Longest generated slug, cut at a word boundary. */
  slugMaxLength?: number;
  /** Include `draft: true` articles; default: only while serving (`npm start`). */
  drafts?: boolean;
  /** Hosts whose iframes may be embedded in article bodies. */
  embedHosts?: readonly string[];
  /** Organisation named as publisher in JSON-LD; defaults to siteName. */
  publisher?: { name?: string; logo?: string };
  /** Brand colours and fonts, passed to the theme's Sass settings. */
  brand?: Partial<Brand>;
  /** Build the Pagefind search index after the pages are written. */
  search?: boolean;
  /** The theme's Sass settings by name without `$` (page-width, space-4, light, …), as Sass values: { "page-width": "80rem" }. */
  sass?: Record<string, string>;
  /**
   * The site's own Sass entry file, which `@use "settings" with (…)` and then `@use "main"` (the theme's folder is on
   * its load path); the theme's contrast checks still run on every colour it sets.
   */
  stylesheet?: string;
  /** The site's own wording for interface strings, by key (see src/i18n.ts), in the site's locale: { footerCopyright: "…" }. */
  strings?: Partial<UiStrings>;
  /**
   * Articles whose search excerpts share one file of the index (Pagefind's fragments, bundled with `maxFragments`):
   * more per file means fewer files on the host and a little more to download per search. 1 = a file per article.
   */
  searchBundleSize?: number;
  /**
   * Word occurrences per file of the search index (Pagefind's index chunks). A search downloads, in every part of the
   * index, the files that hold its words: smaller files mean less to download per search and more files on the host.
   */
  searchIndexChunkSize?: number;
}

export interface Brand {
  /** Accent colour of links and the masthead; must reach WCAG AA on white. */
  colour: string;
  /** The same accent for dark mode; must reach WCAG AA on the dark background. */
  colourDark: string;
  bodyFont: string;
  headingFont: string;
}

export type ResolvedOptions = Required<Omit<NewsArchiveOptions, "publisher" | "brand" | "drafts" | "strings" | "sass" | "stylesheet">> & {
  strings: Partial<UiStrings>;
  sass: Record<string, string>;
  stylesheet: string | undefined;
  drafts: boolean | undefined;
  publisher: { name: string; logo?: string };
  brand: Brand;
};

export const defaultBrand: Brand = {
  colour: "#0b5394",
  colourDark: "#8ab4f8",
  bodyFont: 'Georgia, "Times New Roman", serif',
  headingFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
};

export const defaults = {
  siteName: "Архів новин",
  siteDescription: "Архів публікацій редакції",
  siteUrl: "http://localhost:8080",
  locale: "uk" as Locale,
  timeZone: "Europe/Kyiv",
  articles: "articles",
  pageSize: 20,
  feedSize: 20,
  relatedCount: 4,
  slugMaxLength: 80,
  embedHosts: defaultEmbedHosts,
  search: true,
  searchBundleSize: 8,
  searchIndexChunkSize: 5000,
};

export class OptionsError extends Error {
  constructor(readonly problems: string[]) {
    // One problem fits one line, which is what a newsroom reads first.
    super(problems.length === 1 ? `news archive options are not valid: ${problems[0]}` : `news archive options are not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "OptionsError";
  }
  /** Eleventy's own command line prints the message without a stack trace. */
  readonly skipOriginalStack = true;
}

const known = new Set<string>([...Object.keys(defaults), "drafts", "publisher", "brand", "strings", "sass", "stylesheet"]);

/** Validates once, fills defaults, and reports every problem together so a newsroom fixes them in one go. */
export function resolveOptions(input: NewsArchiveOptions | undefined = {}): ResolvedOptions {
  const problems: string[] = [];
  const given = (input ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (known.has(key)) continue;
    const suggestion = closest(key, [...known]);
    problems.push(`unknown option "${key}"${suggestion ? ` (did you mean ${suggestion}?)` : ""}; known options: ${[...known].join(", ")}`);
  }

  const text = (key: keyof typeof defaults): string => {
    const value = given[key] ?? defaults[key];
    if (typeof value !== "string" || value.trim() === "") {
      problems.push(`${key} must be a non-empty string, got ${JSON.stringify(value)}`);
      return String(defaults[key]);
    }
    return value.trim();
  };
  const count = (key: "pageSize" | "feedSize" | "relatedCount" | "slugMaxLength" | "searchBundleSize" | "searchIndexChunkSize", min: number, max = Infinity): number => {
    const value = given[key] ?? defaults[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
      problems.push(`${key} must be a whole number ${range}, got ${JSON.stringify(value)}`);
      return defaults[key];
    }
    return value;
  };

  const siteUrl = text("siteUrl").replace(/\/+$/, "");
  const siteUrlError = siteUrlProblem(siteUrl);
  if (siteUrlError) problems.push(siteUrlError);
  const locale = (given.locale ?? defaults.locale) as Locale;
  if (!locales.includes(locale)) problems.push(`locale must be one of ${locales.join(", ")}, got ${JSON.stringify(locale)}`);
  else problems.push(...stringOverrideProblems(given.strings, locale));
  const timeZone = text("timeZone");
  if (!IANAZone.isValidZone(timeZone)) problems.push(`timeZone must be an IANA zone such as Europe/Kyiv, got "${timeZone}"`);

  const embedHosts = given.embedHosts ?? defaults.embedHosts;
  if (!Array.isArray(embedHosts) || embedHosts.some((h) => typeof h !== "string" || !/^[a-z0-9.-]+$/i.test(h))) {
    problems.push(`embedHosts must be a list of host names such as www.youtube.com`);
  }
  for (const key of ["drafts", "search"] as const) {
    if (given[key] !== undefined && typeof given[key] !== "boolean") problems.push(`${key} must be true or false`);
  }

  const siteName = text("siteName");
  const publisher = (given.publisher ?? {}) as { name?: unknown; logo?: unknown };
  if (typeof publisher !== "object" || (publisher.name !== undefined && typeof publisher.name !== "string")) {
    problems.push(`publisher must be { name, logo } with text values`);
  }
  const brandInput = (given.brand ?? {}) as Record<string, unknown>;
  const brand = { ...defaultBrand };
  for (const [key, value] of Object.entries(brandInput)) {
    if (!(key in defaultBrand)) problems.push(`brand.${key} is not a brand setting; use ${Object.keys(defaultBrand).join(", ")}`);
    else if (typeof value !== "string" || value.trim() === "" || /[;{}]/.test(value)) {
      problems.push(`brand.${key} must be a CSS value such as #0b5394, got ${JSON.stringify(value)}`);
    } else brand[key as keyof Brand] = value;
  }

  const sass = (given.sass ?? {}) as Record<string, unknown>;
  if (typeof sass !== "object" || sass === null || Array.isArray(sass)) problems.push(`sass must be an object of Sass settings by name, such as { "page-width": "80rem" }`);
  else {
    const settings = themeSassSettings();
    for (const [name, value] of Object.entries(sass)) {
      if (!settings.includes(name)) {
        const suggestion = closest(name.replace(/^\$/, ""), settings);
        const brandKey = { "brand-colour": "colour", "brand-colour-dark": "colourDark", "body-font": "bodyFont", "heading-font": "headingFont" }[name];
        problems.push(
          brandKey
            ? `sass.${name} is set with brand.${brandKey}`
            : `sass.${name} is not a setting of the theme${suggestion ? ` (did you mean sass.${suggestion}?)` : ""}; see theme/scss/README.md`,
        );
      } else if (typeof value !== "string" || value.trim() === "" || /[;{}]/.test(value)) {
        problems.push(`sass.${name} must be a Sass value such as 80rem or #0b5394, got ${JSON.stringify(value)}`);
      }
    }
  }
  const stylesheet = given.stylesheet;
  if (stylesheet !== undefined && (typeof stylesheet !== "string" || !/\.s[ac]ss$/.test(stylesheet) || !existsSync(stylesheet))) {
    problems.push(`stylesheet must be the path of the site's own .scss file, got ${JSON.stringify(stylesheet)}${typeof stylesheet === "string" && /\.s[ac]ss$/.test(stylesheet) ? " (no such file)" : ""}`);
  }
  // The site's own entry replaces the theme's, and with it the settings the sass option would pass: they would be lost.
  if (stylesheet !== undefined && given.sass !== undefined && Object.keys(sass ?? {}).length > 0) {
    problems.push(`sass and stylesheet do not go together: set ${Object.keys(sass).join(", ")} in ${String(stylesheet)}, in its @use "settings" with (…)`);
  }

  const resolved: ResolvedOptions = {
    siteName,
    siteDescription: text("siteDescription"),
    siteUrl,
    locale,
    timeZone,
    articles: text("articles"),
    pageSize: count("pageSize", 1),
    feedSize: count("feedSize", 1),
    relatedCount: count("relatedCount", 0),
    slugMaxLength: count("slugMaxLength", 20),
    drafts: given.drafts as boolean | undefined,
    embedHosts: embedHosts as readonly string[],
    publisher: {
      name: typeof publisher.name === "string" && publisher.name.trim() ? publisher.name : siteName,
      ...(typeof publisher.logo === "string" ? { logo: publisher.logo } : {}),
    },
    brand,
    search: (given.search as boolean | undefined) ?? defaults.search,
    strings: (given.strings ?? {}) as Partial<UiStrings>,
    sass: sass as Record<string, string>,
    stylesheet: typeof stylesheet === "string" ? path.resolve(stylesheet) : undefined,
    // A bundle is downloaded whole for one result shown: beyond 100 articles a search would cost megabytes.
    searchBundleSize: count("searchBundleSize", 1, 100),
    // Below 1,000 a part's metadata, which lists every file and every search loads, outgrows what smaller files save.
    searchIndexChunkSize: count("searchIndexChunkSize", 1000, 1_000_000),
  };
  if (problems.length) throw new OptionsError(problems);
  return resolved;
}

/**
 * Why a site address is unusable, in one line, if it is. Every page address, canonical link, feed and sitemap entry is
 * siteUrl + path prefix + path, so a query, fragment or path in it would break them all ("…?x=1/2021/12/…").
 */
export function siteUrlProblem(siteUrl: string): string | undefined {
  const got = `got ${JSON.stringify(siteUrl)}`;
  let url: URL | undefined;
  try {
    url = new URL(siteUrl);
  } catch {
    url = undefined;
  }
  // "https:news.example.ua" parses (as https://news.example.ua/), but is not what anyone means to publish.
  if (!url || !["http:", "https:"].includes(url.protocol) || !/^https?:\/\/[^/\s?#]/i.test(siteUrl)) {
    return `siteUrl must be an absolute http(s) address such as https://news.example.ua, ${got}`;
  }
  if (/[?#]/.test(siteUrl)) return `siteUrl must have no query (?…) or fragment (#…), ${got}`;
  if (url.username || url.password) return `siteUrl must have no user name or password: it is published on every page, ${got}`;
  if (url.pathname !== "/") {
    return `siteUrl must be the site's address without a path, ${got}; give the path as the path prefix (--path-prefix ${url.pathname.replace(/\/*$/, "/")})`;
  }
  return undefined;
}

const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * Why Eleventy's path prefix is unusable, in one line, if it is. It is written unencoded into links, sitemaps and
 * `_redirects` lines (where a space splits the rule), so only URL-safe segments pass: no spaces, no "..", no host.
 */
export function pathPrefixProblem(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const got = `got ${JSON.stringify(prefix)}`;
  if (/^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})/i.test(prefix)) {
    return `pathPrefix must be a path such as /archive/, not an address; give the host as siteUrl (--site-url), ${got}`;
  }
  const segments = prefix.replace(/^\/+|\/+$/g, "").split("/");
  if (segments.length === 1 && segments[0] === "") return undefined;
  if (segments.includes("")) return `pathPrefix must have no empty segment (//), ${got}`;
  if (segments.some((segment) => segment === "." || segment === "..")) return `pathPrefix must not hold "." or ".." segments, ${got}`;
  if (!segments.every((segment) => PATH_SEGMENT.test(segment))) {
    return `pathPrefix may hold only Latin letters, digits and - . _ ~ between slashes, such as /archive/, ${got}`;
  }
  return undefined;
}

const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/**
 * What is wrong with a site's `strings` option, one line a problem: keys the theme does not have (with the nearest
 * one it does), and values of another shape than the string they replace (text, or plural forms with one and other).
 */
export function stringOverrideProblems(value: unknown, locale: Locale): string[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["strings must be an object of interface strings by key, such as { footerCopyright: \"© {site}, 2004–2025\" }"];
  const defaults: Record<string, unknown> = { ...uiStrings(locale) };
  const keys = Object.keys(defaults);
  return Object.entries(value).flatMap(([key, given]) => {
    const original = defaults[key];
    if (original === undefined) {
      const suggestion = closest(key, keys, 3);
      return [`strings.${key} is not an interface string${suggestion ? ` (did you mean strings.${suggestion}?)` : `; the keys are those of UiStrings in eleventy-news-archive/src/i18n.ts`}`];
    }
    if (typeof original === "string") return isText(given) ? unknownPlaceholders(key, [given], [original]) : [`strings.${key} must be non-empty text, got ${JSON.stringify(given)}`];
    const forms = given as Record<string, unknown> | null;
    const valid =
      typeof forms === "object" && forms !== null && isText(forms.one) && isText(forms.other) && Object.entries(forms).every(([form, text]) => ["one", "few", "many", "other"].includes(form) && isText(text));
    if (!valid) return [`strings.${key} must be plural forms such as { one: "{n} article", other: "{n} articles" } (one, few, many, other), got ${JSON.stringify(given)}`];
    return unknownPlaceholders(key, Object.values(forms!) as string[], Object.values(original as PluralForms));
  });
}

const placeholdersOf = (texts: readonly string[]) => new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)));

/** A placeholder the theme does not fill would stop the build at the first page that shows the string: refused here, with the ones it has. */
function unknownPlaceholders(key: string, given: readonly string[], original: readonly string[]): string[] {
  const known = placeholdersOf(original);
  const unknown = [...placeholdersOf(given)].filter((name) => !known.has(name));
  if (unknown.length === 0) return [];
  const offered = known.size ? `it has ${[...known].map((name) => `{${name}}`).join(", ")}` : "it has none";
  return [`strings.${key} uses ${unknown.map((name) => `{${name}}`).join(", ")}, which the theme does not fill; ${offered}`];
}
