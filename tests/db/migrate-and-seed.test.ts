import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getCalendarYear, putCalendarYear } from '../../db/calendar-repository';
import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { HOLIDAYS_2026, useMigratedDatabase } from './fresh-database';
import { openTestDatabase } from '../support/test-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened), { seeded: true });

/** Every migration file in the repo, in the order migrate applies them. */
const MIGRATIONS = readdirSync(fileURLToPath(new URL('../../db/migrations', import.meta.url))).filter((f) => f.endsWith('.sql')).sort();

const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

describe('migrations', () => {
  it('migrate — run again — applies nothing and records each migration once', async () => {
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(MIGRATIONS[0]).toBe('001_init.sql');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS);
  });

  it('migrate — two runs at once on a fresh database — both succeed, one applies', async () => {
    const fresh = await openTestDatabase();
    const [a, b] = await Promise.all([migrate(fresh), migrate(fresh)]);
    expect([...a, ...b].sort()).toEqual(MIGRATIONS);
    await fresh.close();
  });

  it('timestamptz — comes back as an ISO instant string', async () => {
    const { rows } = await db.query<{ t: unknown }>(`SELECT '2026-10-01 08:00:00+08'::timestamptz AS t`);
    expect(rows[0].t).toBe('2026-10-01T00:00:00.000Z');
  });

  it('timestamptz — in a session whose TimeZone is Asia/Shanghai — is still an ISO instant in UTC', async () => {
    const t = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL TimeZone = 'Asia/Shanghai'`);
      return (await tx.query<{ t: unknown }>(`SELECT '2026-10-01 00:00:00.250Z'::timestamptz AS t`)).rows[0].t;
    });
    expect(t).toBe('2026-10-01T00:00:00.250Z');
  });
});

describe('seed', () => {
  it('seed — run again — changes no counts', async () => {
    const before = [await count('units'), await count('users'), await count('calendar_years')];
    await seed(db, { holidays: [HOLIDAYS_2026] });
    expect([await count('units'), await count('users'), await count('calendar_years')]).toEqual(before);
    expect(before[0]).toBeGreaterThanOrEqual(5 * 9);
  });

  it('seed — after an operator loaded a newer version of a year — keeps the operator’s version', async () => {
    const corrected = await putCalendarYear(db, { ...HOLIDAYS_2026, daysOff: [...HOLIDAYS_2026.daysOff, '2026-10-08'], source: 'operator correction' });
    expect(corrected.version).toBe(2);
    await seed(db, { holidays: [HOLIDAYS_2026] });
    expect(await getCalendarYear(db, 2026)).toEqual(corrected);
  });

  it('seed without options — loads the holiday years of db/seed-data/holidays.json', async () => {
    const fresh = await openTestDatabase();
    await migrate(fresh);
    await seed(fresh);
    const years = (await fresh.query<{ year: number }>('SELECT year FROM calendar_years ORDER BY year')).rows.map((r) => r.year);
    expect(years).toEqual(expect.arrayContaining([2025, 2026]));
    await fresh.close();
  });

  it('seed — a year the database lacks — is inserted as given', async () => {
    const y2027 = { year: 2027, version: 1, daysOff: ['2027-01-01'], workingWeekendDays: [], source: 'test' };
    await seed(db, { holidays: [HOLIDAYS_2026, y2027] });
    expect(await getCalendarYear(db, 2027)).toEqual(y2027);
  });
});
