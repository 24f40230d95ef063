/**
 * The contract between the plugin and its host: what the plugin uses of Eleventy's config, how its parts register
 * pages, and what it tells the commands and the build in parts. Core, search, offline and publishing depend on this
 * module, never on the plugin's root (src/index.ts), which composes them.
 */
import { readFileSync } from "node:fs";
import type { ArchiveBuild } from "./archive-build.ts";
import type { Asset } from "./assets.ts";
import type { ResolvedOptions } from "./options.ts";

/** What Eleventy passes to `eleventy.after` handlers. */
export interface AfterBuildEvent {
  runMode?: string;
  directories?: { output: string };
  outputMode?: string;
  results?: { url?: string | false; content?: unknown }[];
}

/** The part of Eleventy's config API the plugin uses (Eleventy 3 ships no type declarations). */
export interface EleventyHost {
  pathPrefix?: string;
  directories: { input: string; includes: string; output: string; data?: string };
  ignores: Set<string>;
  passthroughCopies: Record<string, unknown>;
  versionCheck?(range: string): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: object): void;
  addWatchTarget(target: string): void;
  /** The site's own filters and shortcodes, which the theme's templates can use too. */
  getFilters?(): Record<string, (...args: never[]) => unknown>;
  getShortcodes?(): Record<string, (...args: never[]) => unknown>;
  getPairedShortcodes?(): Record<string, (...args: never[]) => unknown>;
  on(event: "eleventy.before", callback: (arg: { runMode?: string }) => unknown): void;
  on(event: "eleventy.after", callback: (arg: AfterBuildEvent) => unknown): void;
  setEventEmitterMode?(mode: "sequential" | "parallel"): void;
}

/** The data every page of the plugin renders from: the build, plus what its pagination adds (`article`, `listing`). */
export type PageData<Extra extends object = object> = { newsArchive: ArchiveBuild } & Extra;

/** Registers one Eleventy virtual template under `news-archive/`; `render` gets the build and the page's own data. */
export type PageRegistrar = <Extra extends object = object>(virtualPath: string, data: object, render: (data: PageData<Extra>) => string) => void;

/**
 * One Eleventy run of a build in parts (src/build/): the article index to load instead of reading every article,
 * and the pages this run writes. `site` is the one run that also writes everything else (feeds, sitemaps, the site's
 * own templates and copies); search, the service worker and the offline manifest are then the build's own work.
 */
export interface PartSpec {
  site: boolean;
  /** The site's part: the article index (src/build/article-index.ts), for feeds, sitemaps and the other whole-archive pages. */
  index?: string;
  /** The other parts: their pages, prepared by the build (PartPages), so that they never hold the whole archive. */
  pages?: string;
  /** Compiled once by the build rather than by every part. */
  stylesheet: Asset;
  /**
   * Folders Eleventy must not read as the site's templates: the build's real output and working folder, which lie
   * inside the input when the input is the project folder (Eleventy's default) and Eleventy itself writes elsewhere.
   */
  ignore?: string[];
}

export const partSpecVariable = "NEWS_ARCHIVE_PART";

export function readPartSpec(): PartSpec | undefined {
  const file = process.env[partSpecVariable];
  return file ? (JSON.parse(readFileSync(file, "utf8")) as PartSpec) : undefined;
}

/**
 * The command line's --articles and --site-url, which win over the site's config. They travel in the environment
 * because each part of a build is an Eleventy run in a process of its own that loads the config again.
 */
export const commandLineOverrides = { articles: "NEWS_ARCHIVE_ARTICLES", siteUrl: "NEWS_ARCHIVE_SITE_URL" } as const;

export function overriddenOptions<T extends object>(options: T): T {
  const overrides = Object.fromEntries(
    Object.entries(commandLineOverrides).flatMap(([option, variable]) => (process.env[variable] ? [[option, process.env[variable]]] : [])),
  );
  return { ...options, ...overrides };
}

/** What the plugin learned from the site's config, for the commands and the build in parts, which read it after Eleventy's init. */
export interface PluginSetup {
  options: ResolvedOptions;
  pathPrefix: string;
  siteIncludes: string;
  /** The site's global data folder (`_data/`), which theme templates and overrides may show: part of every page. */
  siteData?: string;
  input: string;
}

// A symbol in the global registry: the site's config may load another copy of the package than the command that reads it.
const setupKey = Symbol.for("news-archive.setup");
type SetupHolder = { [setupKey]?: PluginSetup };

export function registerSetup(setup: PluginSetup): void {
  (globalThis as SetupHolder)[setupKey] = setup;
}

export function registeredSetup(): PluginSetup | undefined {
  return (globalThis as SetupHolder)[setupKey];
}

export function clearRegisteredSetup(): void {
  delete (globalThis as SetupHolder)[setupKey];
}
