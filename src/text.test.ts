import { describe, expect, it } from "vitest";
import { summarize, withoutControlCharacters } from "./text.ts";

describe("summarize", () => {
  it("folds whitespace and keeps short text whole", () => {
    expect(summarize("  Ціна зросла\n(на 5%)!  ")).toBe("Ціна зросла (на 5%)!");
  });
  it("cuts long text at a word and marks the cut", () => {
    const text = "слово ".repeat(60);
    const summary = summarize(text, 50);
    expect(summary.length).toBeLessThanOrEqual(51);
    expect(summary).toMatch(/^(слово )+слово…$/);
  });
});

describe("withoutControlCharacters", () => {
  it("keeps tabs and line breaks", () => {
    expect(withoutControlCharacters("а\u0001б\tв\nг\u007F")).toBe("аб\tв\nг");
  });
});
