import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './database';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Any fixed number; only govflow's migrations take this advisory lock. */
const MIGRATION_LOCK = 7_146_020_230;

/**
 * Applies db/migrations/*.sql in name order, each once, each in its own transaction, recorded in
 * `schema_migrations`. Safe to run on every boot and from several processes at once: a
 * transaction-scoped advisory lock makes the others wait, then they see the migration applied.
 * @returns the names of the migrations applied now.
 * @throws the database error of a failing migration (that migration is rolled back).
 */
export async function migrate(db: Database): Promise<string[]> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const name of names) {
    const sql = await readFile(new URL(name, MIGRATIONS_DIR), 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (done.rows.length > 0) return false;
      await tx.query(sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}
