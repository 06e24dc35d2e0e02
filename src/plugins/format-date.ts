/**
 * The book's date as readers of its language write it ("January 5, 2026",
 * "5. Januar 2026"); a bare year stays a year, a year and month has no day.
 * Always in UTC, so the same book gives the same text on every machine.
 */
export function formatDate(date: string, lang: string): string {
  if (/^\d{4}$/.test(date)) return date;
  const parsed = new Date(/T[\d:.]+$/.test(date) ? `${date}Z` : date);
  if (Number.isNaN(parsed.getTime())) return date;
  const options: Intl.DateTimeFormatOptions = /^\d{4}-\d{2}$/.test(date)
    ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
    : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(lang, options).format(parsed);
  } catch {
    return date;
  }
}
