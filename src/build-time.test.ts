import { afterEach, describe, expect, it, vi } from "vitest";
import { buildTime } from "./build-time.ts";

describe("buildTime", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is SOURCE_DATE_EPOCH (seconds) when set, so two builds of the same sources are identical", () => {
    vi.stubEnv("SOURCE_DATE_EPOCH", "1638908460");
    expect(buildTime().toISOString()).toBe("2021-12-07T20:21:00.000Z");
  });

  it("is the current time otherwise", () => {
    vi.stubEnv("SOURCE_DATE_EPOCH", "");
    const before = Date.now();
    const time = buildTime().getTime();
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a SOURCE_DATE_EPOCH that is not a whole number of seconds, in one line", () => {
    vi.stubEnv("SOURCE_DATE_EPOCH", "2021-12-07");
    expect(() => buildTime()).toThrow(/^SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got "2021-12-07"$/);
  });
});
