// Calendar dates for the reports core. "Today" depends on where the district is: at 07:00 in
// Shanghai it is still yesterday in UTC, so dates are compared in the district's time zone.
import type { IsoDate } from '../facilities/model.ts';

/**
 * The time zone of the first district, Shanghai: China Standard Time (UTC+8, no daylight saving
 * since 1991). Callers for a district elsewhere pass its IANA zone.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLISECONDS_PER_DAY = 24 * 60 * 60 * 1000;

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is not one). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Building a formatter costs far more than using one; status and patrol code asks for thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of instant `now` in `timeZone` (an IANA name such as "Asia/Shanghai"); throws RangeError for an unknown zone. */
export function localDate(now: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MILLISECONDS_PER_DAY);
}
