// Ukrainian romanization after the KMU 2010 rules (Cabinet of Ministers resolution No. 55,
// 27 January 2010), plus URL slugs built on it.
import { APOSTROPHES } from "./text.ts";

const LATIN_FOR: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", є: "ie", ж: "zh", з: "z",
  и: "y", і: "i", ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p",
  р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh",
  щ: "shch", ь: "", ю: "iu", я: "ia",
  // Russian and Belarusian letters turn up in quoted speech and names; they must not vanish.
  ы: "y", э: "e", ё: "io", ъ: "", ў: "u",
};

// The rules spell these letters differently when they open a word.
const LATIN_AT_WORD_START: Readonly<Record<string, string>> = {
  є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya", ё: "yo",
};


// An apostrophe belongs to a word only between letters; elsewhere it is a quotation mark,
// so the letter after an opening quote still starts a word.
const WORD = new RegExp(`[\\p{L}\\p{M}]+(?:[${APOSTROPHES}]+[\\p{L}\\p{M}]+)*`, "gu");
const APOSTROPHE = new RegExp(`[${APOSTROPHES}]`, "gu");
const CYRILLIC = /\p{Script=Cyrillic}/u;

export function romanize(text: string): string {
  // Decomposed й and ї (letter + combining mark) would otherwise slip past the table.
  return text.normalize("NFC").replace(WORD, romanizeWord);
}

function romanizeWord(word: string): string {
  const shouting = isAllCaps(word);
  let latin = "";
  let previous = "";
  for (const char of word) {
    if (APOSTROPHES.includes(char)) {
      // Only the Ukrainian apostrophe is dropped; English "don't" keeps its own.
      latin += CYRILLIC.test(previous) ? "" : char;
      continue;
    }
    latin += romanizeLetter(char, previous, shouting);
    previous = char;
  }
  return latin;
}

function romanizeLetter(char: string, previous: string, shouting: boolean): string {
  const letter = char.toLowerCase();
  const latin = latinFor(letter, previous.toLowerCase());
  if (latin === undefined) return char;
  if (letter === char) return latin;
  return shouting ? latin.toUpperCase() : capitalize(latin);
}

function latinFor(letter: string, previous: string): string | undefined {
  if (previous === "") return LATIN_AT_WORD_START[letter] ?? LATIN_FOR[letter];
  // "зг" is spelled "zgh" so it is not read back as "ж" (Zghorany, not Zhorany).
  if (letter === "г" && previous === "з") return "gh";
  return LATIN_FOR[letter];
}

// "КИЇВ" should read "KYIV", not "KYiV"; a lone capital ("Щ.") is only an initial.
function isAllCaps(word: string): boolean {
  const cased = [...word].filter((char) => char.toLowerCase() !== char.toUpperCase());
  return cased.length > 1 && cased.every((char) => char === char.toUpperCase());
}

function capitalize(latin: string): string {
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

// Latin letters that NFKD cannot split into a base letter and a diacritic.
const LATIN_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = {
  ł: "l", đ: "d", ø: "o", æ: "ae", œ: "oe", ß: "ss", þ: "th", ı: "i",
};
const UNDECOMPOSABLE = new RegExp(`[${Object.keys(LATIN_WITHOUT_DECOMPOSITION).join("")}]`, "g");

export function slugify(text: string, maxLength = 80): string {
  const slug = romanize(text)
    .replace(APOSTROPHE, "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(UNDECOMPOSABLE, (letter) => LATIN_WITHOUT_DECOMPOSITION[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cutAtWordBoundary(slug, maxLength);
}

// A slug cut mid-word reads like a typo in the address bar, so prefer the last whole word.
function cutAtWordBoundary(slug: string, maxLength: number): string {
  if (slug.length <= maxLength) return slug;
  const lastBreak = slug.lastIndexOf("-", maxLength);
  return slug.slice(0, lastBreak > 0 ? lastBreak : maxLength);
}
