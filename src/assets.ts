import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Brand } from "./options.ts";
import { themeDir } from "./theme.ts";

export interface Asset {
  /** Site path with a content hash, so CDNs may cache it for ever. */
  url: string;
  contents: string;
}

export function hashedName(baseName: string, extension: string, contents: string): string {
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 10);
  return `${baseName}.${hash}.${extension}`;
}

/** Sass takes over half a second to load; the Eleventy runs of a build in parts get the stylesheet made, so only the build loads it. */
const loadSass = () => createRequire(import.meta.url)("sass") as typeof import("sass");

const scssDir = path.join(themeDir, "scss");

/** Sass settings the brand option sets; a site sets them there, in the brand's words. */
const brandSettings: Record<keyof Brand, string> = { colour: "brand-colour", colourDark: "brand-colour-dark", bodyFont: "body-font", headingFont: "heading-font" };

/**
 * The theme's Sass settings a site may set with the `sass` option, by name without `$`: every `!default` variable of
 * the settings layer (colours, fonts, type scale, spacing, widths), except the four the `brand` option sets.
 */
export function themeSassSettings(): string[] {
  const files = [path.join(scssDir, "_settings.scss"), ...readdirSync(path.join(scssDir, "settings")).map((f) => path.join(scssDir, "settings", f))];
  const names = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/^\$([\w-]+):[^;]*!default/gms)].map((m) => m[1]!));
  const brand = new Set(Object.values(brandSettings));
  return [...new Set(names)].filter((name) => !brand.has(name)).sort();
}

export interface StylesheetSettings {
  brand: Brand;
  /** Further Sass settings by name, as Sass values (validated by resolveOptions). */
  sass?: Record<string, string>;
  /** The site's own Sass entry, which `@use`s "settings" with its values and then "main"; replaces the theme's. */
  entry?: string;
}

/**
 * Compiles the theme's Sass with the site's settings, which are validated CSS values, or the site's own entry that
 * uses the theme. Either way the theme's contrast checks run on every colour pair, whoever set the colours.
 */
export function compileStylesheet(settings: StylesheetSettings | Brand): Asset {
  const { brand, sass = {}, entry } = "brand" in settings ? settings : { brand: settings };
  const options = { loadPaths: [scssDir], style: "compressed" as const };
  if (entry) {
    const { css } = loadSass().compile(entry, options);
    return { url: `/assets/${hashedName("archive", "css", css)}`, contents: css };
  }
  const values = {
    ...Object.fromEntries(Object.entries(brandSettings).map(([key, name]) => [name, brand[key as keyof Brand]])),
    ...sass,
  };
  const source = `@use "settings" with (\n${Object.entries(values).map(([name, value]) => `  $${name}: (${value})`).join(",\n")}\n);\n@use "main";`;
  const { css } = loadSass().compileString(source, options);
  return { url: `/assets/${hashedName("archive", "css", css)}`, contents: css };
}
