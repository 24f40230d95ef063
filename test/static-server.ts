import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

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

/** Serves a built site on 127.0.0.1, the way a CDN would: `/sub/x/` → `<root>/x/index.html` under a path prefix. */
export async function serveStatic(root: string, pathPrefix = "/"): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!pathname.startsWith(pathPrefix)) {
      response.writeHead(404).end("outside the path prefix");
      return;
    }
    let file = path.join(root, pathname.slice(pathPrefix.length - 1));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) {
      const notFound = path.join(root, "404.html");
      response.writeHead(404, { "content-type": types[".html"] });
      if (existsSync(notFound)) createReadStream(notFound).pipe(response);
      else response.end("not found");
      return;
    }
    response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
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
