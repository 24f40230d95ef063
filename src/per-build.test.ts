import { describe, expect, it } from "vitest";
import { perBuild } from "./per-build.ts";

describe("perBuild", () => {
  it("makes a value once for each build and again for the next build", () => {
    let made = 0;
    const value = perBuild((build: { id: number }) => `${build.id}:${++made}`);
    const first = { id: 1 };
    expect(value(first)).toBe("1:1");
    expect(value(first)).toBe("1:1");
    expect(value({ id: 2 })).toBe("2:2");
  });
});
