import { afterEach, describe, expect, it } from "vitest";
import { Settings } from "luxon";
import {
  DateParseError,
  calendarParts,
  formatDateline,
  formatMonthHeading,
  formatMonthName,
  isoDateTime,
  isoInstant,
  parseArticleDate,
} from "./dates.ts";

const iso = (value: unknown, zone?: string) => isoDateTime(parseArticleDate(value, zone));

describe("parseArticleDate: accepted forms", () => {
  it.each([
    ["7 грудня 2021, 22:21", "2021-12-07T22:21:00+02:00"],
    ["7 грудня 2021 22:21", "2021-12-07T22:21:00+02:00"],
    ["  7   грудня  2021 ,  22:21  ", "2021-12-07T22:21:00+02:00"],
    ["7\u00a0грудня\u00a02021, 22:21", "2021-12-07T22:21:00+02:00"],
    ["7 Грудня 2021, 22:21", "2021-12-07T22:21:00+02:00"],
    ["7 грудня 2021 р., 22:21", "2021-12-07T22:21:00+02:00"],
    ["7 грудня 2021, 22:21 р.", "2021-12-07T22:21:00+02:00"],
    ["7 грудня 2021, 9:05", "2021-12-07T09:05:00+02:00"],
    ["07.12.2021 22:21", "2021-12-07T22:21:00+02:00"],
    ["07.12.2021, 22:21", "2021-12-07T22:21:00+02:00"],
    ["2021-12-07T22:21:00+02:00", "2021-12-07T22:21:00+02:00"],
    ["2021-12-07 22:21:00+02:00", "2021-12-07T22:21:00+02:00"],
    ["2021-12-07T22:21+0200", "2021-12-07T22:21:00+02:00"],
    ["2021-12-07T22:21", "2021-12-07T22:21:00+02:00"],
    ["2021-12-07T22:21:05", "2021-12-07T22:21:05+02:00"],
    ["2021-12-07 22:21", "2021-12-07T22:21:00+02:00"],
    ["2021-12-07 22:21:05.250", "2021-12-07T22:21:05+02:00"],
  ])("%j → %s", (input, expected) => {
    const parsed = parseArticleDate(input);
    expect(parsed.hasTime).toBe(true);
    expect(isoDateTime(parsed)).toBe(expected);
    expect(parsed.instant.zoneName).toBe("Europe/Kyiv");
  });

  it.each([
    ["7 грудня 2021"],
    ["7 грудня 2021 р."],
    ["7 грудня 2021р."],
    ["07.12.2021"],
    ["7.12.2021"],
    ["2021-12-07"],
  ])("date alone %j", (input) => {
    const parsed = parseArticleDate(input);
    expect(parsed.hasTime).toBe(false);
    expect(isoDateTime(parsed)).toBe("2021-12-07");
    expect(isoInstant(parsed)).toBe("2021-12-07T00:00:00+02:00");
  });

  it("recognises every genitive month name", () => {
    const names = ["січня", "лютого", "березня", "квітня", "травня", "червня",
      "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"];
    names.forEach((name, i) => {
      expect(calendarParts(parseArticleDate(`1 ${name} 2021`)).month).toBe(i + 1);
    });
  });
});

describe("parseArticleDate: zones and offsets", () => {
  it("uses +03:00 in summer", () => {
    expect(iso("15 липня 2021, 10:00")).toBe("2021-07-15T10:00:00+03:00");
    expect(iso("2021-07-15 10:00")).toBe("2021-07-15T10:00:00+03:00");
  });

  it("treats a naive time as the site zone, never UTC", () => {
    expect(isoInstant(parseArticleDate("2021-12-07T22:21"))).toBe("2021-12-07T22:21:00+02:00");
    expect(parseArticleDate("2021-12-07T22:21").instant.toUTC().hour).toBe(20);
  });

  it("keeps the instant of an offset or Z time and shows it in the site zone", () => {
    expect(iso("2021-12-07T20:21:00Z")).toBe("2021-12-07T22:21:00+02:00");
    expect(iso("2021-12-07T22:21:00+05:00")).toBe("2021-12-07T19:21:00+02:00");
    const z = parseArticleDate("2021-12-07T20:21:00Z");
    const off = parseArticleDate("2021-12-07T22:21:00+02:00");
    expect(z.instant.toMillis()).toBe(off.instant.toMillis());
  });

  it("rolls a late-evening UTC time over to the next Kyiv day and year", () => {
    const parsed = parseArticleDate("2021-12-31T23:30:00Z");
    expect(formatDateline(parsed)).toBe("1 січня 2022, 01:30");
    expect(calendarParts(parsed)).toEqual({ year: 2022, month: 1, day: 1 });
  });

  it("honours another zone", () => {
    expect(iso("2021-12-07 22:21", "America/New_York")).toBe("2021-12-07T22:21:00-05:00");
  });

  it("rejects an unknown zone", () => {
    expect(() => parseArticleDate("2021-12-07", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("parseArticleDate: DST nights in Kyiv", () => {
  afterEach(() => {
    Settings.now = () => Date.now();
  });

  it("moves a time in the spring-forward gap forward by an hour", () => {
    expect(iso("2021-03-28 03:30")).toBe("2021-03-28T04:30:00+03:00");
    expect(iso("28 березня 2021, 03:00")).toBe("2021-03-28T04:00:00+03:00");
    expect(iso("2021-03-28 02:59")).toBe("2021-03-28T02:59:00+02:00");
    expect(iso("2021-03-28 04:00")).toBe("2021-03-28T04:00:00+03:00");
  });

  it("takes the first occurrence (summer offset) of an ambiguous autumn time", () => {
    expect(iso("2021-10-31 03:30")).toBe("2021-10-31T03:30:00+03:00");
    expect(iso("2021-10-31 03:00")).toBe("2021-10-31T03:00:00+03:00");
    expect(iso("2021-10-31 02:59")).toBe("2021-10-31T02:59:00+03:00");
    expect(iso("2021-10-31 04:00")).toBe("2021-10-31T04:00:00+02:00");
  });

  it("does not depend on the season the site is built in", () => {
    for (const now of [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)]) {
      Settings.now = () => now;
      expect(iso("2021-10-31 03:30")).toBe("2021-10-31T03:30:00+03:00");
      expect(iso("2021-03-28 03:30")).toBe("2021-03-28T04:30:00+03:00");
    }
  });

  it("an explicit offset picks either side of the overlap", () => {
    expect(iso("2021-10-31T03:30:00+02:00")).toBe("2021-10-31T03:30:00+02:00");
    expect(iso("2021-10-31T03:30:00+03:00")).toBe("2021-10-31T03:30:00+03:00");
  });
});

describe("parseArticleDate: Date objects from timestamp-aware YAML", () => {
  it("reads the UTC fields as Kyiv wall clock", () => {
    const parsed = parseArticleDate(new Date(Date.UTC(2021, 11, 7, 22, 21)));
    expect(parsed.hasTime).toBe(true);
    expect(isoDateTime(parsed)).toBe("2021-12-07T22:21:00+02:00");
    expect(formatDateline(parsed)).toBe("7 грудня 2021, 22:21");
  });

  it("treats UTC midnight as a date alone", () => {
    const parsed = parseArticleDate(new Date(Date.UTC(2021, 11, 7)));
    expect(parsed.hasTime).toBe(false);
    expect(isoDateTime(parsed)).toBe("2021-12-07");
    expect(isoInstant(parsed)).toBe("2021-12-07T00:00:00+02:00");
  });

  it("rejects an invalid Date", () => {
    expect(() => parseArticleDate(new Date(Number.NaN))).toThrow(DateParseError);
  });
});

describe("parseArticleDate: rejected input", () => {
  it.each([
    [1638908460],
    [1638908460000],
    [""],
    ["   "],
    [null],
    [undefined],
    [{}],
    ["2021-13-45"],
    ["2021-02-30"],
    ["30 лютого 2021"],
    ["31.04.2021"],
    ["2021-12-07 25:00"],
    ["2021-12-07 22:61"],
    ["7 грудень 2021"],
    ["7 December 2021"],
    ["7 грудня 202122:21"],
    ["вчора"],
    ["2021-12-07T22:21:00+02:00 extra"],
  ])("%j", (input) => {
    expect(() => parseArticleDate(input)).toThrow(DateParseError);
  });

  it.each([
    ["2021-12-07T22:21+25:00"],
    ["2021-12-07T22:21+99:00"],
    ["2021-12-07T22:21+02:60"],
    ["2021-12-07T22:21+14:01"],
    ["2021-12-07T22:21-12:01"],
    ["2021-12-07T22:21-1300"],
  ])("refuses the impossible offset in %j instead of moving the date", (input) => {
    expect(() => parseArticleDate(input)).toThrow(/offset .* -12:00 to \+14:00/);
  });

  it("keeps the extreme real offsets", () => {
    expect(iso("2021-12-07T22:21+14:00")).toBe("2021-12-07T10:21:00+02:00");
    expect(iso("2021-12-07T22:21-12:00")).toBe("2021-12-08T12:21:00+02:00");
    expect(iso("2021-12-07T22:21+0545")).toBe("2021-12-07T18:36:00+02:00");
  });

  it.each([["2021-12-07 24:00"], ["2021-12-07T24:00:00+02:00"], ["7 грудня 2021, 24:00"], ["07.12.2021 24:00"], ["2021-12-07 24:30"]])(
    "refuses the hour 24 in %j rather than reading it as the next day",
    (input) => {
      expect(() => parseArticleDate(input)).toThrow(/24:00.*00:00 of the next day/);
    },
  );

  it.each([["0000-01-01"], ["1799-12-31 23:59"], ["2201-01-01"], ["1 січня 9999"], ["0001-01-01T00:00:00Z"]])(
    "refuses the year of %j, which would give an address such as /0/01/",
    (input) => {
      expect(() => parseArticleDate(input)).toThrow(/years 1800 to 2200/);
    },
  );

  it("accepts the first and last years of the range", () => {
    expect(iso("1800-01-01 12:00")).toMatch(/^1800-01-01T12:00/);
    expect(iso("2200-12-31 12:00")).toMatch(/^2200-12-31T12:00/);
  });

  it("says what it got and which forms work", () => {
    expect(() => parseArticleDate("2021-13-45")).toThrow(
      '"2021-13-45" is not a valid calendar date or time; use 2021-12-07T22:21:00+02:00, ' +
        '2021-12-07 22:21, 2021-12-07 or "7 грудня 2021, 22:21"',
    );
    expect(() => parseArticleDate("garbage")).toThrow('"garbage" is not a date; use ');
    expect(() => parseArticleDate(1638908460)).toThrow("the number 1638908460 is not a date");
    expect(() => parseArticleDate("")).toThrow('"" is empty; use ');
  });

  it("is an Error named DateParseError", () => {
    const error = (() => {
      try {
        parseArticleDate("nope");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("DateParseError");
  });
});

const MONTHS: Array<[number, string, string, string]> = [
  [1, "січня", "січень", "January"],
  [2, "лютого", "лютий", "February"],
  [3, "березня", "березень", "March"],
  [4, "квітня", "квітень", "April"],
  [5, "травня", "травень", "May"],
  [6, "червня", "червень", "June"],
  [7, "липня", "липень", "July"],
  [8, "серпня", "серпень", "August"],
  [9, "вересня", "вересень", "September"],
  [10, "жовтня", "жовтень", "October"],
  [11, "листопада", "листопад", "November"],
  [12, "грудня", "грудень", "December"],
];

describe("dates in memory", () => {
  it("share one Luxon locale per zone and keep their instant, zone and offset, across DST changes too", () => {
    const values = ["2021-03-28 02:59", "2021-03-28 04:00", "2021-10-31 03:30", "2021-10-31T03:30:00+02:00", "2006-01-01", "2021-12-07T22:21:00+05:00", new Date(Date.UTC(2021, 11, 7, 22, 21))];
    const dates = values.map((v) => parseArticleDate(v));
    // Both nights of a DST change: the ambiguous autumn time keeps whichever offset it was given.
    expect(dates.map((d) => d.instant.toISO())).toEqual([
      "2021-03-28T02:59:00.000+02:00",
      "2021-03-28T04:00:00.000+03:00",
      "2021-10-31T03:30:00.000+03:00",
      "2021-10-31T03:30:00.000+02:00",
      "2006-01-01T00:00:00.000+02:00",
      "2021-12-07T19:21:00.000+02:00",
      "2021-12-07T22:21:00.000+02:00",
    ]);
    expect(dates.map((d) => d.instant.zoneName)).toEqual(values.map(() => "Europe/Kyiv"));
    expect(new Set(dates.map((d) => (d.instant as unknown as { loc: object }).loc)).size).toBe(1);
    expect(JSON.parse(JSON.stringify(dates[0]))).toEqual({ iso: "2021-03-28T02:59:00.000+02:00", zone: "Europe/Kyiv", hasTime: true });
  });
});

describe("formatting", () => {
  it("formats the seed article's dateline", () => {
    const parsed = parseArticleDate("7 грудня 2021, 22:21");
    expect(formatDateline(parsed)).toBe("7 грудня 2021, 22:21");
    expect(formatDateline(parsed, "en")).toBe("7 December 2021, 22:21");
    expect(isoDateTime(parsed)).toBe("2021-12-07T22:21:00+02:00");
  });

  it("omits the time for a date alone", () => {
    const parsed = parseArticleDate("2021-12-07");
    expect(formatDateline(parsed)).toBe("7 грудня 2021");
    expect(formatDateline(parsed, "en")).toBe("7 December 2021");
  });

  it("zero-pads hours and minutes", () => {
    expect(formatDateline(parseArticleDate("2021-12-07 09:05"))).toBe("7 грудня 2021, 09:05");
  });

  it.each(MONTHS)("month %i: %s / %s / %s", (month, genitive, nominative, english) => {
    const parsed = parseArticleDate(`2021-${String(month).padStart(2, "0")}-15 08:00`);
    expect(formatDateline(parsed)).toBe(`15 ${genitive} 2021, 08:00`);
    expect(formatDateline(parsed, "en")).toBe(`15 ${english} 2021, 08:00`);
    expect(formatMonthName(month)).toBe(nominative);
    expect(formatMonthName(month, "en")).toBe(english);
    expect(formatMonthHeading(2021, month)).toBe(`${nominative} 2021`);
    expect(formatMonthHeading(2021, month, "en")).toBe(`${english} 2021`);
  });

  it("round-trips its own dateline", () => {
    const parsed = parseArticleDate("2021-05-09T08:07:00+03:00");
    expect(isoInstant(parseArticleDate(formatDateline(parsed)))).toBe(isoInstant(parsed));
  });

  it("rejects month numbers outside 1–12", () => {
    expect(() => formatMonthName(0)).toThrow(RangeError);
    expect(() => formatMonthName(13)).toThrow(RangeError);
  });

  it("isoInstant always includes the offset and drops milliseconds", () => {
    expect(isoInstant(parseArticleDate("2021-07-15 10:00:00.999"))).toBe("2021-07-15T10:00:00+03:00");
    expect(isoInstant(parseArticleDate("15 липня 2021"))).toBe("2021-07-15T00:00:00+03:00");
  });

  it("calendarParts reads the site zone", () => {
    expect(calendarParts(parseArticleDate("2021-12-07T22:21:00Z"))).toEqual({ year: 2021, month: 12, day: 8 });
  });
});
