import { describe, expect, it } from "vitest";
import { editDistance } from "../suggest.ts";
import { chunkKey, chunkLemmas, chunkOf, fnv1a, isLemmaToken, isTailWord, lemmaOfToken, lemmaToken, nearestForm, parseChunk, planQuery, respellings, searchTail, stopWords } from "./words.ts";

const table = new Map<string, string[]>([
  ["києві", ["кий", "київ"]],
  ["київ", ["київ"]],
  ["ночі", ["ніч"]],
  ["рада", ["рада"]],
  ["вибори", ["вибори"]],
  ["виборах", ["вибори"]],
  ["учитель", ["учитель"]],
]);
const lookup = (form: string) => table.get(form);

describe("planQuery", () => {
  it("turns each word into its lemmas' search words, one search per lemma of an ambiguous form", () => {
    expect(planQuery("ночі", lookup)).toMatchObject({ exact: '"ночі"', searches: ["нічzz"] });
    expect(planQuery("Києві", lookup).searches).toEqual(["кийzz", "київzz"]);
  });
  it("never searches a stop word beside real words, and searches a query of stop words only as typed", () => {
    expect(planQuery("вибори в Україні", lookup)).toMatchObject({ exact: '"вибори в Україні"', searches: ["вибориzz zqукраїн"] });
    expect(planQuery("за", lookup)).toMatchObject({ exact: '"за"', searches: ['"за"'] });
    for (const word of ["за", "в", "у", "з", "по", "до", "під", "від", "про", "і"]) expect(stopWords.has(word), word).toBe(true);
  });
  it("falls back to the stemmer's prefix for words the table lacks, never for words shorter than 3 letters", () => {
    expect(planQuery("заквакали", lookup).searches).toEqual(["zqзаква"]);
    expect(planQuery("ЄС", lookup).searches).toEqual(['"ЄС"']);
    expect(planQuery("F-16 рада", lookup).searches).toEqual(["F 16 радаzz"]);
  });
  it("never reaches a lemma's search word through a short word the table lacks, alone or beside others", () => {
    // An article that only says "ночі" and "Києві" carries "нічzz" and "київzz": the prefixes "ні" (a stop word) and
    // "ки" would reach them.
    const tail = searchTail({ headline: "Тиша", body: "У Києві ночі стали довшими" }, lookup).split(" ");
    const reached = (search: string) => search.startsWith('"') ? [] : search.split(" ").filter((term) => tail.some((word) => word.startsWith(term.toLocaleLowerCase())));
    for (const query of ["ні", "Ні", "ні ні", "ні в", "ні рада", "ки", "ки рада", "КИ"]) {
      for (const search of planQuery(query, lookup).searches) expect(reached(search).filter((term) => term.length < 3), `${query}: ${search}`).toEqual([]);
    }
    expect(planQuery("ки", lookup)).toMatchObject({ exact: '"ки"', searches: ['"ки"'] });
    expect(planQuery("ки рада", lookup)).toMatchObject({ exact: '"ки рада"', searches: ["радаzz"] });
    // A short word the table knows is searched by its lemma like any other.
    expect(planQuery("ки", (form) => (form === "ки" ? ["ки"] : undefined)).searches).toEqual(["киzz"]);
  });
  it("never reaches the hidden words every article carries through a Latin z", () => {
    expect(planQuery("Z", lookup)).toMatchObject({ exact: '"Z"', searches: ['"Z"'] });
    expect(planQuery("z рада", lookup).searches).toEqual(["радаzz"]);
    expect(planQuery("ZZ Top", lookup).searches).toEqual(["Top"]);
    expect(planQuery("zebra", lookup).searches).toEqual(["zebra"]);
  });
  it("finds a word under its other initial в/у (вчитель, учитель)", () => {
    expect(planQuery("вчитель", lookup).searches).toEqual(["учительzz"]);
  });
  it("ranks by the query as typed looked up whole, unless the words as typed are what it searches", () => {
    // As a prefix, `рада` would reach `радаzz`, which every article holding any form of рада carries.
    expect(planQuery("рада", lookup).exact).toBe('"рада"');
    expect(planQuery("NATO 2024", lookup)).toMatchObject({ exact: "NATO 2024", searches: ["NATO 2024"] });
    expect(planQuery("у", lookup)).toMatchObject({ exact: '"у"', searches: ['"у"'] });
  });
  it("leaves an exact phrase alone", () => {
    expect(planQuery('"рада ночі"', lookup).searches).toEqual(['"рада ночі"']);
  });
});

describe("searchTail", () => {
  it("gives every known word its lemmas, other Cyrillic words of 3+ letters their own word, stop words nothing", () => {
    const tail = searchTail({ headline: "Рада", lead: "", body: "Вночі в Києві заквакали жаби з ППО" }, lookup).split(" ");
    expect(tail.filter((w) => w === "радаzz")).toHaveLength(3);
    expect(tail).toEqual(expect.arrayContaining(["кийzz", "київzz", "zqзаквакали", "zqжаби", "zqппо"]));
    expect(tail.some((w) => /^z.(в|з)$/.test(w))).toBe(false);
    expect(tail.every(isTailWord)).toBe(true);
  });
});

describe("lemma table chunks", () => {
  it("puts forms that share their first three letters in one chunk", () => {
    expect(chunkOf("києві", 64)).toBe(chunkOf("києвом", 64));
    expect(parseChunk("київ київ\nкиєві кий київ\n")).toEqual(new Map([["київ", ["київ"]], ["києві", ["кий", "київ"]]]));
  });

  it("finds a form's lemmas in a chunk's text as parsing the chunk would, first, middle and last line alike", () => {
    const chunk = "кий кий\nкиєві кий київ\nкиєво\nкиєвом київ\nкиїв київ";
    const table = parseChunk(chunk);
    for (const form of ["кий", "києві", "києво", "києвом", "київ", "ки", "киє", "києвом", "ий", "київ кий"]) expect(chunkLemmas(chunk, form), form).toEqual(table.get(form));
    expect(chunkLemmas("", "київ")).toBeUndefined();
  });

  it("keys a form by one more letter for each split prefix it begins with", () => {
    const splits = new Set(["при", "прик"]);
    expect(chunkKey("києві", splits)).toBe("киє");
    expect(chunkKey("приклад", splits)).toBe("прикл");
    expect(chunkKey("привід", splits)).toBe("прив");
    // A form no longer than a split prefix is its own key.
    expect(chunkKey("при", splits)).toBe("при");
    expect(chunkOf("прикладом", 64, splits)).toBe(chunkOf("прикладу", 64, splits));
  });

  it("numbers chunks with 32-bit FNV-1a, whose values are part of the built site's format", () => {
    // FNV-1a's published test vectors.
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect([fnv1a(bytes("")), fnv1a(bytes("a")), fnv1a(bytes("foobar")), fnv1a(bytes("xfoobarx"), 1, 7)]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968, 0xbf9cf968]);
    expect(chunkOf("abc", 2 ** 32)).toBe(fnv1a(bytes("abc")));
    // A site built before a change must stay readable by the search page after it: these numbers never move.
    const splits = new Set(["при", "прик"]);
    expect([chunkOf("київ", 4096), chunkOf("їжак", 1024), chunkOf("ґанок", 16), chunkOf("приклад", 4096, splits), chunkOf("привід", 4096, splits)]).toEqual([2632, 688, 11, 589, 12]);
    // Code points, not UTF-16 units: a letter outside the BMP is one unit of the hash.
    expect(chunkOf("😀аб", 4096)).toBe(765);
  });
});

describe("suggestions", () => {
  it("reads a word typed in the English layout or with Latin lookalikes", () => {
    expect(respellings("ctkj")).toEqual(["село"]);
    expect(respellings("Мiсто")).toEqual(["місто"]);
    expect(respellings("київ")).toEqual([]);
  });
  it("offers the nearest form within two edits, a lemma first", () => {
    expect(nearestForm("виборрах", table, editDistance)).toBe("виборах");
    expect(nearestForm("вибри", table, editDistance)).toBe("вибори");
    expect(nearestForm("кремль", table, editDistance)).toBeUndefined();
  });
});

describe("a lemma's search word", () => {
  it("reads back to its lemma, for dictionary lemmas, groups without a lemma and person names", () => {
    const lemmas = ["уряд", "~гетманцев", "@кушнірок"];
    expect(lemmas.map(lemmaToken)).toEqual(["урядzz", "гетманцевzs", "кушнірокzn"]);
    expect(lemmas.map((lemma) => lemmaOfToken(lemmaToken(lemma)))).toEqual(lemmas);
    for (const lemma of lemmas) expect(isLemmaToken(lemmaToken(lemma))).toBe(true);
  });

  it("is not read in other words: a stemmer's word, a word as typed, a token cut short, the previous spelling", () => {
    for (const word of ["zqуряд", "уряд", "урядz", "урядzx", "urjadzz", "zzурядzz", "урядzzz"]) {
      expect(lemmaOfToken(word), word).toBeUndefined();
      expect(isLemmaToken(word), word).toBe(false);
    }
  });

  it("sorts beside its lemma's forms, as Pagefind's index sorts words: after the lemma, before its longer forms", () => {
    // Pagefind sorts by UTF-8 bytes, and for these letters UTF-16 order is the same: Latin before Cyrillic.
    const bytes = (word: string) => [...new TextEncoder().encode(word)];
    const byBytes = (a: string, b: string) => {
      const [x, y] = [bytes(a), bytes(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    const words = ["уряду", "урядом", "урядzz", "уряд", "урядовий", "уряди", "урядzs", "урядzn", "урюк", "урок"];
    expect(words.sort(byBytes)).toEqual(["урок", "урюк", "уряд", "урядzn", "урядzs", "урядzz", "уряди", "урядовий", "урядом", "уряду"]);
  });

  it("is reached by no other lemma's search word, nor by a word of text, as Pagefind's prefix matching goes", () => {
    const lemmas = ["рада", "радар", "~рада", "@рада", "ліс", "лист", "листопад", "~ліс", "@лис"];
    const tokens = lemmas.map(lemmaToken);
    expect(new Set(tokens).size).toBe(lemmas.length);
    for (const term of tokens) expect(tokens.filter((t) => t.startsWith(term)), term).toEqual([term]);
    // A Cyrillic word of text is followed by Cyrillic, never by the Latin mark: no text word starts with a token.
    for (const word of ["радар", "радарах", "листопада", "радаz"]) expect(tokens.some((t) => word.startsWith(t)), word).toBe(false);
    expect([...tokens, "zqрада"].every(isTailWord)).toBe(true);
    for (const word of ["рада", "Рада", "радаz", "zz", "zq", "Z", "zzрадаzz"]) expect(isTailWord(word), word).toBe(false);
  });
});
