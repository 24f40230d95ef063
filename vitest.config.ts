import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Commands and builds in the tests run the compiled package, as a newsroom's site does.
    globalSetup: ["test/compile.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Build tests write to temporary folders and run Eleventy; keep them from fighting over two cores.
    fileParallelism: false,
  },
});
