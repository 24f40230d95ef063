import { createHash } from "node:crypto";
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

/** Compiles the theme's Sass with the site's brand settings, which are validated CSS values. */
export function compileStylesheet(brand: Brand): Asset {
  const source = `@use "settings" with (
  $brand-colour: (${brand.colour}),
  $brand-colour-dark: (${brand.colourDark}),
  $body-font: (${brand.bodyFont}),
  $heading-font: (${brand.headingFont})
);
@use "main";`;
  const { css } = loadSass().compileString(source, {
    loadPaths: [path.join(themeDir, "scss")],
    style: "compressed",
  });
  return { url: `/assets/${hashedName("archive", "css", css)}`, contents: css };
}
