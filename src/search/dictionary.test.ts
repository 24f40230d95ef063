import { describe, expect, it } from "vitest";
import { lemmatize, paradigms } from "./dictionary.ts";
import { normalizeForm, planQuery, searchTail, wordsOf } from "./words.ts";

describe("the Ukrainian dictionary", () => {
  it("gives forms with vowel alternations, irregular stems and names their lemma", () => {
    const pairs: [string, string][] = [
      ["ночі", "ніч"], ["року", "рік"], ["столом", "стіл"], ["києві", "київ"], ["ользі", "ольга"], ["руці", "рука"],
      ["дня", "день"], ["вітру", "вітер"], ["гривень", "гривня"], ["імені", "імя"], ["писали", "писати"], ["пишуть", "писати"],
      ["знайшли", "знайти"], ["шевченкові", "шевченко"], ["зеленським", "зеленський"], ["сімї", "сімя"],
    ];
    const lemmas = lemmatize(new Set(pairs.map(([form]) => form)));
    for (const [form, lemma] of pairs) expect(lemmas.get(form), form).toContain(lemma);
    // The lists of the query side's table: every form of a lemma, so a form the archive lacks still finds it.
    const table = paradigms(new Set(["ніч", "київ"]));
    expect(table.get("ніччю")).toEqual(["ніч"]);
    expect(table.get("києвом")).toContain("київ");
    expect(table.has("радар")).toBe(false);
  }, 60_000);

  it("matches person and place names across cases, from the article's form to the query's, known to the dictionary or not", () => {
    // Each group: forms of one name. An article holding any one of them is found by every other (Умєров is not in
    // the dictionary: the stemmer's prefix reaches it).
    const groups = [
      ["Шевченко", "Шевченка", "Шевченкові", "Шевченком"],
      ["Зеленський", "Зеленським", "Зеленського"],
      ["Ольга", "Ользі", "Ольгою"],
      ["Київ", "Києві", "Києва"],
      ["Умєров", "Умєрова", "Умєровим"],
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
  }, 60_000);
});
