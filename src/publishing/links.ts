/**
 * Rewrites the site-absolute addresses (`/images/a.jpg`, not `//cdn…` or `https://…`) in rendered article HTML.
 * Editors write links as the site sees them at its root; the page needs them under the path prefix and a feed
 * reader needs them absolute, since it shows the HTML away from the site.
 */
export function rewriteRootLinks(html: string, rewrite: (sitePath: string) => string): string {
  const one = (url: string) => (url.startsWith("/") && !url.startsWith("//") ? rewrite(url) : url);
  return html
    .replace(/(\s(?:href|src|poster|cite)=")([^"]*)"/g, (_, attribute: string, url: string) => `${attribute}${one(url)}"`)
    .replace(/(\ssrcset=")([^"]*)"/g, (_, attribute: string, list: string) => {
      const candidates = list.split(",").map((candidate) => candidate.trim().replace(/^\S+/, (url) => one(url)));
      return `${attribute}${candidates.join(", ")}"`;
    });
}

/** Article HTML for a page served under `pathPrefix`. */
export function prefixRootLinks(html: string, pathPrefix: string): string {
  return pathPrefix === "/" ? html : rewriteRootLinks(html, (sitePath) => pathPrefix.replace(/\/+$/, "") + sitePath);
}
