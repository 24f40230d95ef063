/**
 * Vitest's global setup: compiles the package (`npm run compile`) before any test runs, so that the commands and
 * builds the tests start are the code a newsroom installs, made from the source under test. Incremental: a run with
 * no change to src/ takes a few seconds.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export default function compile(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
