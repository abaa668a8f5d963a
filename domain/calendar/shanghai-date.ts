/**
 * Calendar dates and instants in Asia/Shanghai. China has used a fixed UTC+8 with no daylight
 * saving since 1991, so a constant offset is exact for every date this project handles; no Intl or
 * time-zone database is needed (this code also runs inside the Temporal workflow sandbox).
 *
 * A date is a 'YYYY-MM-DD' string; the arithmetic runs on UTC midnights so that no local time
 * zone of the machine can shift a day.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC-midnight timestamp of a calendar date.
 * @throws RangeError if `date` is not a real 'YYYY-MM-DD' date.
 */
function toUtcMidnight(date: string): number {
  const m = DATE_RE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC silently rolls 2026-02-30 into March; reject it instead.
  if (!m || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return ms;
}

const fromUtcMidnight = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Milliseconds since the epoch of an ISO instant.
 * @throws RangeError if `iso` does not parse.
 */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${iso}`);
  return ms;
}

/** The Shanghai calendar date an instant falls on. */
export function shanghaiDateOf(iso: string): string {
  return fromUtcMidnight(instantMs(iso) + OFFSET_MS);
}

/** The instant 00:00 of `date` in Shanghai, as a UTC ISO string. */
export function shanghaiMidnight(date: string): string {
  return new Date(toUtcMidnight(date) - OFFSET_MS).toISOString();
}

/** 24:00 of `date` in Shanghai — the same instant as 00:00 of the next day. */
export function endOfShanghaiDay(date: string): string {
  return shanghaiMidnight(addDays(date, 1));
}

export function addDays(date: string, n: number): string {
  return fromUtcMidnight(toUtcMidnight(date) + n * DAY_MS);
}

/** The corresponding day n months later; past the month's end it is the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const d = new Date(toUtcMidnight(date));
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
  const f = new Date(first);
  const lastDay = new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcMidnight(first + (Math.min(d.getUTCDate(), lastDay) - 1) * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * Shanghai wall-clock text, 'YYYY-MM-DD HH:mm'. An instant at exactly midnight is written as 24:00
 * of the day before, because that is how a deadline is stated (截至某日24时).
 */
export function formatShanghai(iso: string): string {
  const local = new Date(instantMs(iso) + OFFSET_MS).toISOString();
  const date = local.slice(0, 10);
  const time = local.slice(11, 16);
  if (local.slice(11, 23) === '00:00:00.000') return `${addDays(date, -1)} 24:00`;
  return `${date} ${time}`;
}

/** The same instant as a Chinese office writes it: '2026年11月24日 17:00' (midnight as 24:00 of the day before). */
export function formatShanghaiChinese(iso: string): string {
  const [date, time] = formatShanghai(iso).split(' ');
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日 ${time}`;
}
