import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aspectGroup, cachedDictionary, entriesText, lemmatize, paradigms, type Dictionary } from "./dictionary.ts";
import { normalizeForm, planQuery, searchTail, wordsOf } from "./words.ts";

describe("the Ukrainian dictionary", () => {
  it("gives forms with vowel alternations, irregular stems and names their lemma", () => {
    const pairs: [string, string][] = [
      ["ночі", "ніч"], ["року", "рік"], ["столом", "стіл"], ["києві", "київ"], ["ользі", "ольга"], ["руці", "рука"],
      ["дня", "день"], ["вітру", "вітер"], ["гривень", "гривня"], ["імені", "імя"], ["писали", "писати"], ["пишуть", "писати"],
      ["знайшли", "знайти"], ["шевченкові", "шевченко"], ["зеленським", "зеленський"], ["сімї", "сімя"],
      // Both aspects of a verb share a group: a query in one finds the other.
      ["заявили", "~заявти"], ["заявляють", "~заявти"], ["розповіла", "~розповідти"], ["розповідає", "~розповідти"],
    ];
    const lemmas = lemmatize(new Set(pairs.map(([form]) => form)));
    for (const [form, lemma] of pairs) expect(lemmas.get(form), form).toContain(lemma);
    // The lists of the query side's table: every form of a lemma, so a form the archive lacks still finds it.
    const table = paradigms(new Set(["ніч", "київ"]));
    expect(table.get("ніччю")).toEqual(["ніч"]);
    expect(table.get("києвом")).toContain("київ");
    expect(table.has("радар")).toBe(false);
  });

  it("matches person and place names across cases, from the article's form to the query's, known to the dictionary or not", () => {
    // Each group: forms of one name. An article holding any one of them is found by every other (Умєров is not in
    // the dictionary: the stemmer's prefix reaches it).
    const groups = [
      ["Шевченко", "Шевченка", "Шевченкові", "Шевченком"],
      ["Зеленський", "Зеленським", "Зеленського"],
      ["Ольга", "Ользі", "Ольгою"],
      ["Київ", "Києві", "Києва"],
      ["Умєров", "Умєрова", "Умєровим"],
      // Listed case by case, without affixes: the stemmer alone would cut Гетманцеві shorter than the rest.
      ["Гетманцев", "Гетманцеві", "Гетманцева", "Гетманцевим"],
      ["Путін", "Путіна", "Путінові", "Путіним"],
    ];
    const lemmas = lemmatize(new Set(groups.flat().map(normalizeForm)));
    const table = paradigms(new Set([...lemmas.values()].flat()));
    for (const group of groups) {
      for (const held of group) {
        const tail = searchTail({ headline: held, body: "" }, (form) => lemmas.get(form)).split(" ");
        for (const query of group) {
          // Pagefind matches each term of a search as a prefix of the record's words.
          const found = planQuery(query, (form) => table.get(form)).searches.some((search) => wordsOf(search).every((term) => tail.some((word) => word.startsWith(term))));
          expect(found, `${query} → ${held}`).toBe(true);
        }
      }
    }
  });
});

describe("aspectGroup", () => {
  it("joins a verb and its other aspect, with and without -ся, and no verbs of a short stem", () => {
    for (const [a, b] of [["заявити", "заявляти"], ["обстріляти", "обстрілювати"], ["виступити", "виступати"], ["розповісти", "розповідати"], ["вирішити", "вирішувати"], ["підписати", "підписуватися"]]) {
      expect(aspectGroup(a!), a).toBeDefined();
      expect(aspectGroup(a!), a).toBe(aspectGroup(b!));
    }
    for (const word of ["писати", "купити", "ставати", "рада", "мости"]) expect(aspectGroup(word), word).toBeUndefined();
    expect(aspectGroup("ставити")).not.toBe(aspectGroup("ставати"));
  });
});

describe("the dictionary's cache", () => {
  const entries = [
    { forms: ["ніч", "ночі", "ніччю"], lemmas: ["ніч"] },
    { forms: ["рада", "раді"], lemmas: ["рада"] },
    { forms: ["путін", "путіна"], lemmas: ["~путін"] },
  ];
  const counting = () => {
    const counter = { expanded: 0 };
    const load = (): Dictionary => ({
      version: "test@1",
      text() {
        counter.expanded++;
        return entriesText(entries);
      },
    });
    return { counter, load };
  };

  it("expands the dictionary once into the cache folder; a later build reads it back and expands nothing", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dictionary-cache-"));
    mkdirSync(path.join(dir, "dictionary-0123456789abcdef"));
    const first = counting();
    const lemmas = lemmatize(new Set(["ночі", "раді", "путіна", "радар"]), cachedDictionary(dir, "test@1", first.load));
    expect(Object.fromEntries(lemmas)).toEqual({ ночі: ["ніч"], раді: ["рада"], путіна: ["~путін"] });
    expect(first.counter.expanded).toBe(1);
    // One folder for this dictionary and code; a cache of another version is removed.
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^dictionary-[0-9a-f]{16}$/)]);

    const second = counting();
    const cached = cachedDictionary(dir, "test@1", second.load);
    expect(lemmatize(new Set(["ночі", "раді", "путіна", "радар"]), cached)).toEqual(lemmas);
    expect(Object.fromEntries(paradigms(new Set(["ніч", "~путін"]), cached))).toEqual({ ніч: ["ніч"], ночі: ["ніч"], ніччю: ["ніч"], путін: ["~путін"], путіна: ["~путін"] });
    expect(second.counter.expanded).toBe(0);

    // A damaged file makes the cache be expanded again, not a failed build or lemmas lost.
    const folder = path.join(dir, readdirSync(dir)[0]!);
    writeFileSync(path.join(folder, readdirSync(folder)[0]!), "not an index");
    const repaired = counting();
    expect(lemmatize(new Set(["ночі", "раді", "путіна", "радар"]), cachedDictionary(dir, "test@1", repaired.load))).toEqual(lemmas);
    expect(repaired.counter.expanded).toBe(1);

    // Another dictionary version is expanded anew.
    const upgraded = counting();
    lemmatize(new Set(["ночі"]), cachedDictionary(dir, "test@2", upgraded.load));
    expect(upgraded.counter.expanded).toBe(1);
  });
});
