import { withPathPrefix } from "../site-paths.ts";

export interface HeaderRule {
  /** URL pattern as Netlify and Cloudflare Pages read it: a path, `*` matching any characters. */
  path: string;
  headers: [name: string, value: string][];
}

export const cacheForever = "public, max-age=31536000, immutable";
/** HTML, feeds and unhashed entry files: a cache may keep them but must ask again before every use. */
export const cacheRevalidate = "public, max-age=0, must-revalidate";

/**
 * The policy every page is served under. Scripts come only from the site itself (the theme emits no inline
 * script; JSON-LD and other `type="application/json"` data blocks are not scripts to CSP); Pagefind compiles
 * its WebAssembly, which needs `'wasm-unsafe-eval'` and nothing looser, and runs a worker from `/pagefind/`.
 * Styles come only from the hashed stylesheet: the theme has no inline styles, and article HTML can hold none
 * (the sanitizer drops `style`).
 * Article images and media may live on any https host; iframes only on the hosts the sanitizer lets through.
 */
export function contentSecurityPolicy(embedHosts: readonly string[]): string {
  const frames = embedHosts.map((host) => `https://${host}`);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' https: data:",
    "media-src 'self' https:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    `frame-src ${frames.length ? frames.join(" ") : "'none'"}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join("; ");
}

export interface HeaderSettings {
  pathPrefix: string;
  embedHosts: readonly string[];
  /** Folders of HTML pages beyond the theme's fixed ones: the years (`/2021/`) and the offline page. */
  sections: readonly string[];
  /** Other generated files that are not content-hashed, such as `/feed.xml` or `/sitemap-2.xml`. */
  unhashedFiles: readonly string[];
}

/**
 * `_headers` rules. Hosts apply every rule that matches a path, and Cloudflare Pages joins two values of one
 * header with a comma, so no path may match two rules that set Cache-Control: the immutable folders are
 * listed exactly, and everything else is listed by the sections the archive writes.
 */
export function headerRules(settings: HeaderSettings): HeaderRule[] {
  const at = (path: string) => withPathPrefix(path, settings.pathPrefix);
  const revalidate = (path: string): HeaderRule => ({ path: at(path), headers: [["Cache-Control", cacheRevalidate]] });
  const forever = (path: string): HeaderRule => ({ path: at(path), headers: [["Cache-Control", cacheForever]] });
  return [
    {
      path: at("/*"),
      headers: [
        ["Content-Security-Policy", contentSecurityPolicy(settings.embedHosts)],
        ["X-Content-Type-Options", "nosniff"],
        ["Referrer-Policy", "strict-origin-when-cross-origin"],
        ["X-Frame-Options", "SAMEORIGIN"],
        ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"],
      ],
    },
    // Stylesheet and scripts carry a content hash in their names; each part of the search index lives in a folder
    // named by its fingerprint, so nothing in `/pagefind/` changes under its name either.
    forever("/assets/*"),
    forever("/pagefind/*"),
    ...["/", "/page/*", "/tags/*", "/authors/*", "/archive/*", "/search/*", "/404.html"].map(revalidate),
    ...settings.sections.map((folder) => revalidate(`${folder}*`)),
    ...settings.unhashedFiles.map(revalidate),
  ];
}

export function renderHeaders(rules: readonly HeaderRule[]): string {
  return rules.map((rule) => [rule.path, ...rule.headers.map(([name, value]) => `  ${name}: ${value}`)].join("\n")).join("\n\n") + "\n";
}

export interface Redirect {
  from: string;
  to: string;
  status: 301 | 302;
}

/**
 * `_redirects`: the addresses readers and feed readers try out of habit, and page 1 of a listing, which has
 * no `page/1/` of its own. Placeholders (`:slug`) work on Netlify and Cloudflare Pages alike.
 */
export function redirects(pathPrefix: string): Redirect[] {
  const at = (path: string) => withPathPrefix(path, pathPrefix);
  const list: [string, string][] = [
    ["/feed", "/feed.xml"],
    ["/feed/", "/feed.xml"],
    ["/rss", "/feed.xml"],
    ["/rss/", "/feed.xml"],
    ["/rss.xml", "/feed.xml"],
    ["/atom.xml", "/feed.xml"],
    ["/index.xml", "/feed.xml"],
    ["/feed.atom", "/feed.xml"],
    ["/sitemap", "/sitemap.xml"],
    ["/sitemap_index.xml", "/sitemap.xml"],
    ["/page/1/", "/"],
    // Cloudflare Pages wants the static redirects above the ones with placeholders.
    ["/tags/:slug/feed", "/tags/:slug/feed.xml"],
    ["/tags/:slug/rss", "/tags/:slug/feed.xml"],
    ["/tags/:slug/page/1/", "/tags/:slug/"],
    ["/authors/:slug/page/1/", "/authors/:slug/"],
  ];
  return list.map(([from, to]) => ({ from: at(from), to: at(to), status: 301 }));
}

export function renderRedirects(list: readonly Redirect[]): string {
  return list.map((r) => `${r.from} ${r.to} ${r.status}`).join("\n") + "\n";
}
