/**
 * One Eleventy run of a build in parts, in a process of its own so that its memory is returned when it ends.
 * The parent (src/build/index.ts) passes the part through NEWS_ARCHIVE_PART; the plugin reads the same file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { partSpecVariable } from "../host.ts";
import { builtPage } from "../offline/offline-manifest.ts";
import type { PartRun, WrittenFile } from "./parts.ts";

interface TemplateResult {
  outputPath?: string | false;
  url?: string | false;
  content?: unknown;
}

async function main(): Promise<void> {
  const specFile = process.env[partSpecVariable];
  if (!specFile) throw new Error(`${partSpecVariable} is not set`);
  const run = JSON.parse(readFileSync(specFile, "utf8")) as PartRun;
  const eleventy = new Eleventy(undefined, run.output, {
    configPath: run.configPath,
    quietMode: true,
    runMode: "build",
    ...(run.pathPrefix ? { pathPrefix: run.pathPrefix } : {}),
  });
  const [, templates] = (await eleventy.write()) as [unknown, TemplateResult[]];
  const written: WrittenFile[] = [];
  for (const result of templates) {
    if (typeof result.outputPath !== "string" || typeof result.url !== "string" || typeof result.content !== "string") continue;
    const page = builtPage(result.url, result.content);
    written.push({ path: path.relative(run.output, result.outputPath).split(path.sep).join("/"), ...page });
  }
  writeFileSync(run.report, JSON.stringify(written));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : error);
  process.exitCode = 1;
});
