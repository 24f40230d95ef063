import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Peak memory and CPU time of a process and everything it starts (child Node processes, Pagefind's binary), sampled from /proc:
// a child's own resource usage is lost to its parent's, and the build is run as users run it, with no hooks inside.

export interface ProcessPeak {
  pid: number;
  /** The command and, for an interpreter, its script: `node build.ts`, `pagefind_extended`. */
  name: string;
  peakKb: number;
  /** CPU time when last seen: where a build's work goes (its own process, Eleventy's parts, search, Pagefind). */
  cpuSeconds: number;
}

export interface TreeUsage {
  processes: ProcessPeak[];
  /** Highest sum of the resident memory of all processes of the tree at one sample. */
  totalKb: number;
  /** CPU time of all processes, which, unlike wall time, others' load on a shared machine barely moves. */
  cpuSeconds: number;
}

/** Linux reports CPU time in USER_HZ ticks, fixed at 100 on the architectures Node runs on. */
const TICKS_PER_SECOND = 100;

/** pid, parent pid, command and CPU seconds from /proc/<pid>/stat; the command may itself hold spaces and parentheses. */
export function parseStat(text: string): { pid: number; ppid: number; comm: string; cpuSeconds: number } {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  // Fields after the command, counted from 3 (state) as in proc(5): 4 is ppid, 14 and 15 user and system time.
  const fields = text.slice(close + 2).split(" ");
  const cpuSeconds = (Number(fields[14 - 3]) + Number(fields[15 - 3])) / TICKS_PER_SECOND;
  return { pid: Number(text.slice(0, open)), ppid: Number(fields[4 - 3]), comm: text.slice(open + 1, close), cpuSeconds };
}

/**
 * Current and peak resident memory in KB from /proc/<pid>/status; undefined for a zombie, which has none left and
 * whose empty command line must not rename the process it was.
 */
export function parseStatus(text: string): { rssKb: number; hwmKb: number } | undefined {
  const field = (name: string) => new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1];
  const rss = field("VmRSS");
  return rss === undefined ? undefined : { rssKb: Number(rss), hwmKb: Number(field("VmHWM") ?? 0) };
}

/** `root` and every process below it, given each process's parent. */
export function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]!) ?? []));
  return found;
}

/**
 * Names an interpreter's process after its script, since every Node process is just "node"; the program comes from
 * the command line when there is one, as the kernel cuts `comm` to 15 characters ("pagefind_extend").
 */
export function processName(comm: string, argv: readonly string[]): string {
  const program = argv[0] ? path.basename(argv[0]) : comm;
  const script = argv.slice(1).find((arg) => /\.(?:[cm]?js|[cm]?ts)$/.test(arg) && !arg.startsWith("-"));
  return script ? `${program} ${path.basename(script)}` : program;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** Often enough to catch Pagefind even on small archives; one scan of /proc costs a few milliseconds. */
export const SAMPLE_INTERVAL_MS = 100;

/**
 * Polls the tree under `root` until stopped; processes that end between samples keep the peak last seen, and one
 * that lives shorter than the interval may go unseen.
 */
export function watchProcessTree(root: number, intervalMs = SAMPLE_INTERVAL_MS): { stop(): TreeUsage } {
  const peaks = new Map<number, ProcessPeak>();
  const cpu = new Map<number, number>();
  let totalKb = 0;
  const sample = () => {
    const parents = new Map<number, number>();
    const stats = new Map<number, ReturnType<typeof parseStat>>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const text = readProc(Number(entry), "stat");
      if (!text) continue;
      const stat = parseStat(text);
      parents.set(stat.pid, stat.ppid);
      stats.set(stat.pid, stat);
    }
    let sum = 0;
    for (const pid of descendants(root, parents)) {
      const stat = stats.get(pid);
      if (stat) cpu.set(pid, stat.cpuSeconds);
      const memory = parseStatus(readProc(pid, "status") ?? "");
      if (!memory) continue;
      const { rssKb, hwmKb } = memory;
      sum += rssKb;
      const known = peaks.get(pid);
      // An exec (Node spawning Pagefind) keeps the pid but starts a new program, so the name is read again.
      const name = processName(stat?.comm ?? "?", (readProc(pid, "cmdline") ?? "").split("\0"));
      peaks.set(pid, { pid, name, peakKb: Math.max(known?.name === name ? known.peakKb : 0, rssKb, hwmKb), cpuSeconds: stat?.cpuSeconds ?? 0 });
    }
    totalKb = Math.max(totalKb, sum);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const cpuSeconds = [...cpu.values()].reduce((a, b) => a + b, 0);
      return { processes: [...peaks.values()].filter((p) => p.peakKb > 0), totalKb, cpuSeconds };
    },
  };
}
