import path from "node:path";
import { buildSync } from "esbuild";
import { hashedName, type Asset } from "../assets.ts";
import { themeDir } from "../theme.ts";

export const searchScriptEntry = path.join(themeDir, "scripts", "search.ts");

/**
 * Bundles the search page's script with the very stemmer module the tests check, so the browser stems
 * queries exactly as measured. Content-hashed like the stylesheet, so it can be cached for ever.
 */
export function bundleSearchScript(): Asset {
  const result = buildSync({
    entryPoints: [searchScriptEntry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    // Dynamic import() of Pagefind's module is the oldest feature the script needs.
    target: ["es2020"],
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  const contents = result.outputFiles[0]!.text;
  return { url: `/assets/${hashedName("search", "js", contents)}`, contents };
}
