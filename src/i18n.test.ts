import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Locale,
  type PluralForms,
  countArticles,
  fill,
  formatCount,
  locales,
  plural,
  pluralCategory,
  strings,
  uiStrings,
} from "./i18n.ts";

describe("pluralCategory", () => {
  it.each([
    [0, "many"], [1, "one"], [2, "few"], [4, "few"], [5, "many"], [11, "many"], [12, "many"],
    [14, "many"], [21, "one"], [22, "few"], [25, "many"], [101, "one"], [111, "many"],
  ])("uk %i → %s", (n, category) => {
    expect(pluralCategory(n, "uk")).toBe(category);
  });

  it("uses one/other for en", () => {
    expect(pluralCategory(1, "en")).toBe("one");
    expect(pluralCategory(0, "en")).toBe("other");
    expect(pluralCategory(21, "en")).toBe("other");
  });
});

describe("countArticles", () => {
  it.each([
    [0, "0 статей"], [1, "1 стаття"], [2, "2 статті"], [4, "4 статті"], [5, "5 статей"],
    [11, "11 статей"], [12, "12 статей"], [14, "14 статей"], [21, "21 стаття"], [22, "22 статті"],
    [25, "25 статей"], [101, "101 стаття"], [111, "111 статей"],
  ])("uk %i → %s", (n, expected) => {
    expect(countArticles(n, "uk")).toBe(expected);
  });

  it.each([[0, "0 articles"], [1, "1 article"], [5, "5 articles"], [21, "21 articles"]])(
    "en %i → %s",
    (n, expected) => {
      expect(countArticles(n, "en")).toBe(expected);
    },
  );

  it("groups large numbers the locale's way", () => {
    expect(countArticles(1234, "en")).toBe("1,234 articles");
    expect(countArticles(1234, "uk")).toMatch(/^1\s234 статті$/u);
  });
});

describe("search result counts take the accusative", () => {
  it.each([
    [0, "Знайдено 0 статей"], [1, "Знайдено 1 статтю"], [2, "Знайдено 2 статті"], [4, "Знайдено 4 статті"],
    [5, "Знайдено 5 статей"], [11, "Знайдено 11 статей"], [12, "Знайдено 12 статей"], [14, "Знайдено 14 статей"],
    [21, "Знайдено 21 статтю"], [22, "Знайдено 22 статті"], [25, "Знайдено 25 статей"],
    [101, "Знайдено 101 статтю"], [111, "Знайдено 111 статей"],
  ])("uk %i → %s", (n, expected) => {
    expect(plural(n, strings.uk.searchCount, "uk")).toBe(expected);
  });

  it("en", () => {
    expect(plural(21, strings.uk.searchCountAtLeast, "uk")).toBe("Знайдено щонайменше 21 статтю");
    expect(plural(24, strings.uk.searchCountAtLeast, "uk")).toBe("Знайдено щонайменше 24 статті");
    expect(plural(30, strings.uk.searchCountAtLeast, "uk")).toBe("Знайдено щонайменше 30 статей");
    expect(plural(1, strings.en.searchCount, "en")).toBe("1 article found");
    expect(plural(3, strings.en.searchCount, "en")).toBe("3 articles found");
  });
});

describe("plural", () => {
  it("falls back to other when a form is missing", () => {
    const forms: PluralForms = { one: "{n} item", other: "{n} items" };
    expect(plural(5, forms, "uk")).toBe("5 items");
    expect(plural(21, forms, "uk")).toBe("21 item");
  });

  it("uses other for fractions in uk", () => {
    expect(plural(1.5, strings.uk.articleCount, "uk")).toBe("1,5 статті");
  });
});

const isPluralForms = (value: unknown): value is PluralForms => typeof value === "object" && value !== null;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("strings", () => {
  it("lists both locales", () => {
    expect([...locales]).toEqual(["uk", "en"]);
  });

  it.each(locales.map((l) => [l]))("%s has no empty strings", (locale) => {
    for (const [key, value] of Object.entries(strings[locale as Locale])) {
      const texts = isPluralForms(value) ? Object.values(value) : [value];
      for (const text of texts) expect(text.trim(), `${locale}.${key}`).not.toBe("");
    }
  });

  it("both locales have the same keys and the same placeholders", () => {
    const { uk, en } = strings;
    expect(Object.keys(en).sort()).toEqual(Object.keys(uk).sort());
    for (const [key, value] of Object.entries(uk)) {
      const other = en[key as keyof typeof en];
      if (isPluralForms(value) || isPluralForms(other)) continue;
      expect(placeholders(other), key).toEqual(placeholders(value));
    }
  });

  it("every plural form carries {n}, and uk defines few and many", () => {
    for (const locale of locales) {
      for (const [key, value] of Object.entries(strings[locale])) {
        if (!isPluralForms(value)) continue;
        for (const text of Object.values(value)) expect(text, `${locale}.${key}`).toContain("{n}");
        if (locale === "uk") expect(Object.keys(value).sort(), key).toEqual(["few", "many", "one", "other"]);
      }
    }
  });

  it("uiStrings returns the locale's set and rejects unknown locales", () => {
    expect(uiStrings("uk").navHome).toBe("Головна");
    expect(uiStrings("en").navHome).toBe("Home");
    expect(() => uiStrings("ru" as Locale)).toThrow(RangeError);
  });

  it("every string is shown by the theme: a site's wording of a key never goes unused", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const sources = ["src", "theme/templates", "theme/scripts"].flatMap((folder) =>
      readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
        .filter((file) => /\.(ts|js|njk)$/.test(file) && !file.endsWith(".test.ts") && path.join(folder, file) !== path.join("src", "i18n.ts"))
        .map((file) => readFileSync(path.join(root, folder, file), "utf8")),
    );
    const unused = Object.keys(strings.uk).filter((key) => !sources.some((text) => new RegExp(`\\.${key}\\b`).test(text)));
    expect(unused).toEqual([]);
  });

  it("has the agreed Ukrainian wording", () => {
    const t = uiStrings("uk");
    expect(t.skipToContent).toBe("Перейти до основного вмісту");
    expect(fill(t.pageOf, { page: 2, pages: 10 })).toBe("Сторінка 2 з 10");
    expect(fill(t.tagTitle, { name: "Київ" })).toBe("Тег: Київ");
    expect(fill(t.yearTitle, { year: 2021 })).toBe("Архів за 2021 рік");
    expect(t.searchPlaceholder).toBe("Пошук у архіві");
    expect(t.notFoundTitle).toBe("Сторінку не знайдено");
  });
});

describe("fill", () => {
  it("replaces every placeholder, including repeats", () => {
    expect(fill("{a} і {b}, знову {a}", { a: "раз", b: 2 })).toBe("раз і 2, знову раз");
  });

  it("leaves text without placeholders alone and ignores extra values", () => {
    expect(fill("Головна", { unused: 1 })).toBe("Головна");
  });

  it("does not interpret replacement patterns in values", () => {
    expect(fill("Тег: {name}", { name: "$& $1" })).toBe("Тег: $& $1");
  });

  it("throws on a missing value rather than showing {name} to readers", () => {
    expect(() => fill("Автор: {name}", {})).toThrow('No value for {name} in "Автор: {name}"');
    expect(() => fill("{toString}", {})).toThrow("No value for {toString}");
  });
});

describe("formatCount", () => {
  it("writes whole numbers as toLocaleString does, without loading the locale's number data", () => {
    for (const locale of ["uk", "en"] as const) {
      for (const n of [0, 7, 999, 1000, 1234, 12345, 123456, 1234567, 1.5, -1234]) expect(formatCount(n, locale), `${n} ${locale}`).toBe(n.toLocaleString(locale));
    }
  });
});
