import { withPathPrefix } from "../site-paths.ts";
import type { IconFile } from "./icons.ts";

export interface WebAppManifestInput {
  name: string;
  description: string;
  lang: string;
  pathPrefix: string;
  themeColour: string;
  backgroundColour: string;
  icons: Pick<IconFile, "url" | "size" | "purpose">[];
}

/** Longest name a home screen shows in full; longer site names are cut at a word. */
const SHORT_NAME_MAX = 12;

export function shortName(name: string): string {
  if (name.length <= SHORT_NAME_MAX) return name;
  const words = name.split(/\s+/);
  let short = words[0] ?? name;
  for (const word of words.slice(1)) {
    if (`${short} ${word}`.length > SHORT_NAME_MAX) break;
    short = `${short} ${word}`;
  }
  // "Діалог.UA — архів" becomes "Діалог.UA", not "Діалог.UA —".
  return (short.length <= SHORT_NAME_MAX ? short : short.slice(0, SHORT_NAME_MAX)).replace(/[\s\p{Pd}:;,]+$/u, "");
}

/** `/manifest.webmanifest`: what a phone needs to install the archive as an app that opens at the site root. */
export function webAppManifest(input: WebAppManifestInput): object {
  const root = withPathPrefix("/", input.pathPrefix);
  return {
    name: input.name,
    short_name: shortName(input.name),
    description: input.description,
    lang: input.lang,
    id: root,
    start_url: root,
    scope: root,
    display: "standalone",
    theme_color: input.themeColour,
    background_color: input.backgroundColour,
    icons: input.icons.map((icon) => ({
      src: withPathPrefix(icon.url, input.pathPrefix),
      sizes: `${icon.size}x${icon.size}`,
      type: "image/png",
      purpose: icon.purpose,
    })),
  };
}
