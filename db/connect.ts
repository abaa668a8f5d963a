import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database, Queryable } from './database';

const TIMESTAMPTZ = 1184;

/**
 * PostgreSQL prints timestamptz as '2026-01-01 08:00:00.123+08' (in the session's TimeZone);
 * repositories hand out ISO instants in UTC, so both drivers parse it here instead of into Dates.
 */
export function isoInstant(text: string): string {
  return new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

/**
 * Opens the server at `url` (DATABASE_URL) or else the embedded PGlite at `dataDir`
 * (a directory such as '.data/pglite', or 'memory://' for tests).
 *
 * Like pg's simple protocol, a query without parameters may hold several statements (migrations).
 * @throws if the server cannot be reached or the data directory cannot be opened.
 */
export async function openDatabase(opts: { url?: string; dataDir?: string }): Promise<Database> {
  if (opts.url) return openPool(opts.url);
  if (!opts.dataDir) throw new Error('openDatabase needs a url (DATABASE_URL) or a dataDir');
  return openPglite(opts.dataDir);
}

function openPool(url: string): Database {
  const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ ? isoInstant : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  // Parsers per pool, not pg.types.setTypeParser: that would change every pg client in the process.
  const pool = new pg.Pool({ connectionString: url, types: { getTypeParser } });
  // An idle connection the server closes (restart, failover, admin command) is dropped from the
  // pool and the next query opens a new one; without a listener the event would end the process.
  pool.on('error', () => undefined);
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = (await client.query(sql, params)) as unknown as pg.QueryResult | pg.QueryResult[];
      // Several statements give one result each; the last one is the answer.
      return { rows: (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as T[] };
    },
  });
  return {
    ...on(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined); // the original error matters more
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

type PgliteSession = Pick<PGlite, 'query' | 'exec'>;

async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir, { parsers: { [pgliteTypes.TIMESTAMPTZ]: isoInstant } });
  // PGlite's query() takes one statement only; exec() takes a script, as pg does without parameters.
  const on = (session: PgliteSession): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      if (params?.length) return { rows: (await session.query<T>(sql, params)).rows };
      return { rows: ((await session.exec(sql)).at(-1)?.rows ?? []) as T[] };
    },
  });
  return {
    ...on(db),
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
    close: () => db.close(),
  };
}
