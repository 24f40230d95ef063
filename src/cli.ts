import { closest } from "./suggest.ts";

/** Flags of the form `--name value` or `--name=value`, plus the words that are not flags. */
export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export class UsageError extends Error {}

/**
 * `positional` names the words a command takes besides flags ("FILE...", "title"); without it, any such word is an
 * error: `npm run check dir` must not quietly check the default folder instead of `dir`. After `--` every word is positional.
 */
export function parseArgs(argv: readonly string[], known: Record<string, "value" | "switch">, positional?: string): ParsedArgs {
  const flags = new Map<string, string | true>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (/^-[^-\d]/.test(arg)) {
      // `-articles` is a flag with one dash too few, not a word (a title may start with "-5", a number).
      throw new UsageError(unknownFlag(arg, arg.slice(1), known));
    }
    if (!arg.startsWith("--")) {
      if (positional === undefined) throw new UsageError(unexpectedWord(arg, known));
      words.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = known[name];
    if (!kind) throw new UsageError(unknownFlag(`--${name}`, name, known));
    if (kind === "switch") {
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, positional: words };
}

const flagList = (known: Record<string, unknown>) => Object.keys(known).map((k) => `--${k}`).join(", ");

function unknownFlag(arg: string, name: string, known: Record<string, unknown>): string {
  const suggestion = closest(name, Object.keys(known));
  return `unknown flag ${arg}${suggestion ? ` (did you mean --${suggestion}?)` : ""}; known flags: ${flagList(known)}`;
}

/** A stray word is most often the articles folder given without its flag. */
function unexpectedWord(word: string, known: Record<string, "value" | "switch">): string {
  return known.articles === "value"
    ? `unexpected word "${word}" (did you mean --articles ${word}?)`
    : `unexpected word "${word}"; this command takes only flags: ${flagList(known)}`;
}

export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === "string" ? value : undefined;
}
