import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { HolidayYear } from '../domain/calendar/holiday-table';
import { ROLES, UNIT_KINDS } from '../domain/directory';
import { JURISDICTION_IDS, type JurisdictionId } from '../domain/jurisdictions';
import type { Database, Queryable } from './database';
import { forgetDirectory } from './directory-repository';

const SEED_DATA = new URL('./seed-data/', import.meta.url);

// The seed files are edited by hand; a mistake should stop the boot with the file and field named.
const directorySchema = z.object({
  units: z.array(z.object({ id: z.string(), jurisdiction: z.enum(JURISDICTION_IDS), name: z.string(), kind: z.enum(UNIT_KINDS) })),
  users: z.array(
    z.object({
      id: z.string(),
      jurisdiction: z.enum(JURISDICTION_IDS),
      name: z.string(),
      unitId: z.string(),
      roles: z.array(z.enum(ROLES)).min(1),
      portfolio: z.array(z.string()).default([]),
      abPartnerId: z.string().optional(),
    }),
  ),
});
const holidaysSchema = z.array(
  z.object({ year: z.number().int(), version: z.number().int().min(1), daysOff: z.array(z.string()), workingWeekendDays: z.array(z.string()), source: z.string() }),
);

/**
 * Loads the seed data; safe on every boot. The sample directories are upserted (the files are the
 * truth for the sample people); a holiday year is inserted only when the database has no version
 * of it, so an operator's later correction is never overwritten.
 * @param options.holidays instead of db/seed-data/holidays.json (tests).
 * @throws if a seed file does not match its schema (the error names the file).
 */
export async function seed(db: Database, options: { holidays?: HolidayYear[] } = {}): Promise<void> {
  const holidays = options.holidays ?? readHolidays();
  await db.transaction(async (tx) => {
    for (const jurisdiction of JURISDICTION_IDS) await seedDirectory(tx, jurisdiction);
    for (const year of holidays) {
      await tx.query(
        `INSERT INTO calendar_years (year, version, days_off, working_weekend_days, source)
         SELECT $1, $2, $3::date[], $4::date[], $5 WHERE NOT EXISTS (SELECT 1 FROM calendar_years WHERE year = $1)
         ON CONFLICT (year, version) DO NOTHING`,
        [year.year, year.version, year.daysOff, year.workingWeekendDays, year.source],
      );
    }
  });
  // The sample people were rewritten: this process's API reads them afresh.
  forgetDirectory(db);
}

function readHolidays(): HolidayYear[] {
  const file = new URL('holidays.json', SEED_DATA);
  // Until the file exists the calendar starts empty: every deadline is provisional, nothing breaks.
  return existsSync(file) ? parseFile(file, holidaysSchema) : [];
}

async function seedDirectory(tx: Queryable, jurisdiction: JurisdictionId): Promise<void> {
  const { units, users } = parseFile(new URL(`directory/${jurisdiction}.json`, SEED_DATA), directorySchema);
  for (const [i, u] of units.entries()) {
    await tx.query(
      `INSERT INTO units (id, jurisdiction, name, kind, sort_order) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET jurisdiction = $2, name = $3, kind = $4, sort_order = $5`,
      [u.id, u.jurisdiction, u.name, u.kind, i],
    );
  }
  for (const [i, u] of users.entries()) {
    await tx.query(
      `INSERT INTO users (id, jurisdiction, name, unit_id, roles, portfolio, ab_partner_id, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET jurisdiction = $2, name = $3, unit_id = $4, roles = $5, portfolio = $6, ab_partner_id = $7, sort_order = $8`,
      [u.id, u.jurisdiction, u.name, u.unitId, u.roles, u.portfolio, u.abPartnerId ?? null, i],
    );
  }
}

function parseFile<S extends z.ZodType>(file: URL, schema: S): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file.pathname}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
