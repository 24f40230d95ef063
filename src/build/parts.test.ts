import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PartFailedError, runParts, type PartRun } from "./parts.ts";

describe("running the parts of a build", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "parts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A part that cannot run: its config does not exist, so its process fails.
  const broken = (n: number): PartRun => ({
    site: false,
    pages: path.join(dir, `missing-pages-${n}.json`),
    stylesheet: { url: "/assets/archive.css", contents: "" },
    configPath: path.join(dir, "no-such-config.js"),
    output: path.join(dir, "out"),
    report: path.join(dir, `part-${n}.report.json`),
  });

  it("makes a part's spec (and its pages file) only when the part's turn comes: none for parts a failure leaves waiting", async () => {
    const made: number[] = [];
    const runs = [0, 1, 2].map((n) => () => {
      made.push(n);
      return broken(n);
    });
    await expect(runParts(runs, 1, (n) => path.join(dir, `part-${n}.json`))).rejects.toBeInstanceOf(PartFailedError);
    expect(made).toEqual([0]);
  });
});
