/**
 * Vitest's global setup: compiles the package as `npm run compile` does, before any test runs, so that the commands
 * and builds the tests start are the code a newsroom installs, made from the source under test.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export default function compile(): void {
  const root = path.resolve(import.meta.dirname, "..");
  // A clean folder: a module removed from src/ must not live on in dist/ (and in the package).
  rmSync(path.join(root, "dist"), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
