/** One thing wrong (error) or suspicious (warning) in one article file. */
export interface Problem {
  severity: "error" | "warning";
  file: string;
  /** 1-based line in the file, where it is known. */
  line?: number;
  /** The front matter key, or "front matter" / "body" for the file's parts. */
  field?: string;
  message: string;
}

/** Something below the articles folder that is not read, with the reason: information, so nothing vanishes unnoticed. */
export interface SkippedEntry {
  path: string;
  reason: string;
}

export function formatSkipped(entry: SkippedEntry): string {
  return `${entry.path}: skipped: ${entry.reason}`;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field ? ` [${problem.field}]` : "";
  return `${where}${field}: ${problem.severity}: ${problem.message}`;
}

/** Thrown by the build when any article has an error: it lists all of them, not just the first. */
export class ArticleProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    super(
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in articles; nothing was built:\n` +
        errors.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ArticleProblemsError";
  }
  /** Eleventy's own command line prints the message without a stack trace: the list is the whole story. */
  readonly skipOriginalStack = true;
}
