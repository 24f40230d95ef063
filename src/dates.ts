import { DateTime, IANAZone } from "luxon";

export interface ArticleDate {
  /** The publication instant, already set to the site zone. */
  instant: DateTime;
  /** False when the source gave a calendar date only; formatting then omits the time. */
  hasTime: boolean;
}

const ACCEPTED_FORMS =
  '2021-12-07T22:21:00+02:00, 2021-12-07 22:21, 2021-12-07 or "7 грудня 2021, 22:21"';

const NOT_A_DATE = "is not a date";
const EMPTY = "is empty";

export class DateParseError extends Error {
  constructor(received: unknown, readonly reason = NOT_A_DATE) {
    super(`${describe(received)} ${reason}; use ${ACCEPTED_FORMS}`);
    this.name = "DateParseError";
  }

  /** Whether the value was written as a date (32 грудня, 24:00, +25:00) but names no real time. */
  get hasDateForm(): boolean {
    return this.reason !== NOT_A_DATE && this.reason !== EMPTY;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Date) return `Date(${String(value.getTime())})`;
  if (typeof value === "number") return `the number ${value}`;
  return String(value);
}

// Genitive forms, as they appear after a day number in newsroom datelines.
const GENITIVE_MONTHS = [
  "січня", "лютого", "березня", "квітня", "травня", "червня",
  "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
];

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const ISO_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/i;
// Date and time need a comma or a space between them, so "202122:21" cannot pass as a year.
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:(?: ?, ?| )(\d{1,2}):(\d{2}))?$/;
// "р." (рік) may follow the year, before the time or at the very end.
const DATELINE =
  /^(\d{1,2}) (\p{L}+) (\d{4})(?: ?р\.)?(?:(?: ?, ?| )(\d{1,2}):(\d{2}))?(?: ?р\.)?$/u;

// Checking a zone builds an Intl formatter; an archive uses one zone for every article.
const knownZones = new Set<string>();

export function parseArticleDate(value: unknown, zone = "Europe/Kyiv"): ArticleDate {
  if (!knownZones.has(zone)) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
    knownZones.add(zone);
  }
  if (value instanceof Date) return fromYamlDate(value, zone);
  // Numbers are rejected outright: a bare number is ambiguous (seconds or ms?) and never
  // what an editor means to type in front matter.
  if (typeof value !== "string") throw new DateParseError(value);
  const text = value.replace(/\s+/g, " ").trim();
  if (text === "") throw new DateParseError(value, EMPTY);

  const withOffset = ISO_WITH_OFFSET.exec(text);
  if (withOffset) return fromIsoWithOffset(value, withOffset, zone);

  const clock = matchWallClock(text);
  if (!clock) throw new DateParseError(value);
  return fromWallClock(value, clock.fields, clock.hasTime, zone);
}

function fromIsoWithOffset(original: string, m: RegExpExecArray, zone: string): ArticleDate {
  refuseHour24(original, Number(m[2]!.slice(0, 2)));
  refuseImpossibleOffset(original, m[3]!);
  const parsed = DateTime.fromISO(`${m[1]}T${m[2]}${m[3]}`, { setZone: true });
  if (!parsed.isValid) throw new DateParseError(original);
  return withinArchiveYears(original, { instant: parsed.setZone(zone), hasTime: true });
}

// Luxon takes any two-digit offset, so a typed +25:00 would silently move the article to another day.
function refuseImpossibleOffset(original: string, offset: string): void {
  const parts = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
  if (!parts) return;
  const minutes = (Number(parts[2]) * 60 + Number(parts[3] ?? 0)) * (parts[1] === "-" ? -1 : 1);
  if (Number(parts[3] ?? 0) >= 60 || minutes < -12 * 60 || minutes > 14 * 60) {
    throw new DateParseError(original, `has the offset ${offset}; real offsets run from -12:00 to +14:00`);
  }
}

// ISO 8601 and Luxon read 24:00 as the next day's midnight; an editor who typed it most likely meant something else.
function refuseHour24(original: unknown, hour: number): void {
  if (hour === 24) throw new DateParseError(original, "has the hour 24 (24:00 would be 00:00 of the next day; write that instead)");
}

const FIRST_YEAR = 1800;
const LAST_YEAR = 2200;

// The year is the first segment of an article's address: year 0 would give /0/01/…, and 9999 a typo from the future.
function withinArchiveYears(original: unknown, date: ArticleDate): ArticleDate {
  if (date.instant.year < FIRST_YEAR || date.instant.year > LAST_YEAR) {
    throw new DateParseError(original, `is outside the years ${FIRST_YEAR} to ${LAST_YEAR} an archive can hold`);
  }
  return articleDate(date.instant, date.hasTime);
}

/** A date as JSON: the instant with its zone (Luxon's own toJSON keeps only the offset) and whether it has a time. */
export interface StoredDate {
  iso: string;
  zone: string;
  hasTime: boolean;
}

/**
 * An ArticleDate that serialises itself as a StoredDate. The build writes page data for many pages at once; a toJSON
 * that JSON.stringify calls natively costs far less than a replacer called for every key of every page.
 */
class SerialisedDate implements ArticleDate {
  constructor(
    readonly instant: DateTime,
    readonly hasTime: boolean,
  ) {}
  toJSON(): StoredDate {
    return { iso: this.instant.toISO()!, zone: this.instant.zoneName!, hasTime: this.hasTime };
  }
}

export function articleDate(instant: DateTime, hasTime: boolean): ArticleDate {
  return new SerialisedDate(sharingLocale(instant), hasTime);
}

/**
 * The same instant, sharing one Luxon Locale with every other date of its zone. Luxon gives each DateTime made by a
 * factory (fromISO, fromObject…) a Locale of its own, about 500 bytes, while one derived from another (plus,
 * setZone) shares its source's: every process of a build holds one or two dates an article.
 */
function sharingLocale(instant: DateTime): DateTime {
  const zone = instant.zoneName ?? "";
  let epoch = zoneEpochs.get(zone);
  if (!epoch) {
    epoch = DateTime.fromMillis(0, { zone: instant.zone });
    zoneEpochs.set(zone, epoch);
  }
  return epoch.plus(instant.toMillis());
}

const zoneEpochs = new Map<string, DateTime>();

/**
 * YAML parsers with timestamp support hand us UTC Dates even for `2021-12-07 22:21`,
 * which the editor wrote as Kyiv time, so the UTC fields are read as the site wall clock.
 * UTC midnight is what an unquoted `2021-12-07` becomes, hence "date only".
 * (An unquoted value with an explicit offset loses it in such parsers; quoting avoids that.)
 */
function fromYamlDate(date: Date, zone: string): ArticleDate {
  if (Number.isNaN(date.getTime())) throw new DateParseError(date, "is an invalid Date");
  const fields: WallClock = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
  const hasTime = fields.hour + fields.minute + fields.second + fields.millisecond > 0;
  return fromWallClock(date, fields, hasTime, zone);
}

function matchWallClock(text: string): { fields: WallClock; hasTime: boolean } | undefined {
  const iso = ISO_NAIVE.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, ms] = iso;
    return clockFrom(y, mo, d, h, mi, s, ms?.padEnd(3, "0"));
  }
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const [, d, mo, y, h, mi] = dotted;
    return clockFrom(y, mo, d, h, mi);
  }
  const dateline = DATELINE.exec(text);
  if (dateline) {
    const [, d, monthName, y, h, mi] = dateline;
    const month = GENITIVE_MONTHS.indexOf(monthName!.toLowerCase()) + 1;
    return month === 0 ? undefined : clockFrom(y, String(month), d, h, mi);
  }
  return undefined;
}

function clockFrom(
  y = "", mo = "", d = "", h?: string, mi?: string, s?: string, ms?: string,
): { fields: WallClock; hasTime: boolean } {
  return {
    fields: {
      year: Number(y), month: Number(mo), day: Number(d),
      hour: Number(h ?? 0), minute: Number(mi ?? 0),
      second: Number(s ?? 0), millisecond: Number(ms ?? 0),
    },
    hasTime: h !== undefined,
  };
}

function fromWallClock(original: unknown, fields: WallClock, hasTime: boolean, zone: string): ArticleDate {
  refuseHour24(original, fields.hour);
  // Validate in UTC, where every wall-clock time exists, so "2021-02-30" or "25:00" fail
  // here rather than being confused with DST gaps below.
  const asUtc = DateTime.fromObject(fields, { zone: "utc" });
  if (!asUtc.isValid) throw new DateParseError(original, "is not a valid calendar date or time");
  const instant = DateTime.fromMillis(resolveWallClock(asUtc.toMillis(), zone), { zone });
  return withinArchiveYears(original, { instant, hasTime });
}

/**
 * Turns a wall-clock time (given as if it were UTC millis) into a real instant in `zone`.
 * Luxon's own resolution of ambiguous times depends on the offset in force *today*, so a
 * rebuild in summer and one in winter could disagree; we resolve explicitly instead:
 * - ambiguous (autumn fall-back, e.g. 2021-10-31 03:30 in Kyiv): the first occurrence,
 *   i.e. the earlier instant with the summer offset (+03:00);
 * - nonexistent (spring gap, e.g. 2021-03-28 03:30): read with the offset in force before
 *   the gap, which moves it forward by the gap length (04:30+03:00), as Luxon does.
 */
function resolveWallClock(wallMillis: number, zone: string): number {
  const tz = IANAZone.create(zone);
  const day = 24 * 60 * 60 * 1000;
  // Offsets a day either side bracket any single transition near this time.
  const before = tz.offset(wallMillis - day);
  const after = tz.offset(wallMillis + day);
  const candidates = [before, after]
    .map((offset) => wallMillis - offset * 60_000)
    .filter((ts) => ts + tz.offset(ts) * 60_000 === wallMillis);
  return candidates.length > 0 ? Math.min(...candidates) : wallMillis - before * 60_000;
}

/**
 * Every Luxon operation in a named zone asks Intl for the zone's offset again, and one article's date is formatted
 * on its page, its listings, feeds, sitemaps and search record: each text is made once per date and kept here.
 */
const formatted = new WeakMap<ArticleDate, Map<string, string>>();

function once(date: ArticleDate, key: string, make: () => string): string {
  let texts = formatted.get(date);
  if (!texts) {
    texts = new Map();
    formatted.set(date, texts);
  }
  let text = texts.get(key);
  if (text === undefined) {
    text = make();
    texts.set(key, text);
  }
  return text;
}

export function formatDateline(date: ArticleDate, locale = "uk"): string {
  // Luxon's "MMMM" is the format-context (genitive) month: "грудня", not "грудень".
  return once(date, `dateline:${locale}`, () => date.instant.setLocale(locale).toFormat(date.hasTime ? "d MMMM yyyy, HH:mm" : "d MMMM yyyy"));
}

export function formatMonthName(month: number, locale = "uk"): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Month must be 1–12, got ${month}`);
  }
  // "LLLL" is the standalone (nominative) month used in headings: "грудень".
  return DateTime.utc(2000, month, 1).setLocale(locale).toFormat("LLLL");
}

export function formatMonthHeading(year: number, month: number, locale = "uk"): string {
  return `${formatMonthName(month, locale)} ${year}`;
}

export function isoDateTime(date: ArticleDate): string {
  return date.hasTime ? isoInstant(date) : once(date, "date", () => date.instant.toISODate()!);
}

export function isoInstant(date: ArticleDate): string {
  return once(date, "instant", () => date.instant.startOf("second").toISO({ suppressMilliseconds: true })!);
}

export function calendarParts(date: ArticleDate): { year: number; month: number; day: number } {
  const { year, month, day } = date.instant;
  return { year, month, day };
}
