import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";

/** Every file of a built site, as site paths (`/tags/kyiv/index.html`). */
export function siteFiles(output: string): string[] {
  return readdirSync(output, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(path.join(output, file)).isFile())
    .map((file) => `/${file.split(path.sep).join("/")}`);
}

export const htmlPages = (output: string) => siteFiles(output).filter((file) => file.endsWith(".html"));

/** The address a page is served at: `/tags/index.html` → `/tags/`. */
export const pageAddress = (file: string) => file.replace(/index\.html$/, "");

export interface HtmlReference {
  tag: string;
  attribute: string;
  value: string;
}

/** Every address an HTML page refers to (href, src, srcset, poster, action), and every id it defines. */
export function htmlReferences(html: string): { references: HtmlReference[]; ids: Set<string> } {
  const references: HtmlReference[] = [];
  const ids = new Set<string>();
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (attributes.id) ids.add(attributes.id);
        for (const attribute of ["href", "src", "poster", "action"]) {
          const value = attributes[attribute];
          if (value !== undefined) references.push({ tag, attribute, value });
        }
        for (const candidate of (attributes.srcset ?? "").split(",")) {
          const value = candidate.trim().split(/\s+/)[0];
          if (value) references.push({ tag, attribute: "srcset", value });
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { references, ids };
}

/**
 * The output file an address resolves to, the way a static host resolves it (`/x/` → `/x/index.html`), or why
 * it cannot. `null` means the address leaves the site (another host, mailto:, …) and is not checked.
 */
export function resolveLocal(
  value: string,
  from: string,
  site: { output: string; siteUrl: string; pathPrefix: string },
): { file: string } | { problem: string } | null {
  if (/^(mailto|tel|data|javascript):/i.test(value)) return null;
  const ownOrigin = site.siteUrl.replace(/\/+$/, "");
  let url: URL;
  if (/^https?:\/\//i.test(value) || value.startsWith("//")) {
    const absolute = new URL(value, `${ownOrigin}/`);
    if (absolute.origin !== new URL(ownOrigin).origin) return null;
    url = absolute;
  } else {
    url = new URL(value, `${ownOrigin}${site.pathPrefix.replace(/\/$/, "")}${from}`);
  }
  const pathname = decodeURIComponent(url.pathname);
  if (!pathname.startsWith(site.pathPrefix)) return { problem: `outside the path prefix ${site.pathPrefix}` };
  let file = `/${pathname.slice(site.pathPrefix.length)}`;
  const onDisk = path.join(site.output, file);
  if (file.endsWith("/") || (existsSync(onDisk) && statSync(onDisk).isDirectory())) file = `${file.replace(/\/$/, "")}/index.html`;
  return existsSync(path.join(site.output, file)) ? { file } : { problem: `no file ${file}` };
}

export const read = (output: string, file: string) => readFileSync(path.join(output, file), "utf8");
