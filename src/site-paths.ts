/** Site paths and addresses under Eleventy's path prefix: shared by the theme, feeds, sitemaps, search, offline and photos. */

/** Prefixes a site-absolute path with the path prefix; leaves absolute URLs, anchors and relative links alone. */
export function withPathPrefix(url: string, pathPrefix: string): string {
  if (!url.startsWith("/") || url.startsWith("//")) return url;
  return pathPrefix.replace(/\/+$/, "") + url;
}

/** Turns a site path into an absolute address, as canonical links, feeds and sitemaps need. */
export function absoluteUrl(url: string, siteUrl: string, pathPrefix: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return siteUrl.replace(/\/+$/, "") + withPathPrefix(url.startsWith("/") ? url : `/${url}`, pathPrefix);
}
