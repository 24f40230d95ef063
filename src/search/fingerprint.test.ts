import { DateTime } from "luxon";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ArchiveBuild } from "../archive-build.ts";

/** The least of a build that planning its search parts reads. */
const build = {
  options: { locale: "uk" },
  site: { pathPrefix: "/" },
  archive: { articles: [{ url: "/2024/a/", year: 2024, date: { instant: DateTime.fromISO("2024-03-01T10:00", { zone: "Europe/Kyiv" }), hasTime: true }, revision: "r1" }] },
} as unknown as ArchiveBuild;

/** The parts' fingerprints as src/search/index.ts computes them, with the search words' spelling at `version`. */
async function fingerprints(version?: string, options: object = {}): Promise<string[]> {
  vi.resetModules();
  if (version) vi.doMock("./words.ts", async (original) => ({ ...(await original<typeof import("./words.ts")>()), searchWordsVersion: version }));
  const { searchParts } = await import("./index.ts");
  return searchParts({ ...build, options: { ...build.options, ...options } } as ArchiveBuild).map((part) => part.fingerprint);
}

afterEach(() => {
  vi.doUnmock("./words.ts");
  vi.resetModules();
});

describe("a search part's fingerprint", () => {
  it("changes with the search words' spelling, so an index written with another spelling is never reused", async () => {
    const today = await fingerprints();
    expect(today).toHaveLength(1);
    expect(await fingerprints()).toEqual(today);
    const other = await fingerprints("another-spelling");
    expect(other).toHaveLength(1);
    expect(other[0]).not.toBe(today[0]);
  });

  it("changes with the index chunk size, so an index written with other chunks is never reused", async () => {
    const small = await fingerprints(undefined, { searchIndexChunkSize: 5000 });
    expect(await fingerprints(undefined, { searchIndexChunkSize: 5000 })).toEqual(small);
    expect(await fingerprints(undefined, { searchIndexChunkSize: 20000 })).not.toEqual(small);
  });
});
