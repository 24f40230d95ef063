import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { matches } from "./host-rules.ts";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".xml": "application/xml",
  ".wasm": "application/wasm",
  ".txt": "text/plain",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Send the Cache-Control headers of the site's own `_headers` file, as Netlify and Cloudflare Pages do. */
  hostHeaders?: boolean;
  /** Compress text files for a client that accepts gzip, as a CDN does. */
  gzip?: boolean;
  /** Told the path and the bytes of every file served, so a test can count what a reader downloads. */
  onServe?: (pathname: string, bytes: number) => void;
}

/** Cache-Control by path pattern, read from a `_headers` file (a path line, then indented `Name: value` lines). */
function cacheRules(file: string): { path: string; value: string }[] {
  if (!existsSync(file)) return [];
  const rules: { path: string; value: string }[] = [];
  let current = "";
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\S/.test(line)) current = line.trim();
    const header = /^\s+Cache-Control:\s*(.+)$/i.exec(line);
    if (header) rules.push({ path: current, value: header[1]!.trim() });
  }
  return rules;
}

/** The file of `root` a site path names, as a static host finds it: a folder's `index.html`. It may not exist. */
export function siteFile(root: string, sitePath: string): string {
  const file = path.join(root, sitePath);
  return existsSync(file) && statSync(file).isDirectory() ? path.join(file, "index.html") : file;
}

/** Serves a built site on 127.0.0.1, the way a CDN would: `/sub/x/` → `<root>/x/index.html` under a path prefix. */
export async function serveStatic(root: string, pathPrefix = "/", options: ServeOptions = {}): Promise<StaticServer> {
  const rules = options.hostHeaders ? cacheRules(path.join(root, "_headers")) : [];
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!pathname.startsWith(pathPrefix)) {
      response.writeHead(404).end("outside the path prefix");
      return;
    }
    const file = siteFile(root, pathname.slice(pathPrefix.length - 1));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (!existsSync(file)) {
      const notFound = path.join(root, "404.html");
      response.writeHead(404, { "content-type": types[".html"] });
      if (existsSync(notFound)) {
        options.onServe?.(pathname, statSync(notFound).size);
        createReadStream(notFound).pipe(response);
      }
      else response.end("not found");
      return;
    }
    const cacheControl = rules.find((rule) => matches(rule.path, pathname))?.value;
    if (options.hostHeaders) {
      // Like a CDN: a validator, so that a page that must be revalidated costs a 304, not its bytes, when unchanged.
      const stat = statSync(file);
      const etag = `"${stat.size}-${Math.round(stat.mtimeMs)}"`;
      response.setHeader("etag", etag);
      if (request.headers["if-none-match"] === etag) {
        options.onServe?.(pathname, 0);
        response.writeHead(304, cacheControl ? { "cache-control": cacheControl } : {}).end();
        return;
      }
    }
    const type = types[path.extname(file)] ?? "application/octet-stream";
    const compress = options.gzip && /text|json|javascript|svg|xml|wasm/.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    response.writeHead(200, { "content-type": type, ...(cacheControl ? { "cache-control": cacheControl } : {}), ...(compress ? { "content-encoding": "gzip" } : {}) });
    if (compress) {
      const body = gzipSync(readFileSync(file));
      options.onServe?.(pathname, body.length);
      response.end(body);
      return;
    }
    options.onServe?.(pathname, statSync(file).size);
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${pathPrefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
