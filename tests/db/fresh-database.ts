import { afterAll, beforeAll } from 'vitest';
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

/**
 * The test file's database, opened before its first test and closed after its last (vitest
 * beforeAll/afterAll): of the project's kind (tests/support/test-database.ts: an in-memory PGlite,
 * or a new database on the run's PostgreSQL server for the `postgres` project), migrated, and with
 * `seeded` also seeded with the sample directories and the inline calendar (HOLIDAYS_2026).
 * `use` is handed it before the first test, inside the same hook.
 */
export function useMigratedDatabase(use: (db: Database) => unknown, options: { seeded?: boolean } = {}): void {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db);
    if (options.seeded) await seed(db, { holidays: [HOLIDAYS_2026] });
    await use(db);
  });
  afterAll(() => db?.close());
}
