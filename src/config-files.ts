/**
 * The files a site's Eleventy config is made of: the config and the local modules it imports, and theirs in turn.
 * A filter or shortcode kept in `./lib/filters.js` shapes pages as much as the config itself, so a build that reuses
 * pages must notice when it changes. Found by reading import specifiers, not by running the code: a module loaded by
 * a computed name is not found.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const specifiers = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|\bimport\s*["'](\.{1,2}\/[^"']+)["']|\brequire\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
const code = /\.(?:[cm]?js|[cm]?ts)$/;

/** `configPath` first, then every local module it reaches, each once; missing ones are left to Node to report. */
export function configFiles(configPath: string): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file) || !existsSync(file) || !statSync(file).isFile()) return;
    found.add(file);
    if (!code.test(file)) return;
    for (const match of readFileSync(file, "utf8").matchAll(specifiers)) {
      const specifier = match.slice(1).find(Boolean)!;
      visit(path.resolve(path.dirname(file), specifier));
    }
  };
  visit(path.resolve(configPath));
  return [...found];
}
