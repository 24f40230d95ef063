import { readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { parseArticle } from "./articles.ts";
import { formatDateline } from "./dates.ts";
import { articleIdentity, escapeMarkdownLine, parseDump, renderCheckedArticle, renderImportedArticle, type ImportedArticle } from "./importer.ts";

const seed = readFileSync(path.join(import.meta.dirname, "../test/fixtures/seeds/000_7209696002724744.txt"), "utf8");

function article(text: string): { article: ImportedArticle; warnings: string[] } {
  const result = parseDump(text);
  if (!result.ok) throw new Error(`expected an article, got: ${result.error}`);
  return result;
}

describe("parseDump", () => {
  it("keeps a photo's caption and credit from a line under the title or at the end, and writes them to front matter", () => {
    const under = article("7 грудня 2021, 22:21\n\nЗаголовок\nФото: УНІАН\n\nЛід.\n\nТекст.\n\nАвтор: Олена\n").article;
    expect(under).toMatchObject({ title: "Заголовок", lead: "Лід.", body: ["Текст."], imageCredit: "УНІАН" });
    const paragraph = article("7 грудня 2021\n\nЗаголовок\n\nНа фото: Кран у порту\nФото: Reuters\n\nЛід.\n\nТекст.\n").article;
    expect(paragraph).toMatchObject({ lead: "Лід.", body: ["Текст."], imageCaption: "Кран у порту", imageCredit: "Reuters" });
    const end = article("7 грудня 2021\n\nЗаголовок\n\nЛід.\n\nТекст.\n\nФото: Олег Петренко\n\nАвтор: Олена\n").article;
    expect(end).toMatchObject({ body: ["Текст."], imageCredit: "Олег Петренко" });
    const afterAuthor = article("7 грудня 2021\n\nЗаголовок\n\nЛід.\n\nТекст.\n\nАвтор: Олена\nФото: ДСНС\n").article;
    expect(afterAuthor.imageCredit).toBe("ДСНС");
    // A paragraph that merely mentions a photo in the middle stays text.
    expect(article("7 грудня 2021\n\nЗаголовок\n\nЛід.\n\nФото: перший абзац\n\nТекст.\n").article.body).toEqual(["Фото: перший абзац", "Текст."]);
    const text = renderImportedArticle(paragraph);
    expect(text).toContain('imageCaption: "Кран у порту"\nimageCredit: "Reuters"\n');
    expect(parseArticle("a.md", text, { timeZone: "Europe/Kyiv", slugMaxLength: 80 }).problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reads the seed: dateline, title, lead, body, author, and drops the boilerplate", () => {
    const { article: a, warnings } = article(seed);
    expect(formatDateline(a.date)).toBe("7 грудня 2021, 22:21");
    expect(a.title).toBe("Путін вимагав від Байдена гарантій: у Кремлі розкрили деталі двогодинних переговорів");
    expect(a.lead).toBe("Кремль оприлюднив свою версію двогодинних переговорів президентів США та РФ Джозефа Байдена та Володимира Путіна.");
    expect(a.authors).toEqual(["Татьяна Шевченко"]);
    expect(a.body).toHaveLength(14);
    expect(a.body[0]).toMatch(/^Пресслужба Кремля розкрила нові деталі/);
    expect(a.body.at(-1)).toBe('Ми також писали, що у NYT, коментуючи переговори Байдена – Путіна,\u00a0дійшли висновку: "На кону незалежність України".');
    expect(a.body.join("\n")).not.toMatch(/Автор:|Останні новини/);
    expect(warnings).toEqual([]);
  });

  it("copes with CRLF, a BOM, extra blank lines and trailing spaces", () => {
    const messy = "\uFEFF\r\n\r\n7 грудня 2021, 22:21  \r\n\r\n\r\nЗаголовок  \r\n\r\nЛід.\t\r\n\r\n\r\n\r\nПерший абзац. \r\n\r\nДругий абзац.\r\n\r\nАвтор: Татьяна Шевченко \r\n\r\nОстанні новини\r\nЩось інше\r\n";
    const { article: a } = article(messy);
    expect(a.title).toBe("Заголовок");
    expect(a.lead).toBe("Лід.");
    expect(a.body).toEqual(["Перший абзац.", "Другий абзац."]);
    expect(a.authors).toEqual(["Татьяна Шевченко"]);
  });

  it("accepts a dateline without a time, as a date alone", () => {
    const { article: a } = article("7 грудня 2021\n\nЗаголовок\n\nЛід\n\nТекст\n\nАвтор: Х\n");
    expect(a.date.hasTime).toBe(false);
    expect(renderImportedArticle(a)).toMatch(/^date: "2021-12-07"$/m);
  });

  it("without an author line, imports with no author and warns; boilerplate still ends the body", () => {
    const { article: a, warnings } = article("7 грудня 2021, 22:21\n\nЗаголовок\n\nЛід\n\nТекст\n\nОстанні новини\n\nІнша новина\n");
    expect(a.authors).toEqual([]);
    expect(a.body).toEqual(["Текст"]);
    expect(warnings.join()).toMatch(/Автор/);
  });

  it("splits several authors only after the plural label", () => {
    expect(article("7 грудня 2021\n\nЗ\n\nЛ\n\nТ\n\nАвтори: Іван Петренко, Ольга Коваль\n").article.authors).toEqual(["Іван Петренко", "Ольга Коваль"]);
  });

  it("keeps a title whose dateline shares its paragraph", () => {
    expect(article("7 грудня 2021, 22:21\nЗаголовок\n\nЛід\n").article.title).toBe("Заголовок");
  });

  it("reads each line as a paragraph when the dump has no blank lines at all", () => {
    const a = article("7 грудня 2021, 22:21\nЗаголовок\nЛід.\nПерший абзац.\nДругий абзац.\nАвтор: Іван Франко\nОстанні новини\n").article;
    expect(a).toMatchObject({ title: "Заголовок", lead: "Лід.", body: ["Перший абзац.", "Другий абзац."], authors: ["Іван Франко"] });
  });

  it("warns about a missing lead", () => {
    expect(article("7 грудня 2021, 22:21\n\nЛише заголовок\n\nАвтор: Х\n").warnings.join()).toMatch(/no lead/);
  });

  it.each([
    ["an empty file", "", /empty/],
    ["only blank lines", "\uFEFF \r\n\n  \n", /empty/],
    ["random text", "Lorem ipsum dolor sit amet.\n\nConsectetur adipiscing elit.\n", /first line "Lorem ipsum dolor sit amet\." is not a dateline/],
    ["a dateline alone", "7 грудня 2021, 22:21\n\n", /no title/],
    ["a dateline and an author line", "7 грудня 2021, 22:21\n\nАвтор: Х\n\nОстанні новини\n", /no title/],
  ])("rejects %s as not an article", (_name, text, message) => {
    const result = parseDump(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^not an article: /), expect(result.error).toMatch(message);
  });
});

describe("parseDump: a dateline that cannot be a real time", () => {
  it.each([
    ["32 грудня 2021, 22:21", /the dateline "32 грудня 2021, 22:21" is not a valid calendar date or time/],
    ["7 грудня 2021, 24:00", /the dateline "7 грудня 2021, 24:00" has the hour 24/],
    ["2021-12-07T22:21+25:00", /the dateline "2021-12-07T22:21\+25:00" has the offset \+25:00; real offsets run from -12:00 to \+14:00/],
    ["1 січня 0001", /the dateline "1 січня 0001" is outside the years 1800 to 2200/],
  ])("rejects %j, saying why", (dateline, message) => {
    const result = parseDump(`${dateline}\n\nЗаголовок\n`);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(message) });
  });
});

describe("escapeMarkdownLine", () => {
  const md = new MarkdownIt({ html: true });
  const rendered = (line: string) => md.render(escapeMarkdownLine(line));

  it.each([
    "# не заголовок",
    "> не цитата",
    "- не список",
    "+ не список",
    "* не список",
    "1. не список",
    "2021) не список",
    "===",
    "---",
    "Текст із <b>тегом</b> і <script>alert(1)</script>",
    "*не курсив* і **не жирний** і _не_ і `не код`",
    "[не посилання](https://example.com) і ~~не закреслено~~",
    "AT&T, &amp; і &#169; лишаються як є",
    "колонка | колонка",
    "зворотна \\ коса",
  ])("keeps %j as text", (line) => {
    const escapedText = line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    expect(rendered(line)).toBe(`<p>${escapedText}</p>\n`);
  });

  it("keeps a bare domain such as the outlet's name as text, but links full addresses", () => {
    const linking = new MarkdownIt({ html: true, linkify: true });
    const html = (line: string) => linking.render(escapeMarkdownLine(line));
    expect(html("Раніше Діалог.UA повідомляв, а NV.ua писав")).toBe("<p>Раніше Діалог.UA повідомляв, а NV.ua писав</p>\n");
    expect(html("Див. https://example.com/a_b/c?x=1&y=2 і www.pravda.com.ua")).toBe(
      '<p>Див. <a href="https://example.com/a_b/c?x=1&amp;y=2">https://example.com/a_b/c?x=1&amp;y=2</a> і <a href="http://www.pravda.com.ua">www.pravda.com.ua</a></p>\n',
    );
  });

  it("leaves ordinary text untouched", () => {
    const line = 'Зазначено, що президенти "згадали про союзництво" – повідомили у Кремлі; 100-тисячне військо.';
    expect(escapeMarkdownLine(line)).toBe(line);
  });
});

describe("renderImportedArticle", () => {
  it("writes front matter that the article parser reads back exactly", () => {
    const { article: a } = article(seed);
    const text = renderImportedArticle(a);
    expect(text).toMatch(/^---\ntitle: "Путін вимагав від Байдена гарантій: у Кремлі/);
    expect(text).toContain('date: "2021-12-07T22:21:00+02:00"');
    expect(text).toContain('author: "Татьяна Шевченко"');
    const { article: parsed, problems } = parseArticle("articles/2021/x.md", text, { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
    expect(problems).toEqual([]);
    expect(parsed?.title).toBe(a.title);
    expect(parsed?.lead).toBe(a.lead);
    expect(parsed?.authors).toEqual(a.authors);
    expect(parsed?.date.instant.toMillis()).toBe(a.date.instant.toMillis());
    // Only backslash escapes (as in "Діалог\\.UA") tell the Markdown from the dump's text.
    expect(parsed?.body.trim().split("\n\n").map((p) => p.replace(/\\(.)/g, "$1"))).toEqual(a.body);
  });

  it("quotes titles that YAML would otherwise misread", () => {
    const { article: a } = article('7 грудня 2021\n\n"Так": #1 — [увага] & no: yes\n\nЛід: з двокрапкою\n\n- тире\n');
    const { article: parsed, problems } = parseArticle("a.md", renderImportedArticle(a), { timeZone: "Europe/Kyiv", slugMaxLength: 80 });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(parsed?.title).toBe('"Так": #1 — [увага] & no: yes');
    expect(parsed?.lead).toBe("Лід: з двокрапкою");
    expect(parsed?.body.trim()).toBe("\\- тире");
  });
});

describe("renderCheckedArticle", () => {
  const options = { timeZone: "Europe/Kyiv", slugMaxLength: 80 };

  it("gives the file's text when the article parser accepts it", () => {
    const { article: a } = article(seed);
    expect(renderCheckedArticle(a, options)).toEqual({ ok: true, text: renderImportedArticle(a) });
  });

  it("refuses what `check` would reject, naming the field, instead of writing a broken file", () => {
    const controls = article("7 грудня 2021, 22:21\n\n\u0001\u0002\u0007\n\nЛід.\n\nТекст.\n").article;
    expect(renderCheckedArticle(controls, options)).toEqual({ ok: false, error: "title: title is empty" });
    const noLetters = article("7 грудня 2021, 22:21\n\nЗаголовок\n\nЛід.\n\nТекст.\n\nАвтор: ???\n").article;
    expect(renderCheckedArticle(noLetters, options)).toEqual({ ok: false, error: 'author: author "???" has no letters or digits' });
  });
});

describe("articleIdentity", () => {
  it("is the same for the same title and instant, whatever the spacing or case", () => {
    const a = article("7 грудня 2021, 22:21\n\nЗаголовок  статті\n").article;
    const b = article("2021-12-07T20:21:00Z\n\nзаголовок статті\n").article;
    const c = article("7 грудня 2021, 22:22\n\nЗаголовок статті\n").article;
    expect(articleIdentity(a.title, a.date)).toBe(articleIdentity(b.title, b.date));
    expect(articleIdentity(a.title, a.date)).not.toBe(articleIdentity(c.title, c.date));
  });
});
