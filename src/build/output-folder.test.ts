import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { checkOutputFolder, hostFileLimit, listFilesBelow, manifestFile, oversizedFiles, promoteStaging, readManifest, removeWorkFolders, writeManifest, type OutputManifest } from "./output-folder.ts";

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
    ["a folder holding the home folder", path.dirname(os.homedir()), /contains the home folder|root of the file system/],
  ])("refuses %s, in one line", (_, output, reason) => {
    const message = refusal(output);
    expect(message).toMatch(reason);
    expect(message).not.toContain("\n");
  });
});

describe("the output folder rule, on the disk", () => {
  const onDisk = () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "rule-"));
    const disk = { articles: path.join(root, "project", "articles"), input: path.join(root, "project", "site"), project: path.join(root, "project") };
    mkdirSync(disk.articles, { recursive: true });
    mkdirSync(disk.input, { recursive: true });
    const refused = (output: string) => {
      try {
        checkOutputFolder(output, disk);
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    return { root, disk, refused };
  };

  it("follows links: a link to the articles folder, or to a folder inside it not made yet, is the articles folder", () => {
    const { root, disk, refused } = onDisk();
    symlinkSync(disk.articles, path.join(root, "link"));
    symlinkSync(path.join(disk.articles, "new"), path.join(root, "ahead"));
    expect(refused(path.join(root, "link"))).toMatch(/is the articles folder/);
    expect(refused(path.join(root, "link", "out"))).toMatch(/lies inside the articles folder/);
    expect(refused(path.join(root, "ahead"))).toMatch(/lies inside the articles folder/);
  });

  it("knows a name starting with two dots inside the articles folder is inside it", () => {
    const { disk, refused } = onDisk();
    expect(refused(path.join(disk.articles, "..out"))).toMatch(/lies inside the articles folder/);
  });

  it("refuses a file, a loop of links and a link to nothing before anything is built", () => {
    const { root, refused } = onDisk();
    writeFileSync(path.join(root, "file"), "");
    symlinkSync("loop-b", path.join(root, "loop-a"));
    symlinkSync("loop-a", path.join(root, "loop-b"));
    symlinkSync(path.join(root, "nowhere"), path.join(root, "dangling"));
    expect(refused(path.join(root, "file"))).toMatch(/is a file, not a folder/);
    expect(refused(path.join(root, "loop-a"))).toMatch(/cannot be used \(ELOOP\)/);
    expect(refused(path.join(root, "dangling"))).toMatch(/is a link to a folder that does not exist/);
  });
});

describe("files a host would refuse", () => {
  it("names the article of a page over 25 MiB, and the file of anything else", () => {
    const articles = new Map([["2021/12/tablytsia/index.html", "articles/2021/tablytsia.md"]]);
    const problems = oversizedFiles(
      [
        { path: "2021/12/tablytsia/index.html", size: 28_829_454 },
        { path: "2021/12/short/index.html", size: hostFileLimit },
        { path: "pagefind/huge.pf_fragment", size: hostFileLimit + 1 },
      ],
      (file) => articles.get(file),
    );
    expect(problems).toEqual([
      {
        severity: "error",
        file: "articles/2021/tablytsia.md",
        field: "body",
        message: "its page 2021/12/tablytsia/index.html is 27.5 MB; hosts take files of at most 25 MiB (Cloudflare Pages): shorten or split the article",
      },
      expect.objectContaining({ file: "pagefind/huge.pf_fragment", field: "file", message: expect.stringMatching(/^the file is 25\.0 MB;/) }),
    ]);
  });
});

describe("putting a build in place", () => {
  const manifest = (files: string[]): OutputManifest => ({
    version: 2,
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

    expect(listFilesBelow(output).filter((file) => !file.startsWith(".news-archive-manifest/"))).toEqual([
      ".git/HEAD",
      ".news-archive-manifest.json",
      ".nojekyll",
      "2022/01/new/index.html",
      "CNAME",
      "index.html",
      "notes/mine.txt",
    ]);
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

describe("the manifest of a large archive", () => {
  const entry = (file: string, fingerprint = "f") => ({ unit: `/${file}`, fingerprint, size: 1234, hash: "0123456789abcdef0123456789abcdef" });
  const large = (count: number, changed?: string): OutputManifest => ({
    version: 2,
    buildKey: "k",
    search: { "2021": "s" },
    files: Object.fromEntries(
      Array.from({ length: count }, (_, i) => {
        const file = `${2000 + (i % 25)}/${String(i).padStart(6, "0")}/index.html`;
        return [file, entry(file, file === changed ? "g" : "f")];
      }),
    ),
  });
  const entriesFiles = (output: string) => readdirSync(path.join(output, ".news-archive-manifest")).sort();

  it("is written in files of bounded size, and read back whole", () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "out-"));
    const manifest = large(12_000);
    writeManifest(output, manifest);
    expect(entriesFiles(output)).toHaveLength(3);
    for (const file of [manifestFile, ...entriesFiles(output).map((name) => `.news-archive-manifest/${name}`)]) {
      expect(statSync(path.join(output, file)).size).toBeLessThan(2 * 1024 * 1024);
    }
    expect(readManifest(output)).toEqual(manifest);
  });

  it("rewrites only the entries that changed, and removes entries files no longer named", () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "out-"));
    writeManifest(output, large(12_000));
    const before = entriesFiles(output);
    const changed = Object.keys(large(12_000).files).sort()[7_000]!;
    writeManifest(output, large(12_000, changed));
    const after = entriesFiles(output);
    expect(after).toHaveLength(3);
    expect(after.filter((name) => before.includes(name))).toHaveLength(2);
    expect(readManifest(output)?.files[changed]?.fingerprint).toBe("g");
  });

  it("proves nothing when an entries file is missing, so nothing would be removed", () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "out-"));
    writeManifest(output, large(6_000));
    rmSync(path.join(output, ".news-archive-manifest", entriesFiles(output)[0]!));
    expect(readManifest(output)).toBeUndefined();
  });

  it("still reads the one-file manifest an earlier version wrote", () => {
    const output = mkdtempSync(path.join(os.tmpdir(), "out-"));
    const files = { "index.html": entry("index.html") };
    writeFileSync(path.join(output, manifestFile), JSON.stringify({ version: 1, buildKey: "k", search: {}, files }));
    expect(readManifest(output)).toEqual({ version: 2, buildKey: "k", search: {}, files });
  });
});

describe("removing a build's working folders", () => {
  it("removes each folder, retrying, and only warns about one that cannot go, so the build's own failure stays the error", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "work-folders-"));
    const [busy, done] = [path.join(root, "staging"), path.join(root, "run")];
    mkdirSync(busy);
    mkdirSync(done);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const tried: unknown[] = [];
    // As when Pagefind's service still writes into staging: the folder is never empty when removed.
    const remove = ((folder: string, options: Parameters<typeof rmSync>[1]) => {
      tried.push(options);
      if (folder === busy) throw new Error(`ENOTEMPTY: directory not empty, rmdir '${busy}'`);
      rmSync(folder, options);
    }) as typeof rmSync;
    const failure = new Error("the search process ended with code 1");
    const build = () => {
      try {
        throw failure;
      } finally {
        removeWorkFolders([busy, done], remove);
      }
    };
    expect(build).toThrow(failure);
    expect(existsSync(done)).toBe(false);
    expect(tried).toEqual([expect.objectContaining({ recursive: true, maxRetries: 10 }), expect.objectContaining({ maxRetries: 10 })]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`could not remove ${busy}: ENOTEMPTY`));
    warn.mockRestore();
    rmSync(root, { recursive: true, force: true });
  });
});
