import { describe, expect, it } from 'vitest';
import { getCalendarYear, listCalendarYears, loadHolidayTable, putCalendarYear } from '../../db/calendar-repository';
import type { Database } from '../../db/database';
import { HOLIDAYS_2026, useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened), { seeded: true });

const y2030 = { year: 2030, daysOff: ['2030-01-01', '2030-10-01'], workingWeekendDays: ['2030-09-29'], source: '国办发明电〔2029〕1号' };

describe('calendar versions', () => {
  it('a year not loaded — is undefined', async () => {
    expect(await getCalendarYear(db, 2031)).toBeUndefined();
  });

  it('the seeded year — reads back with its dates as YYYY-MM-DD strings', async () => {
    expect(await getCalendarYear(db, 2026)).toEqual(HOLIDAYS_2026);
  });

  it('putCalendarYear twice — makes versions 1 and 2; the latest wins everywhere; both are kept', async () => {
    expect((await putCalendarYear(db, y2030)).version).toBe(1);
    const v2 = await putCalendarYear(db, { ...y2030, daysOff: [...y2030.daysOff, '2030-10-02'] });
    expect(v2).toEqual({ ...y2030, version: 2, daysOff: ['2030-01-01', '2030-10-01', '2030-10-02'] });
    expect(await getCalendarYear(db, 2030)).toEqual(v2);
    expect((await loadHolidayTable(db))[2030]).toEqual(v2);
    expect((await listCalendarYears(db)).filter((y) => y.year === 2030)).toEqual([v2]);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM calendar_years WHERE year = 2030 ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('loadHolidayTable — is keyed by year', async () => {
    const table = await loadHolidayTable(db);
    expect(Object.keys(table).map(Number)).toEqual(expect.arrayContaining([2026, 2030]));
    expect(table[2026].workingWeekendDays).toContain('2026-10-10');
  });

  it('an impossible date — is refused by the database', async () => {
    await expect(putCalendarYear(db, { ...y2030, year: 2032, daysOff: ['2032-02-30'] })).rejects.toThrow();
    expect(await getCalendarYear(db, 2032)).toBeUndefined();
  });
});
