import type { HeaderRule } from "../src/publishing/headers.ts";

/** How Netlify and Cloudflare Pages match a `_headers`/`_redirects` path: `*` is any characters, `:name` one segment. */
export function matches(pattern: string, path: string): boolean {
  const source = pattern
    .split(/(\*|:[a-z]+)/i)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(path);
}

export function cacheRulesFor(rules: readonly HeaderRule[], path: string): string[] {
  return rules.filter((rule) => matches(rule.path, path)).flatMap((rule) => rule.headers.filter(([name]) => name === "Cache-Control").map(([, value]) => value));
}
