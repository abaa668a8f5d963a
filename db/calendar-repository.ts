import type { HolidayTable, HolidayYear } from '../domain/calendar/holiday-table';
import type { Queryable } from './database';

interface CalendarRow {
  year: number;
  version: number;
  days_off: string[];
  working_weekend_days: string[];
  source: string;
}

// Dates leave as 'YYYY-MM-DD' text: pg would turn a `date` into a local-midnight Date.
const LATEST_YEARS = `
  SELECT DISTINCT ON (year) year, version, days_off::text[] AS days_off, working_weekend_days::text[] AS working_weekend_days, source
    FROM calendar_years`;

const toHolidayYear = (r: CalendarRow): HolidayYear => ({
  year: r.year,
  version: r.version,
  daysOff: r.days_off,
  workingWeekendDays: r.working_weekend_days,
  source: r.source,
});

/** The latest version of every loaded year, oldest year first. */
export async function listCalendarYears(db: Queryable): Promise<HolidayYear[]> {
  const { rows } = await db.query<CalendarRow>(`${LATEST_YEARS} ORDER BY year, version DESC`);
  return rows.map(toHolidayYear);
}

/** The latest version of every loaded year, keyed by year, as deadline maths wants it. */
export async function loadHolidayTable(db: Queryable): Promise<HolidayTable> {
  return Object.fromEntries((await listCalendarYears(db)).map((y) => [y.year, y]));
}

/** The latest version of a year; undefined when the year is not loaded (its deadlines are provisional). */
export async function getCalendarYear(db: Queryable, year: number): Promise<HolidayYear | undefined> {
  const { rows } = await db.query<CalendarRow>(`${LATEST_YEARS} WHERE year = $1 ORDER BY year, version DESC`, [year]);
  return rows[0] && toHolidayYear(rows[0]);
}

/**
 * Stores a year as its next version (1 for a new year); earlier versions stay for the record.
 * @throws a unique violation if another writer stored the same version at the same moment; retry.
 */
export async function putCalendarYear(
  db: Queryable,
  input: { year: number; daysOff: string[]; workingWeekendDays: string[]; source: string },
): Promise<HolidayYear> {
  const { rows } = await db.query<CalendarRow>(
    `INSERT INTO calendar_years (year, version, days_off, working_weekend_days, source)
     SELECT $1, coalesce(max(version), 0) + 1, $2::date[], $3::date[], $4 FROM calendar_years WHERE year = $1
     RETURNING year, version, days_off::text[] AS days_off, working_weekend_days::text[] AS working_weekend_days, source`,
    [input.year, input.daysOff, input.workingWeekendDays, input.source],
  );
  return toHolidayYear(rows[0]);
}
