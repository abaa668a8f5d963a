import { inject } from 'vitest';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { createTestDatabase } from './postgres-server';

/** Which database this vitest project runs on: `postgres` (the run's real server) or the embedded PGlite. */
export const TEST_DATABASE: 'pglite' | 'postgres' = process.env.GOVFLOW_TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

/**
 * An empty database of this project's kind: an in-memory PGlite, or a new database on the run's
 * PostgreSQL server reached through a connection pool (dropped again on close).
 */
export async function openTestDatabase(): Promise<Database> {
  if (TEST_DATABASE === 'pglite') return openDatabase({ dataDir: 'memory://' });
  const created = await createTestDatabase(inject('postgresAdminUrl'));
  const db = await openDatabase({ url: created.url });
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}
