import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { romanize, slugify } from "./slugs.ts";

const officialExamples = readFileSync(
  new URL("../test/fixtures/kmu-2010-examples.tsv", import.meta.url),
  "utf8",
)
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"))
  .map((line) => line.split("\t") as [string, string]);

describe("romanize", () => {
  it("has the official examples to check against", () => {
    expect(officialExamples.length).toBeGreaterThan(50);
    expect(officialExamples).toContainEqual(["Біла Церква", "Bila Tserkva"]);
  });

  it.each(officialExamples)("%s → %s (KMU 2010 example)", (ukrainian, latin) => {
    expect(romanize(ukrainian)).toBe(latin);
  });

  it("spells є ї й ю я the word-start way after a space, hyphen, quote, bracket or digit", () => {
    expect(romanize("Пів-яблука")).toBe("Piv-yabluka");
    expect(romanize("«Юрій»")).toBe("«Yurii»");
    expect(romanize("„Їжак“")).toBe("„Yizhak“");
    expect(romanize("(Євро)")).toBe("(Yevro)");
    expect(romanize("5-й")).toBe("5-y");
    expect(romanize("2024ї")).toBe("2024yi");
  });

  it("keeps the inside-word spelling after an apostrophe", () => {
    expect(romanize("Мар’їне")).toBe("Marine");
    expect(romanize("п'ять")).toBe("piat");
    expect(romanize("бʼє")).toBe("bie");
    expect(romanize("об`єкт")).toBe("obiekt");
    expect(romanize("м′ясо")).toBe("miaso");
  });

  it("treats an apostrophe that opens a quote as punctuation, not part of the word", () => {
    expect(romanize("'Їжак'")).toBe("'Yizhak'");
  });

  it("spells зг as zgh in any case", () => {
    expect(romanize("Згорани")).toBe("Zghorany");
    expect(romanize("розгін")).toBe("rozghin");
    expect(romanize("ЗГОРАНИ")).toBe("ZGHORANY");
  });

  it("keeps capitals: a capital letter is capitalized, an all-caps word stays all caps", () => {
    expect(romanize("Щука")).toBe("Shchuka");
    expect(romanize("Щ. Шевченко")).toBe("Shch. Shevchenko");
    expect(romanize("Єнакієве")).toBe("Yenakiieve");
    expect(romanize("КИЇВ")).toBe("KYIV");
    expect(romanize("ЗСУ і ЄС")).toBe("ZSU i YES");
    expect(romanize("ЩО")).toBe("SHCHO");
  });

  it("does not lose Russian and Belarusian letters from quoted speech", () => {
    expect(romanize("объём")).toBe("obiom");
    expect(romanize("ёлка")).toBe("yolka");
    expect(romanize("Эхо мыши")).toBe("Ekho myshy");
    expect(romanize("Шклоў")).toBe("Shklou");
  });

  it("passes Latin letters, digits and punctuation through unchanged", () => {
    expect(romanize("NATO, F-16 і 100%")).toBe("NATO, F-16 i 100%");
    expect(romanize("don't")).toBe("don't");
    expect(romanize("")).toBe("");
  });

  it("copes with й and ї typed as a letter plus combining mark", () => {
    expect(romanize("Киі\u0308в")).toBe("Kyiv");
    expect(romanize("Андрі\u0438\u0306")).toBe("Andrii");
  });
});

describe("slugify", () => {
  it("cuts a long headline at a word boundary", () => {
    const slug = slugify(
      "Путін вимагав від Байдена гарантій: у Кремлі розкрили деталі двогодинних переговорів",
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe("putin-vymahav-vid-baidena-harantii-u-kremli-rozkryly-detali-dvohodynnykh");
  });

  it("respects a custom maximum length, cutting hard when there is no word boundary", () => {
    expect(slugify("Біла Церква", 8)).toBe("bila");
    expect(slugify("Біла Церква", 11)).toBe("bila");
    expect(slugify("Біла Церква", 12)).toBe("bila-tserkva");
    expect(slugify("Борщагівка", 5)).toBe("borsh");
  });

  it("slugs every look-alike apostrophe the same way", () => {
    for (const name of ["Мар'яна", "Мар’яна", "Марʼяна", "Мар`яна", "Мар´яна", "Мар′яна", "Мар‘яна"]) expect(slugify(name), name).toBe("mariana");
  });

  it("removes apostrophes without splitting the word", () => {
    expect(slugify("Знам'янка")).toBe("znamianka");
    expect(slugify("Знам’янка")).toBe("znamianka");
    expect(slugify("don't panic")).toBe("dont-panic");
  });

  it("applies the word-start rules after hyphens, quotes and brackets", () => {
    expect(slugify("Пів-яблука")).toBe("piv-yabluka");
    expect(slugify("«Юрій»")).toBe("yurii");
    expect(slugify("(Євро)")).toBe("yevro");
  });

  it("gives one slug whatever the capitalization", () => {
    expect(slugify("КИЇВ")).toBe("kyiv");
    expect(slugify("Київ")).toBe("kyiv");
  });

  it("keeps digits and Latin text", () => {
    expect(slugify("100-тисячне")).toBe("100-tysiachne");
    expect(slugify("NATO і ЄС")).toBe("nato-i-yes");
    expect(slugify("Zürich — Łódź")).toBe("zurich-lodz");
  });

  it("collapses punctuation runs into one hyphen with none at the ends", () => {
    expect(slugify("  «Що відомо?» — 10 фактів...  ")).toBe("shcho-vidomo-10-faktiv");
  });

  it("returns an empty slug when there is nothing to spell", () => {
    expect(slugify("")).toBe("");
    expect(slugify("!!! — ?")).toBe("");
    expect(slugify("«»")).toBe("");
  });
});
