import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import type { HolidayYear } from '../../domain/calendar/holiday-table';
import { openTestDatabase } from '../support/test-database';

/** A slice of the 2026 notice (国办发明电〔2025〕7号), enough to tell seeding apart from operator edits. */
export const HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  version: 1,
  daysOff: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workingWeekendDays: ['2026-01-04', '2026-09-20', '2026-10-10'],
  source: '国办发明电〔2025〕7号',
};

/** An in-memory PGlite, migrated and seeded with the sample directories and the inline calendar. */
export async function freshDatabase(): Promise<Database> {
  const db = await openTestDatabase();
  await migrate(db);
  await seed(db, { holidays: [HOLIDAYS_2026] });
  return db;
}
