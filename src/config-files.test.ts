import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configFiles } from "./config-files.ts";

describe("configFiles", () => {
  it("follows the config's local imports, static, dynamic and required, each once", () => {
    const site = mkdtempSync(path.join(tmpdir(), "config-files-"));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      writeFileSync(path.join(site, file), text);
    };
    write(
      "eleventy.config.js",
      `import newsArchive from "eleventy-news-archive";\nimport { shout } from "./lib/filters.js";\nimport "./lib/side-effect.js";\nexport default async function (c) { await import("./lib/later.mjs"); }\n`,
    );
    write("lib/filters.js", `export { desk } from "../shortcodes/desk.js";\nexport const shout = (s) => s.toUpperCase();\n`);
    write("shortcodes/desk.js", `const data = require("../lib/filters.js");\nmodule.exports = {};\n`);
    write("lib/side-effect.js", "");
    write("lib/later.mjs", `import data from "./phones.json" with { type: "json" };\n`);
    write("lib/phones.json", "{}");
    write("lib/unused.js", "");
    const relative = configFiles(path.join(site, "eleventy.config.js")).map((file) => path.relative(site, file));
    expect(relative).toEqual(["eleventy.config.js", "lib/filters.js", "shortcodes/desk.js", "lib/side-effect.js", "lib/later.mjs", "lib/phones.json"].map((f) => f.split("/").join(path.sep)));
  });

  it("is the config alone when it imports nothing local, and nothing when it is missing", () => {
    const site = mkdtempSync(path.join(tmpdir(), "config-files-"));
    writeFileSync(path.join(site, "eleventy.config.js"), `import newsArchive from "eleventy-news-archive";\n`);
    expect(configFiles(path.join(site, "eleventy.config.js"))).toEqual([path.join(site, "eleventy.config.js")]);
    expect(configFiles(path.join(site, "nope.js"))).toEqual([]);
  });
});
