import { describe, expect, it } from "vitest";
import { collectGarbage } from "./collect-garbage.ts";

describe("collectGarbage", () => {
  it("collects what nothing holds any more, without node's --expose-gc", () => {
    let garbage: { text: string }[] | undefined = Array.from({ length: 300_000 }, (_, i) => ({ text: `стаття ${i}` }));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(300_000);
    garbage = undefined;
    collectGarbage();
    collectGarbage();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 10_000_000);
  });
});
