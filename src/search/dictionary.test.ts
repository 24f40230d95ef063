import { describe, expect, it } from "vitest";
import { lemmatize, paradigms } from "./dictionary.ts";

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
});
