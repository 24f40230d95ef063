import { describe, expect, it } from "vitest";
import { flagValue, parseArgs } from "./cli.ts";

const known = { articles: "value", quiet: "switch" } as const;

describe("parseArgs", () => {
  it("reads value flags, switches and the positional words a command takes", () => {
    const args = parseArgs(["a.txt", "--articles", "dir", "--quiet", "b.txt"], known, "FILE...");
    expect(flagValue(args, "articles")).toBe("dir");
    expect(args.flags.get("quiet")).toBe(true);
    expect(args.positional).toEqual(["a.txt", "b.txt"]);
    expect(flagValue(parseArgs(["--articles=x=y"], known), "articles")).toBe("x=y");
  });

  it("suggests the flag a mistyped one meant", () => {
    expect(() => parseArgs(["--artciles", "dir"], known)).toThrow("unknown flag --artciles (did you mean --articles?); known flags: --articles, --quiet");
    expect(() => parseArgs(["--zzz"], known)).toThrow("unknown flag --zzz; known flags: --articles, --quiet");
    expect(() => parseArgs(["-articles", "dir"], known, "title")).toThrow("unknown flag -articles (did you mean --articles?); known flags: --articles, --quiet");
    expect(parseArgs(["-5", "градусів"], known, "title").positional).toEqual(["-5", "градусів"]);
  });

  it("refuses a word a command does not take, suggesting --articles for a folder", () => {
    expect(() => parseArgs(["dir-with-errors"], known)).toThrow('unexpected word "dir-with-errors" (did you mean --articles dir-with-errors?)');
    expect(() => parseArgs(["x"], { quiet: "switch" })).toThrow('unexpected word "x"; this command takes only flags: --quiet');
  });

  it("reads every word after -- as positional, for a title that starts with dashes", () => {
    expect(parseArgs(["--", "--не-прапорець"], known, "title").positional).toEqual(["--не-прапорець"]);
  });
});
