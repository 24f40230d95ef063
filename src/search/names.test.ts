import { describe, expect, it } from "vitest";
import { lemmasOfRecords, lemmaTable } from "./lemma-table.ts";
import { nameCandidates, nameForms, nameLemmas, nameParadigms, nominativesOf } from "./names.ts";
import type { Dictionary } from "./dictionary.ts";
import { entriesText } from "./dictionary.ts";
import { isTailWord, normalizeForm, planQuery, searchTail } from "./words.ts";

describe("a name's case forms", () => {
  it("declines surnames and given names of both genders with shevchenko, fleeting vowels and -ові datives included", () => {
    expect(nameForms("кошовець")).toEqual(expect.arrayContaining(["кошовець", "кошовця", "кошовцю", "кошовцеві", "кошовцем"]));
    expect(nameForms("стармер")).toEqual(expect.arrayContaining(["стармера", "стармерові", "стармером"]));
    expect(nameForms("сибіга")).toEqual(expect.arrayContaining(["сибіги", "сибізі", "сибігу", "сибігою"]));
    expect(nameForms("коцюбинецька")).toEqual(expect.arrayContaining(["коцюбинецької", "коцюбинецькій", "коцюбинецьку", "коцюбинецькою"]));
    expect(nameForms("петрович")).toEqual(expect.arrayContaining(["петровича", "петровичем"]));
  });

  it("declines a surname with і in its last syllable with о as well (Добровір: Добровора)", () => {
    expect(nameForms("добровір")).toEqual(expect.arrayContaining(["добровіра", "добровора", "добровором"]));
    // Not the -ів of possessive surnames nor the -ін of Russian ones.
    expect(nameForms("путін")).not.toContain("путона");
  });
});

describe("a form's nominatives", () => {
  it("reads an oblique case back to its nominative, through the stem's alternations", () => {
    expect(nominativesOf("кушнірка")).toContain("кушнірок");
    expect(nominativesOf("чорнобайця")).toContain("чорнобаєць");
    expect(nominativesOf("гуцульця")).toContain("гуцулець");
    expect(nominativesOf("сіроконя")).toContain("сірокінь");
    expect(nominativesOf("добровора")).toContain("добровір");
    expect(nominativesOf("сибізі")).toContain("сибіга");
    expect(nominativesOf("стармером")).toContain("стармер");
    expect(nominativesOf("коцюбинецької")).toContain("коцюбинецька");
  });

  it("keeps a nominative only when its generated paradigm holds the form, and at most four", () => {
    for (const form of ["кушнірка", "стармером", "ліщинюкові", "ярошкові"]) {
      const nominatives = nominativesOf(form);
      expect(nominatives.length).toBeLessThanOrEqual(4);
      for (const nominative of nominatives) expect(nameForms(nominative), `${form} as a case of ${nominative}`).toContain(form);
    }
  });

  it("takes a form with no case ending as a nominative of its own", () => {
    expect(nominativesOf("віткофф")).toEqual(["віткофф"]);
  });
});

describe("names in articles", () => {
  it("are words written with a capital inside a sentence, never in lower case", () => {
    const texts = ["Суд відпустив Кушнірка під заставу. Ліщинюк звернувся до суду.", "Волонтер Іван Кошовець передав дрони; рада підтримала.", "НАТО заявило, а Рада ухвалила."];
    const found = nameCandidates(texts, normalizeForm);
    expect(found).toEqual(new Set(["іван", "кошовець", "кушнірка"]));
    // A capital at a sentence's start or after a quotation mark says nothing; a word also written in lower case is no name.
    expect(found.has("ліщинюк")).toBe(false);
    expect(found.has("рада")).toBe(false);
    expect(nameCandidates(["Він сказав: «Стармер прибуде»."], normalizeForm).has("стармер")).toBe(false);
  });

  it("get name lemmas only when the dictionary lacks them", () => {
    const known = new Map([["іван", ["іван"]]]);
    const lemmas = nameLemmas(["іван", "кушнірка"], known);
    expect(lemmas.has("іван")).toBe(false);
    expect(lemmas.get("кушнірка")).toContain("@кушнірок");
  });

  it("add their name lemmas' search words and keep the stemmer's word", () => {
    const names = new Map([["кушнірка", ["@кушнірок"]]]);
    const tail = searchTail({ headline: "", body: "Суд відпустив Кушнірка" }, () => undefined, (form) => names.get(form)).split(" ");
    expect(tail).toEqual(expect.arrayContaining(["кушнірокzn", "zqкушнірка"]));
    expect(tail.every(isTailWord)).toBe(true);
    expect(lemmasOfRecords([{ content: tail.join(" ") }])).toContain("@кушнірок");
  });
});

describe("names in the lemma table", () => {
  const empty: Dictionary = { version: "test", text: () => entriesText([]) };

  it("lists every generated form of a name lemma, a case no article holds included", () => {
    const table = nameParadigms(["@кушнірок", "нічого"]);
    expect(table.get("кушнірком")).toEqual(["@кушнірок"]);
    expect(table.get("кушніркові")).toEqual(["@кушнірок"]);
    expect(table.has("нічого")).toBe(false);
    expect(lemmaTable(new Set(["@кушнірок"]), empty).get("кушнірок")).toEqual(["@кушнірок"]);
  });

  it("makes a query in one case find an article holding another, and the stemmer's word too", () => {
    const table = nameParadigms(["@кушнірок"]);
    expect(planQuery("Кушнірком", (form) => table.get(form)).searches).toEqual(["кушнірокzn", "zqкушнір"]);
  });
});
