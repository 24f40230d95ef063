/**
 * "Now" for everything a build writes (the news sitemap's window, a feed's `updated`, the future-date warning).
 * SOURCE_DATE_EPOCH is the reproducible-builds convention: set, it makes two builds of the same sources identical.
 */
export function buildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH?.trim();
  if (!epoch) return new Date();
  if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got ${JSON.stringify(epoch)}`);
  return new Date(Number(epoch) * 1000);
}
