import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..");
/** The package's command, compiled by vitest's global setup (test/compile.ts) from the current source. */
export const binPath = path.join(repoRoot, "dist", "bin.js");

export interface BuildFlags {
  articles: string;
  output?: string;
  siteUrl?: string;
  pathPrefix?: string;
  /** More flags, e.g. ["--no-cache"] or ["--shard", "1/2"]. */
  extra?: string[];
  env?: Record<string, string>;
}

/** Runs `npm run build`'s command in a child process, exactly as a newsroom would, and returns the output folder. */
export function buildSite(flags: BuildFlags): string {
  const output = flags.output ?? mkdtempSync(path.join(tmpdir(), "news-archive-"));
  const args = [binPath, "build", "--quiet", "--articles", flags.articles, "--output", output];
  if (flags.siteUrl) args.push("--site-url", flags.siteUrl);
  if (flags.pathPrefix) args.push("--path-prefix", flags.pathPrefix);
  args.push(...(flags.extra ?? []));
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: "pipe", encoding: "utf8", env: { ...process.env, ...flags.env } });
  return output;
}

/** The build's failure message, for tests of bad input. */
export function buildFailure(flags: BuildFlags): string {
  try {
    buildSite(flags);
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string };
    return `${failed.stdout ?? ""}${failed.stderr ?? ""}`;
  }
  throw new Error("the build was expected to fail but succeeded");
}

export function readOutput(output: string, sitePath: string): string {
  const file = sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath;
  return readFileSync(path.join(output, file), "utf8");
}
