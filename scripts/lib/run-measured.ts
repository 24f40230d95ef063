import { spawn } from "node:child_process";
import { watchProcessTree, type TreeUsage } from "./process-tree.ts";

export interface MeasuredRun {
  seconds: number;
  /** "ok", "OOM" when a Node heap ran out, or how else it ended, e.g. "exit 1", "SIGKILL". */
  outcome: string;
  memory: TreeUsage;
  /** The end of stderr, for reporting a failure. */
  stderr: string;
}

const STDERR_TAIL = 64 * 1024;

/** How a run ended: out-of-memory is told apart, since running out under Node's default limits is a result, not a bench bug. */
export function outcomeOf(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/JavaScript heap out of memory|Reached heap limit/.test(stderr)) return "OOM";
  if (signal) return signal;
  return code === 0 ? "ok" : `exit ${code}`;
}

/** Runs `node ...args` with the user's defaults (no heap flags), timing it and sampling the memory of its process tree. */
export function runMeasured(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<MeasuredRun> {
  // A NODE_OPTIONS heap limit inherited from the shell would hide what users get by default.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...env, ...options.env }, stdio: ["ignore", "ignore", "pipe"] });
  const watch = watchProcessTree(child.pid!);
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, outcome: outcomeOf(code, signal, stderr), memory: watch.stop(), stderr });
    });
  });
}
