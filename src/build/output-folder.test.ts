import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputFolder, listFilesBelow, promoteStaging, readManifest, type OutputManifest } from "./output-folder.ts";

const project = path.join(os.tmpdir(), "project");
const folders = { articles: path.join(project, "articles"), input: path.join(project, "site"), project };
const refusal = (output: string) => {
  try {
    checkOutputFolder(output, folders);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe("the output folder rule", () => {
  it("accepts a folder of its own inside or beside the project", () => {
    expect(refusal(path.join(project, "_site"))).toBeUndefined();
    expect(refusal(path.join(os.tmpdir(), "elsewhere", "out"))).toBeUndefined();
  });

  it("takes _site/ inside a project whose input folder is the project itself, Eleventy's default", () => {
    const message = (() => {
      try {
        checkOutputFolder(path.join(project, "_site"), { ...folders, input: project });
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    })();
    expect(message).toBeUndefined();
  });

  it.each([
    ["the articles folder", path.join(project, "articles"), /is the articles folder/],
    ["a folder inside the articles", path.join(project, "articles", "2021"), /lies inside the articles folder/],
    ["a folder holding the articles", path.join(project, "articles", ".."), /is or contains the project folder|contains the articles folder/],
    ["the site's input folder", path.join(project, "site"), /is the site's input folder/],
    ["a folder inside the input", path.join(project, "site", "out"), /lies inside the site's input folder/],
    ["the project", project, /contains the (articles|project) folder/],
    ["a parent of the project", os.tmpdir(), /contains/],
    ["the root", "/", /root of the file system/],
    ["the home folder", os.homedir(), /home folder/],
  ])("refuses %s, in one line", (_, output, reason) => {
    const message = refusal(output);
    expect(message).toMatch(reason);
    expect(message).not.toContain("\n");
  });
});

describe("putting a build in place", () => {
  const manifest = (files: string[]): OutputManifest => ({
    version: 1,
    buildKey: "k",
    search: {},
    files: Object.fromEntries(files.map((file) => [file, { unit: file, fingerprint: "f", size: 1, hash: "h" }])),
  });

  it("moves new files in, removes only what the previous build wrote, and keeps the host's files", () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "out-"));
    const staging = mkdtempSync(path.join(os.tmpdir(), "staging-"));
    const write = (dir: string, file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    for (const file of ["CNAME", ".nojekyll", ".git/HEAD", "notes/mine.txt"]) write(output, file, "host");
    write(output, "2021/01/old/index.html", "old page");
    write(output, "index.html", "old home");
    write(staging, "index.html", "new home");
    write(staging, "2022/01/new/index.html", "new page");

    promoteStaging(staging, output, manifest(["index.html", "2021/01/old/index.html"]), manifest(["index.html", "2022/01/new/index.html"]));

    expect(listFilesBelow(output)).toEqual([".git/HEAD", ".news-archive-manifest.json", ".nojekyll", "2022/01/new/index.html", "CNAME", "index.html", "notes/mine.txt"]);
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toBe("new home");
    // The emptied folders of the removed page go too, but never a folder that still holds something.
    expect(existsSync(path.join(output, "2021"))).toBe(false);
    expect(readManifest(output)?.files).toHaveProperty(["2022/01/new/index.html"]);
  });

  it("removes nothing when there is no manifest of an earlier build", () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "out-"));
    const staging = mkdtempSync(path.join(os.tmpdir(), "staging-"));
    writeFileSync(path.join(output, "index.html"), "someone's page");
    writeFileSync(path.join(output, "keep.html"), "someone's page");
    writeFileSync(path.join(staging, "index.html"), "ours");
    promoteStaging(staging, output, readManifest(output), manifest(["index.html"]));
    expect(readFileSync(path.join(output, "keep.html"), "utf8")).toBe("someone's page");
  });
});
