/**
 * The output folder belongs to the newsroom as much as to the build: hosts keep `.git`, `CNAME` or `.nojekyll` there,
 * and a careless `--output` can point at the articles themselves. The build therefore writes into a staging folder,
 * moves what it made into place only once everything succeeded, and removes only files its own manifest says an
 * earlier build wrote.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Problem } from "../problems.ts";

export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/** The list of what a build wrote, kept in the output folder itself so that it travels with the files it describes. */
export const manifestFile = ".news-archive-manifest.json";
/**
 * The list's entries, in files of at most `entriesPerFile` (about 1.5 MB): one file for 100,000 articles would be some
 * 70 MB, over what hosts take (Cloudflare: 25 MiB a file). Each is named by its contents, so a rebuild rewrites only the
 * files whose entries changed.
 */
const entriesFolder = ".news-archive-manifest";
const entriesPerFile = 5_000;
const entriesFileName = /^entries-[0-9a-f]{16}\.json$/;

export interface ManifestEntry {
  /** What made the file: an article or listing page's address, or "site" for pages made on every build. */
  unit: string;
  /** Hash of everything the unit's file was made from (src/build/fingerprint.ts). */
  fingerprint: string;
  size: number;
  /** Hash of the file's bytes, for the offline manifest's version and for comparing builds. */
  hash: string;
  /** The page's `<title>`, for the offline page's list of saved pages. */
  title?: string;
}

export interface OutputManifest {
  /** 2 since the entries moved to files of their own; a version 1 manifest (all in one file) is still read. */
  version: 2;
  /** Hash of the package, theme, options and site templates: a manifest made under other ones describes nothing reusable. */
  buildKey: string;
  /** `K/N` when the folder holds one part of a build made with --shard. */
  shard?: string;
  /** Output paths relative to the folder, with "/" separators. */
  files: Record<string, ManifestEntry>;
  /** Fingerprints of the search index's parts. */
  search: Record<string, string>;
}

const inside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
};

export interface ProtectedFolders {
  articles: string;
  /** Eleventy's input folder (the site's own templates). */
  input: string;
  /** The project: the folder the build runs in. */
  project: string;
}

/**
 * The folder a path names once links are followed: a link to the articles folder is the articles folder. The part of
 * the path that does not exist yet is kept as written below its nearest existing parent.
 */
function realPath(folder: string, links = 0): string {
  const resolved = path.resolve(folder);
  try {
    return realpathSync(resolved);
  } catch {
    // A link to a folder not made yet leads where the build would write; a loop of links leads nowhere.
    if (links < 40 && lstatSync(resolved, { throwIfNoEntry: false })?.isSymbolicLink()) {
      return realPath(path.resolve(path.dirname(resolved), readlinkSync(resolved)), links + 1);
    }
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realPath(parent, links), path.basename(resolved));
  }
}

/**
 * Refuses an output folder that would overlap what the newsroom keeps: the articles, the site's templates, the project
 * itself, the file system's root or a home folder. One line, naming both folders.
 */
export function checkOutputFolder(output: string, folders: ProtectedFolders): void {
  const out = realPath(output);
  const fail = (reason: string) => {
    throw new OutputFolderError(`the output folder ${output} ${reason}; choose an empty folder of its own, e.g. --output _site`);
  };
  if (out === path.parse(out).root) fail("is the root of the file system");
  if (inside(realPath(os.homedir()), out)) fail(`is or contains the home folder (${os.homedir()})`);
  const project = realPath(folders.project);
  // Eleventy's own default is the project folder as input with `_site/` inside it, which Eleventy leaves out of its input;
  // the project's own rule below then applies.
  const named: [string, string][] = [
    ["articles folder", folders.articles],
    ...(realPath(folders.input) === project ? [] : [["site's input folder", folders.input] as [string, string]]),
  ];
  for (const [name, folder] of named) {
    const protectedFolder = realPath(folder);
    if (out === protectedFolder) fail(`is the ${name}`);
    if (inside(protectedFolder, out)) fail(`contains the ${name} (${folder})`);
    if (inside(out, protectedFolder)) fail(`lies inside the ${name} (${folder})`);
  }
  if (out === project || inside(project, out)) fail(`is or contains the project folder (${folders.project})`);
  // Checked last, so that a link into the articles says so rather than that it leads nowhere yet.
  try {
    const stats = statSync(path.resolve(output), { throwIfNoEntry: false });
    if (stats && !stats.isDirectory()) fail("is a file, not a folder");
    if (!stats && lstatSync(path.resolve(output), { throwIfNoEntry: false })) fail("is a link to a folder that does not exist");
  } catch (error) {
    if (error instanceof OutputFolderError) throw error;
    fail(`cannot be used (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** The largest file common hosts take: Cloudflare Pages refuses one over 25 MiB. */
export const hostFileLimit = 25 * 1024 * 1024;

/**
 * Files a host would refuse, each a problem naming the article it was made from (or else the file): such a page is
 * a mistake (a pasted dump, a whole spreadsheet as a table), and the archive would deploy without it.
 */
export function oversizedFiles(files: readonly { path: string; size: number }[], articleOf: (file: string) => string | undefined, limit = hostFileLimit): Problem[] {
  return files
    .filter((file) => file.size > limit)
    .map((file): Problem => {
      const size = `${(file.size / 1024 / 1024).toFixed(1)} MB; hosts take files of at most ${limit / 1024 / 1024} MiB (Cloudflare Pages)`;
      const article = articleOf(file.path);
      return article
        ? { severity: "error", file: article, field: "body", message: `its page ${file.path} is ${size}: shorten or split the article` }
        : { severity: "error", file: file.path, field: "file", message: `the file is ${size}: an article it holds (a feed holds whole articles) is too long` };
    });
}

/** The manifest as written: `files` live in the entries files it names, in path order. */
interface ManifestHead extends Omit<OutputManifest, "files"> {
  entries: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function readManifest(output: string): OutputManifest | undefined {
  const file = path.join(output, manifestFile);
  if (!existsSync(file)) return undefined;
  try {
    const head = JSON.parse(readFileSync(file, "utf8")) as ManifestHead | (Omit<OutputManifest, "version"> & { version: 1 });
    // Written by an earlier version of the package: what it lists is still the build's to remove.
    if (head.version === 1) return isRecord(head.files) ? { ...head, version: 2 } : undefined;
    if (head.version !== 2 || !Array.isArray(head.entries) || !head.entries.every((name) => entriesFileName.test(name))) return undefined;
    const files: Record<string, ManifestEntry> = {};
    for (const name of head.entries) {
      const entries: unknown = JSON.parse(readFileSync(path.join(output, entriesFolder, name), "utf8"));
      if (!isRecord(entries)) return undefined;
      Object.assign(files, entries);
    }
    const { entries: _names, ...manifest } = head;
    return { ...manifest, files };
  } catch {
    // A damaged or incomplete manifest proves nothing about what the folder holds, so nothing in it is removed.
    return undefined;
  }
}

/**
 * Files in path order, so that the same build written by different routes (cold, incremental, merged) is the same
 * files. The entries files go first and the head last, which names them: a build stopped in between leaves the previous
 * head whole, naming files that are still there. Entries files no head names any more are removed after.
 */
export function writeManifest(output: string, manifest: OutputManifest): void {
  const sorted = Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const folder = path.join(output, entriesFolder);
  mkdirSync(folder, { recursive: true });
  const names: string[] = [];
  for (let start = 0; start < sorted.length || start === 0; start += entriesPerFile) {
    const text = JSON.stringify(Object.fromEntries(sorted.slice(start, start + entriesPerFile)));
    const name = `entries-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.json`;
    if (!existsSync(path.join(folder, name))) writeFileSync(path.join(folder, name), text);
    names.push(name);
  }
  const { files: _files, ...head } = manifest;
  writeFileSync(path.join(output, manifestFile), JSON.stringify({ ...head, entries: names } satisfies ManifestHead));
  const kept = new Set(names);
  for (const name of readdirSync(folder)) if (entriesFileName.test(name) && !kept.has(name)) rmSync(path.join(folder, name), { force: true });
}

/** Every file below `dir`, relative to it with "/" separators, in a stable order. */
export function listFilesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** Moves a file, copying when the two folders are on different file systems. */
function moveFile(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

/**
 * Puts a finished build in place: every file of the staging folder is moved into the output, then the files the
 * previous build wrote and this one did not are removed, with any folder that this leaves empty. Nothing else in the
 * output is touched.
 */
export function promoteStaging(staging: string, output: string, previous: OutputManifest | undefined, next: OutputManifest): void {
  mkdirSync(output, { recursive: true });
  for (const file of listFilesBelow(staging)) moveFile(path.join(staging, file), path.join(output, file));
  const emptied = new Set<string>();
  for (const file of Object.keys(previous?.files ?? {})) {
    if (next.files[file]) continue;
    rmSync(path.join(output, file), { force: true });
    emptied.add(path.dirname(file));
  }
  writeManifest(output, next);
  removeEmptyFolders(output, emptied);
}

/** Removes folders that lost their last file, walking up towards the output folder but never removing it. */
function removeEmptyFolders(output: string, folders: Set<string>): void {
  const candidates = [...folders].sort((a, b) => b.length - a.length);
  for (let folder of candidates) {
    while (folder && folder !== "." && folder !== "/") {
      const full = path.join(output, folder);
      try {
        if (!statSync(full).isDirectory() || readdirSync(full).length > 0) break;
        rmdirSync(full);
      } catch {
        break;
      }
      folder = path.dirname(folder);
    }
  }
}

/**
 * Removes a build's working folders, whatever ended it. When one process fails, another may still be writing into
 * them (Pagefind's service outlives a failed search process by a moment): removal is retried, and a folder that
 * still cannot go is a warning, never an error that would hide the failure that ended the build; the next build
 * removes it first.
 */
export function removeWorkFolders(folders: readonly string[], remove: typeof rmSync = rmSync): void {
  for (const folder of folders) {
    try {
      remove(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.warn(`[news-archive] could not remove ${folder}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * A staging folder beside the output, so that moving files into place is a rename on the same file system.
 * Its name starts with a dot and says whose it is; a build that crashed may leave one, which the next build replaces.
 */
export function stagingFolder(output: string, label = "staging"): string {
  const out = path.resolve(output);
  return path.join(path.dirname(out), `.${path.basename(out)}.news-archive-${label}`);
}
