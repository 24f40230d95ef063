/**
 * Runs the parts of a build, each an Eleventy run in its own process, as many at once as the machine has cores:
 * one Eleventy run over every article of a large archive runs out of memory, a bounded part never does.
 */
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { partSpecVariable, type PartSpec } from "../host.ts";
import type { BuiltPage } from "../offline/offline-manifest.ts";

/** A part as its process reads it: the plugin's PartSpec plus how to start Eleventy and where to report. */
export interface PartRun extends PartSpec {
  configPath: string;
  output: string;
  pathPrefix?: string;
  /** JSON file the part writes its WrittenFile list to. */
  report: string;
}

/** A page a part wrote: its path in the output folder, with what the offline manifest and the build manifest need. */
export interface WrittenFile extends BuiltPage {
  path: string;
}

// part-worker.ts beside this file, or part-worker.js once compiled.
const partScript = path.join(import.meta.dirname, `part-worker${path.extname(import.meta.filename)}`);

/** Carries what the part's process printed: the parent's own stack would only say where it waited. */
export class PartFailedError extends Error {
  override name = "PartFailedError";
}

/**
 * Runs `script` in a process of its own, its spec in a file named by NEWS_ARCHIVE_PART, and resolves to the JSON it
 * wrote to the spec's `report`: whatever memory the work took is returned to the system when the process ends.
 */
export function runWorker<T, Spec extends { report: string } = { report: string }>(script: string, spec: Spec, specFile: string): Promise<T> {
  writeFileSync(specFile, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    // execArgv carries the TypeScript loader the build itself runs under.
    const child = fork(script, [], {
      execArgv: process.execArgv,
      env: { ...process.env, [partSpecVariable]: specFile },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let errors = "";
    // Eleventy's own "Wrote N files" lines, one per part, would only confuse: the build prints its own summary.
    child.stdout?.resume();
    child.stderr?.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve(JSON.parse(readFileSync(spec.report, "utf8")) as T);
      const reason = signal ? `was stopped by ${signal}` : `failed (exit code ${code})`;
      reject(new PartFailedError(`a part of the build ${reason}:\n${errors.trim()}`));
    });
  });
}

/**
 * Runs every part, at most `jobs` at a time; the first failure fails the build once the running parts end. Each
 * part's spec is made when its turn comes, so that the page data of parts still waiting is not held meanwhile.
 */
export async function runParts(runs: readonly (() => PartRun)[], jobs: number, specFile: (index: number) => string): Promise<WrittenFile[][]> {
  const results: WrittenFile[][] = new Array(runs.length);
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < runs.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await runWorker<WrittenFile[]>(partScript, runs[index]!(), specFile(index));
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, runs.length)) }, lane));
  if (failure !== undefined) throw failure;
  return results;
}
