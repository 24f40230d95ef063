/**
 * The site's own settings, for every command: the commands load the site's Eleventy config as Eleventy itself does,
 * so `check`, `new`, `import` and the build read the same articles folder, time zone and slug length.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { clearRegisteredSetup, commandLineOverrides, registeredSetup, type PluginSetup } from "../host.ts";
import { UsageError } from "../cli.ts";

/** Eleventy's own config file names, in the order it looks for them. */
export const configNames = [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

/** The config given with --config, or the first of Eleventy's names in the working folder. */
export function findConfig(given: string | undefined, cwd = process.cwd()): string {
  if (given) {
    if (!existsSync(path.resolve(cwd, given))) throw new UsageError(`--config ${given}: no such file`);
    return given;
  }
  const found = configNames.find((name) => existsSync(path.join(cwd, name)));
  if (!found) {
    throw new UsageError(
      `no Eleventy config here (${configNames.join(", ")}); add eleventy.config.js with eleventyConfig.addPlugin(newsArchive, { … }), or give --config FILE`,
    );
  }
  return found;
}

export class SiteSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SiteSetupError";
  }
}

export interface SiteRequest {
  configPath: string;
  /** --articles, --site-url: they reach the plugin (and every part of a build) through the environment. */
  articles?: string;
  siteUrl?: string;
  output?: string;
  pathPrefix?: string;
}

/** Passes the command line's overrides to the plugin, in this process and in those it starts. */
export function applyOverrides(request: Pick<SiteRequest, "articles" | "siteUrl">): void {
  if (request.articles) process.env[commandLineOverrides.articles] = request.articles;
  if (request.siteUrl) process.env[commandLineOverrides.siteUrl] = request.siteUrl;
}

/** Loads the site's Eleventy config, which adds the plugin with its options, and returns what the plugin learned. */
export async function loadSite(request: SiteRequest): Promise<PluginSetup> {
  applyOverrides(request);
  clearRegisteredSetup();
  const eleventy = new Eleventy(undefined, request.output, {
    configPath: request.configPath,
    quietMode: true,
    runMode: "build",
    ...(request.pathPrefix ? { pathPrefix: request.pathPrefix } : {}),
  });
  await eleventy.init();
  const setup = registeredSetup();
  if (!setup) throw new SiteSetupError(`${request.configPath} does not add the news archive plugin (eleventyConfig.addPlugin(newsArchive, { … }))`);
  return setup;
}
