import { describe, expect, it } from "vitest";
import { nameText, summarize, visibleText, withoutControlCharacters } from "./text.ts";

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

describe("visibleText", () => {
  it("drops bidi controls, so an unbalanced right-to-left override cannot reverse a title, feed or tag", () => {
    expect(visibleText("Київ\u202Eнапад\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C")).toBe("Київнапад");
  });

  it("drops zero-width characters and control characters", () => {
    expect(visibleText("\uFEFFКи\u200Bї\u200Cв\u2060\u0001")).toBe("Київ");
  });

  it("keeps the zero-width joiner inside an emoji sequence, and only there", () => {
    expect(visibleText("Програмістка 👩🏽\u200D💻 і сім’я 👨\u200D👩\u200D👧")).toBe("Програмістка 👩🏽\u200D💻 і сім’я 👨\u200D👩\u200D👧");
    expect(visibleText("Ки\u200Dїв\u200D")).toBe("Київ");
  });
});

describe("nameText", () => {
  it("folds look-alike apostrophes between letters into one, so a name has one spelling", () => {
    const spellings = ["Мар'яна", "Мар’яна", "Марʼяна", "Мар`яна", "Мар´яна", "Мар′яна", "Мар‘яна"];
    expect(new Set(spellings.map(nameText))).toEqual(new Set(["Мар’яна"]));
  });

  it("leaves quotation marks at the edges of a word alone", () => {
    expect(nameText("'Слуга народу'")).toBe("'Слуга народу'");
  });

  it("drops every zero-width and bidi character, joiners too", () => {
    expect(nameText("Ки\u200Bїв\u202E")).toBe("Київ");
    expect(nameText("👩\u200D💻")).toBe("👩💻");
  });
});
