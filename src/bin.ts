#!/usr/bin/env node
/**
 * `news-archive new|check|import|build`: the commands a newsroom runs with npx in its site's folder. Each reads the
 * site's own Eleventy config, so they all agree with the build on the articles folder, time zone and slug length.
 */
import { UsageError } from "./cli.ts";
import { buildCommand } from "./commands/build.ts";
import { checkCommand } from "./commands/check.ts";
import { importCommand } from "./commands/import.ts";
import { newCommand } from "./commands/new.ts";
import { closest } from "./suggest.ts";

const commands: Record<string, (argv: readonly string[]) => Promise<number>> = {
  new: newCommand,
  check: checkCommand,
  import: importCommand,
  build: buildCommand,
};

const usage = `usage: news-archive <command> [flags]
  new "Title"        a new article dated now, in the site's time zone
  check              every problem in every article, without building
  import FILE...     plain-text dumps to articles
  build              the archive (--serve: a preview with drafts)
Every command reads the site's Eleventy config (eleventy.config.js, or --config FILE) and takes --articles DIR.`;

/** Eleventy wraps what a plugin throws (EleventyConfigError, EleventyPluginError); the newsroom needs the plugin's own message. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (current as { originalError?: unknown } | undefined)?.originalError;
    if (!inner) break;
    current = inner;
  }
  return current;
}

const newsroomErrors = new Set(["ArticleProblemsError", "BuildError", "OutputFolderError", "OptionsError", "SiteSetupError", "PartFailedError", "ArticlesFolderError", "ImageEncodingError"]);

async function main(name: string | undefined, argv: readonly string[]): Promise<number> {
  if (name === undefined || name === "--help" || name === "help") {
    console.log(usage);
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    const suggestion = closest(name, Object.keys(commands));
    throw new UsageError(`unknown command "${name}"${suggestion ? ` (did you mean ${suggestion}?)` : ""}\n${usage}`);
  }
  return command(argv);
}

const [name, ...argv] = process.argv.slice(2);
main(name, argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Article problems, options and usage mistakes are the newsroom's to fix: their message is the whole story. DEBUG shows the trace.
    const cause = rootCause(error);
    // The article commands' failures are all about files a newsroom can fix (a folder that cannot be read, say).
    const known = name !== "build" || cause instanceof UsageError || (cause instanceof Error && newsroomErrors.has(cause.name));
    console.error(`${name && name in commands ? name : "news-archive"}: ${process.env.DEBUG || !known ? ((error as Error).stack ?? String(error)) : (cause as Error).message}`);
    process.exitCode = 1;
  },
);
