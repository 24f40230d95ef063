import { readFileSync } from "node:fs";
import path from "node:path";
import type { OfflineListFile, OfflineSummary } from "../src/offline/index.ts";

export function readSummary(output: string): OfflineSummary {
  return JSON.parse(readFileSync(path.join(output, "offline", "list.json"), "utf8")) as OfflineSummary;
}

/** The file of a list part, from its address (which carries the path prefix). */
export function listPartFile(output: string, url: string, pathPrefix: string): string {
  return path.join(output, url.slice(pathPrefix.length));
}

/** Every file a list names ("index" or "pages"), read from the build's offline list as the offline page would. */
export function listedFiles(output: string, group: "index" | "pages", pathPrefix: string): OfflineListFile["files"] {
  return readSummary(output)[group].parts.flatMap((part) => (JSON.parse(readFileSync(listPartFile(output, part.url, pathPrefix), "utf8")) as OfflineListFile).files);
}
