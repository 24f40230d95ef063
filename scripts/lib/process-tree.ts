import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Peak memory of a process and everything it starts (child Node processes, Pagefind's binary), sampled from /proc:
// a child's own resource usage is lost to its parent's, and the build is run as users run it, with no hooks inside.

export interface ProcessPeak {
  pid: number;
  /** The command and, for an interpreter, its script: `node build.ts`, `pagefind_extended`. */
  name: string;
  peakKb: number;
}

export interface TreePeaks {
  processes: ProcessPeak[];
  /** Highest sum of the resident memory of all processes of the tree at one sample. */
  totalKb: number;
}

/** pid, parent pid and command from /proc/<pid>/stat; the command may itself hold spaces and parentheses. */
export function parseStat(text: string): { pid: number; ppid: number; comm: string } {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  return { pid: Number(text.slice(0, open)), ppid: Number(fields[1]), comm: text.slice(open + 1, close) };
}

/** Current and peak resident memory in KB from /proc/<pid>/status (absent for zombies and kernel threads). */
export function parseStatus(text: string): { rssKb: number; hwmKb: number } {
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
}

/** `root` and every process below it, given each process's parent. */
export function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]!) ?? []));
  return found;
}

/** Names an interpreter's process after its script, since every Node process is just "node". */
export function processName(comm: string, argv: readonly string[]): string {
  const script = argv.slice(1).find((arg) => /\.(?:[cm]?js|[cm]?ts)$/.test(arg) && !arg.startsWith("-"));
  return script ? `${comm} ${path.basename(script)}` : comm;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** Polls the tree under `root` until stopped; processes that end between samples keep the peak last seen. */
export function watchProcessTree(root: number, intervalMs = 150): { stop(): TreePeaks } {
  const peaks = new Map<number, ProcessPeak>();
  let totalKb = 0;
  const sample = () => {
    const parents = new Map<number, number>();
    const comms = new Map<number, string>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readProc(Number(entry), "stat");
      if (!stat) continue;
      const { pid, ppid, comm } = parseStat(stat);
      parents.set(pid, ppid);
      comms.set(pid, comm);
    }
    let sum = 0;
    for (const pid of descendants(root, parents)) {
      const status = readProc(pid, "status");
      if (!status) continue;
      const { rssKb, hwmKb } = parseStatus(status);
      sum += rssKb;
      const known = peaks.get(pid);
      // An exec (Node spawning Pagefind) keeps the pid but starts a new program, so the name is read again.
      const name = processName(comms.get(pid) ?? "?", (readProc(pid, "cmdline") ?? "").split("\0"));
      peaks.set(pid, { pid, name, peakKb: Math.max(known?.name === name ? known.peakKb : 0, rssKb, hwmKb) });
    }
    totalKb = Math.max(totalKb, sum);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { processes: [...peaks.values()].filter((p) => p.peakKb > 0), totalKb };
    },
  };
}
