import { queryFileKind, servedFileWeight, type FileWeight, type FirstQuery } from "./first-query.ts";

/**
 * What a first search's files are for, coarser than lib/first-query.ts's kinds where the two builds differ only in
 * name (the search script and Pagefind's runtime are both "runtime"; the entry files and metadata "metadata") and
 * finer for the lemma table, whose split prefixes are one file a first query always fetches.
 */
export const groupNames = ["page", "runtime", "metadata", "index chunks", "filter chunks", "fragments", "lemma chunks", "splits.txt", "parts map", "other"] as const;
export type GroupName = (typeof groupNames)[number];

/** Groups that do not grow with the archive nor with the query: the page with its stylesheet, and the scripts. */
const fixedGroups: ReadonlySet<GroupName> = new Set(["page", "runtime"]);

export const weightMeasures = ["uncompressed", "transferred", "stored"] as const;
export type WeightMeasure = (typeof weightMeasures)[number];

export function fileGroup(sitePath: string): GroupName {
  const kind = queryFileKind(sitePath);
  switch (kind) {
    case "search script":
    case "pagefind runtime":
      return "runtime";
    case "entry":
    case "pf_meta":
      return "metadata";
    case "lemma table":
      return sitePath.split("?")[0]!.endsWith("/splits.txt") ? "splits.txt" : "lemma chunks";
    default:
      return kind;
  }
}

export interface QueryWeights {
  query: string;
  status: string;
  shown: number;
  requests: number;
  total: FileWeight;
  groups: Record<GroupName, FileWeight & { requests: number }>;
}

const zero = (): FileWeight => ({ stored: 0, uncompressed: 0, transferred: 0 });

/** Adds up `files` (site path and weight) by group. */
export function weighFiles(files: readonly { path: string; weight: FileWeight }[]): Pick<QueryWeights, "total" | "groups" | "requests"> {
  const groups = Object.fromEntries(groupNames.map((g) => [g, { ...zero(), requests: 0 }])) as QueryWeights["groups"];
  const total = zero();
  for (const { path, weight } of files) {
    const group = groups[fileGroup(path)];
    for (const measure of weightMeasures) {
      group[measure] += weight[measure];
      total[measure] += weight[measure];
    }
    group.requests++;
  }
  return { total, groups, requests: files.length };
}

/** The weights of measured first searches of the archive built in `site`, from the files as they are on disk. */
export function firstQueryWeights(site: string, measured: readonly FirstQuery[]): QueryWeights[] {
  return measured.map((m) => ({
    query: m.query,
    status: m.status,
    shown: m.shown,
    ...weighFiles(m.files.map((f) => ({ path: f.path, weight: servedFileWeight(site, f.path) }))),
  }));
}

export interface QueryComparison {
  query: string;
  old: QueryWeights;
  fresh: QueryWeights;
  /** New total over old total, by measure. */
  ratio: Record<WeightMeasure, number>;
  /** The same without the page and the scripts, which every search page pays whatever it searches. */
  ratioWithoutFixed: Record<WeightMeasure, number>;
}

/** The two builds' weights of the same queries side by side; both lists must hold the same queries in the same order. */
export function compareFirstQueries(old: readonly QueryWeights[], fresh: readonly QueryWeights[]): QueryComparison[] {
  if (old.length !== fresh.length || old.some((o, i) => o.query !== fresh[i]!.query)) throw new Error("compareFirstQueries: both builds must be measured with the same queries");
  const variable = (w: QueryWeights, measure: WeightMeasure) => groupNames.reduce((sum, g) => sum + (fixedGroups.has(g) ? 0 : w.groups[g][measure]), 0);
  const ratios = (of: (w: QueryWeights, measure: WeightMeasure) => number, o: QueryWeights, n: QueryWeights) =>
    Object.fromEntries(weightMeasures.map((m) => [m, of(n, m) / of(o, m)])) as Record<WeightMeasure, number>;
  return old.map((o, i) => {
    const n = fresh[i]!;
    return { query: o.query, old: o, fresh: n, ratio: ratios((w, m) => w.total[m], o, n), ratioWithoutFixed: ratios(variable, o, n) };
  });
}
