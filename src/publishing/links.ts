/**
 * Rewrites the root-relative addresses (`/images/a.jpg`, not `//cdn…` or `https://…`) in rendered article HTML.
 * A feed reader shows the HTML away from the site, so a feed needs them absolute.
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

