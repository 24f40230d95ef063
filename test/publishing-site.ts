import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite } from "./build-site.ts";
import { writePublishingFixture } from "./publishing-fixture.ts";

export const publishingSiteUrl = "https://news.example.ua";

/**
 * The vitest run this worker belongs to: its parent's pid and start time (a pid alone may be reused by a later
 * run). Undefined where /proc is missing; each test file then builds for itself.
 */
function runId(): string | undefined {
  try {
    const stat = readFileSync(`/proc/${process.ppid}/stat`, "utf8");
    const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return startTime ? `${process.ppid}-${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * One build of the publishing fixture per test run and path prefix, shared by the test files that only read
 * it (links, html-validate, publishing checks, CSP in Chromium), instead of one build each.
 */
export function publishingBuild(pathPrefix: "/" | "/sub/"): string {
  const build = (output?: string) =>
    buildSite({ articles: writePublishingFixture(), siteUrl: publishingSiteUrl, ...(output ? { output } : {}), ...(pathPrefix === "/" ? {} : { pathPrefix }) });
  const run = runId();
  if (!run) return build();
  const output = path.join(tmpdir(), `news-archive-publishing-${run}-${pathPrefix === "/" ? "root" : "sub"}`);
  const done = `${output}.built`;
  for (let waited = 0; waited < 600_000; waited += 250) {
    if (existsSync(done)) return output;
    try {
      mkdirSync(output);
    } catch {
      // Another test file is building it.
      sleep(250);
      continue;
    }
    try {
      build(output);
    } catch (error) {
      rmSync(output, { recursive: true, force: true });
      throw error;
    }
    writeFileSync(done, "");
    return output;
  }
  throw new Error(`waited ten minutes for another test file to build ${output}`);
}
