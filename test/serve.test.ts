import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { binPath, repoRoot } from "./build-site.ts";

it("npm start serves a preview that includes drafts", async () => {
  const articles = mkdtempSync(path.join(tmpdir(), "serve-articles-"));
  mkdirSync(path.join(articles, "2024"));
  writeFileSync(path.join(articles, "2024", "draft.md"), "---\ntitle: Чернетка для перегляду\ndate: 2024-03-05 10:00\ndraft: true\n---\nЩе не опубліковано.\n");
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn(
    process.execPath,
    [binPath, "build", "--serve", "--quiet", "--port", String(port), "--articles", articles, "--output", mkdtempSync(path.join(tmpdir(), "serve-out-"))],
    { cwd: repoRoot, stdio: "ignore", detached: true },
  );
  try {
    const page = `http://localhost:${port}/2024/03/chernetka-dlia-perehliadu/`;
    let html = "";
    for (const started = Date.now(); Date.now() - started < 60_000 && !html; ) {
      html = await fetch(page).then((response) => (response.ok ? response.text() : ""), () => "");
      if (!html) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(html).toContain("<h1 class=\"article__title\">Чернетка для перегляду</h1>");
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});
