import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MIN_STEM, stemQuery, stemWord } from "./stemmer.ts";
import { RAW, STEMMED, evaluate, loadPairs, pagefindIndexWords, pagefindQueryTerms } from "../../scripts/lib/stemmer-eval.ts";

const fixture = fileURLToPath(new URL("../../test/fixtures/inflection-pairs.tsv", import.meta.url));
const pairs = loadPairs(fixture);
const inflected = pairs.filter((p) => p.kind === "inflected");
const exact = pairs.filter((p) => p.kind === "exact");

/** Every form must start with the stem of every other form (forms "meet" under prefix matching). */
function expectFormsMeet(forms: string[]): void {
  const words = forms.map((f) => pagefindQueryTerms(f)[0]!);
  for (const query of forms) {
    const stem = pagefindQueryTerms(stemWord(query))[0]!;
    for (const w of words) expect(w.startsWith(stem), `${query} → ${stem} should prefix ${w}`).toBe(true);
  }
}

describe("stemWord", () => {
  it.each([
    ["Кремлем", "кремл"],
    ["Кремлі", "кремл"],
    ["Кремль", "кремл"],
    ["переговорах", "переговор"],
    ["переговорювати", "переговор"],
    ["Україною", "україн"],
    ["Зеленського", "зеленсь"],
    ["українському", "українсь"],
    ["ядерної", "ядерн"],
    ["областей", "област"],
    ["урядові", "уряд"],
    ["Кремлеві", "кремл"],
    ["землею", "земл"],
    ["заявити", "заяв"],
    ["заявляє", "заяв"],
    ["домовитися", "домов"],
    ["голосує", "голос"],
    ["телята", "тел"],
    ["ніччю", "ніч"],
    ["дорозі", "доро"],
    ["дорога", "доро"],
    ["політиці", "політи"],
    ["зв'язку", "звяз"],
    ["Харків", "харк"],
  ])("%s → %s", (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });

  it("lets the forms of one lemma meet at a common prefix", () => {
    expectFormsMeet(["війна", "війни", "війні", "війну", "війною", "війн", "війнами", "війнах"]);
    expectFormsMeet(["президент", "президента", "президентові", "президентом", "президенті", "президенти", "президентів"]);
    expectFormsMeet(["Кремль", "Кремля", "Кремлю", "Кремлем", "Кремлі", "Кремлеві"]);
    expectFormsMeet(["область", "області", "областю", "областей", "областям", "областях"]);
    expectFormsMeet(["український", "українського", "українському", "українська", "української", "українською", "українські", "українських", "українськими"]);
    expectFormsMeet(["Зеленський", "Зеленського", "Зеленському", "Зеленським", "Зеленській"]);
    expectFormsMeet(["заявити", "заявив", "заявила", "заявили", "заявляє", "заявляють", "заявлю"]);
    expectFormsMeet(["домовитися", "домовилися", "домовились", "домовився", "домовиться"]);
    expectFormsMeet(["місто", "міста", "місту", "містом", "місті", "міст", "містам", "містами", "містах"]);
    expectFormsMeet(["дорога", "дороги", "дорозі", "дорогу", "дорогою"]);
  });

  it("never goes below the minimum stem length and leaves short words alone", () => {
    for (const w of ["ім'я", "руці", "ніч", "рік", "мир", "ЗСУ", "ЄС"]) {
      const stem = stemWord(w);
      expect(stem.length >= MIN_STEM || stem === w.toLocaleLowerCase().replace(/'/g, "")).toBe(true);
    }
    expect(stemWord("мир")).toBe("мир");
    expect(stemWord("ЗСУ")).toBe("зсу");
    for (const p of inflected) for (const w of p.query.split(" ")) expect(stemWord(w).length).toBeGreaterThanOrEqual(MIN_STEM);
  });

  it("returns a prefix of the normalised word, so exact forms can never get worse", () => {
    for (const p of pairs) {
      for (const w of p.query.split(" ")) {
        const [stem] = pagefindQueryTerms(stemWord(w));
        expect(pagefindQueryTerms(w).join("").startsWith(stem!)).toBe(true);
      }
    }
  });

  it("normalises apostrophes and keeps ґ", () => {
    expect(stemWord("об'єктом")).toBe("обєкт");
    expect(stemWord("об’єктом")).toBe("обєкт");
    expect(stemWord("обʼєктом")).toBe("обєкт");
    expect(stemWord("Ґрунту")).toBe("ґрунт");
  });

  it("only lowercases Latin words", () => {
    expect(stemWord("Starlink")).toBe("starlink");
    expect(stemWord("2024")).toBe("2024");
  });
});

describe("stemQuery", () => {
  it("stems Cyrillic words and keeps order, separators, Latin and numbers", () => {
    expect(stemQuery("переговорах з Кремлем")).toBe("переговор з кремл");
    expect(stemQuery("Зеленського, Starlink і F-16 у 2024")).toBe("зеленсь, Starlink і F-16 у 2024");
    expect(stemQuery("  Україною  ")).toBe("  україн  ");
  });

  it("turns a hyphen between two Cyrillic words into a space (Pagefind would glue the stems)", () => {
    expect(stemQuery("Байдена-Путіна")).toBe("байден путін");
  });

  it("keeps apostrophised words whole and leaves quoted exact-phrase queries alone", () => {
    expect(stemQuery("об’єктом")).toBe("обєкт");
    expect(stemQuery('"переговорах з Кремлем"')).toBe('"переговорах з Кремлем"');
  });
});

describe("recall under Pagefind's prefix matching", () => {
  it("fixture is well formed", () => {
    expect(inflected.length).toBeGreaterThanOrEqual(60);
    expect(exact.length).toBeGreaterThanOrEqual(20);
    for (const p of inflected) {
      const words = pagefindIndexWords(p.article);
      for (const t of pagefindQueryTerms(p.query)) expect(words.has(t), `${p.query} must not occur in: ${p.article}`).toBe(false);
    }
    for (const p of exact) {
      const words = pagefindIndexWords(p.article);
      for (const t of pagefindQueryTerms(p.query)) expect(words.has(t), `${p.query} must occur in: ${p.article}`).toBe(true);
    }
  });

  it("stemming lifts recall on inflected forms to ≥ 90% and keeps exact forms at 100%", () => {
    const before = evaluate(inflected, pairs, RAW);
    const after = evaluate(inflected, pairs, STEMMED);
    const exactBefore = evaluate(exact, pairs, RAW);
    const exactAfter = evaluate(exact, pairs, STEMMED);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      `inflected recall ${pct(before.recall)} → ${pct(after.recall)}; exact ${pct(exactBefore.recall)} → ${pct(exactAfter.recall)}; ` +
        `false positives ${pct(before.falsePositiveRate)} → ${pct(after.falsePositiveRate)}; ` +
        `misses: ${after.misses.map((m) => m.query).join(", ")}`,
    );
    expect(after.recall).toBeGreaterThanOrEqual(0.9);
    expect(before.recall).toBeLessThan(after.recall);
    expect(exactBefore.recall).toBe(1);
    expect(exactAfter.recall).toBe(1);
    expect(after.falsePositiveRate).toBeLessThan(0.02);
  });
});
