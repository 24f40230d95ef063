import { readdirSync, readFileSync } from "node:fs";

/**
 * Peak resident memory (VmHWM, in KB) of the largest process started under this one, sampled every 100 ms until
 * the returned function is called. Pagefind's service is such a child: its memory is not in this process's own.
 */
export function watchDescendants(): () => number {
  const peaks = new Map<number, number>();
  const sample = () => {
    const parents = new Map<number, { ppid: number; hwm: number }>();
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        parents.set(Number(pid), { ppid: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]), hwm: Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0) });
      } catch {
        // The process ended between listing and reading.
      }
    }
    for (const [pid, { hwm }] of parents) {
      let ancestor = parents.get(pid)?.ppid;
      for (let depth = 0; ancestor && depth < 10; depth++) {
        if (ancestor === process.pid) {
          peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
          break;
        }
        ancestor = parents.get(ancestor)?.ppid;
      }
    }
  };
  const timer = setInterval(sample, 100);
  return () => {
    sample();
    clearInterval(timer);
    return Math.max(0, ...peaks.values());
  };
}
