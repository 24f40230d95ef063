/**
 * Installs the packed package into a site folder with npm, without the network: the site gets a lockfile made from
 * this repository's, so `npm ci --offline` takes every tarball from the cache `npm ci` filled here. (npm needs a
 * registry's package lists, which that cache lacks, only to resolve versions; a lockfile has them resolved.)
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./build-site.ts";

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** Where Node finds `name` from the package at `from` (a lockfile path): its own node_modules, then its parents'. */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ; ) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

/** The lockfile entries the given packages need, with everything they depend on, as found in this repository's lockfile. */
function closure(packages: Record<string, LockEntry>, names: string[]): Record<string, LockEntry> {
  const found: Record<string, LockEntry> = {};
  const visit = (from: string, name: string) => {
    const location = locate(packages, from, name);
    if (!location || found[location]) return;
    const { dev: _dev, devOptional: _devOptional, ...entry } = packages[location]!;
    found[location] = entry;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) visit(location, dep);
  };
  for (const name of names) visit("", name);
  return found;
}

/** `npm ci --offline` of the tarball (and Eleventy, its peer) into `site`, which holds a package.json. */
export function installOffline(site: string, tarball: string): void {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const own = lock.packages[""]!;
  const eleventy = lock.packages["node_modules/@11ty/eleventy"]!;
  const manifest = JSON.parse(readFileSync(path.join(site, "package.json"), "utf8")) as Record<string, unknown>;
  const spec = `file:${path.relative(site, tarball).split(path.sep).join("/")}`;
  const dependencies = { "@11ty/eleventy": eleventy.version!, "eleventy-news-archive": spec };
  writeFileSync(path.join(site, "package.json"), JSON.stringify({ ...manifest, dependencies }, null, 2));
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  const siteLock = {
    name: manifest.name,
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: manifest.name, dependencies },
      "node_modules/eleventy-news-archive": {
        version: own.version,
        resolved: spec,
        integrity,
        dependencies: own.dependencies,
        peerDependencies: own.peerDependencies,
        bin: own.bin,
        engines: own.engines,
      },
      ...closure(lock.packages, [...Object.keys(own.dependencies ?? {}), "@11ty/eleventy"]),
    },
  };
  writeFileSync(path.join(site, "package-lock.json"), JSON.stringify(siteLock, null, 2));
  execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: site, stdio: "pipe", encoding: "utf8" });
}
