import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, type AppDeps } from '../../api/app';
import { issueToken } from '../../api/auth';
import { loadConfig } from '../../api/config';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { findUsers } from '../../db/directory-repository';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import type { Role, User } from '../../domain/directory';
import type { JurisdictionId } from '../../domain/jurisdictions';

export const JURISDICTION: JurisdictionId = 'jinan-shizhong-2023';

export interface Reply {
  status: number;
  headers: Headers;
  contentType: string;
  body: any; // parsed JSON when the response is JSON, else the text
}

/**
 * The real app on a real socket (port 0) over an in-memory PGlite with the sample directory:
 * tests speak HTTP to it exactly as a client would. Pass `sharedDb` (another harness's) to skip
 * the few seconds of booting a database; it is then left open on close.
 */
export async function startTestApi(extra: Partial<Omit<AppDeps, 'db' | 'config'>> = {}, sharedDb?: Database) {
  // Tests call from one address far faster than people do: rate limits are tested on their own (hardening.test.ts).
  const config = loadConfig({ GOVFLOW_RATE_LIMIT_PUBLIC: '1000000', GOVFLOW_RATE_LIMIT_AUTH_FAILURES: '1000000' });
  const db: Database = sharedDb ?? (await openDatabase({ dataDir: 'memory://' }));
  if (!sharedDb) {
    await migrate(db);
    await seed(db);
  }
  const app = createApp({ db, config, log: pino({ level: 'silent' }), ...extra });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function userWith(role: Role, jurisdiction: JurisdictionId = JURISDICTION): Promise<User> {
    const [user] = await findUsers(db, { jurisdiction, role });
    if (!user) throw new Error(`no ${role} in ${jurisdiction}`);
    return user;
  }

  const tokenFor = (user: User) => issueToken({ userId: user.id, jurisdiction: user.jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });

  /** One request; `body` is sent as JSON unless `raw` (sent as is) is given. */
  async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, body });
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    return { status: res.status, headers: res.headers, contentType, body: /json/.test(contentType) && text ? JSON.parse(text) : text };
  }

  return {
    url,
    db,
    config,
    userWith,
    tokenFor,
    call,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      if (!sharedDb) await db.close();
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;

/** Asserts the RFC 9457 shape and returns the problem. */
export function expectProblem(reply: Reply, status: number) {
  if (reply.status !== status || !reply.contentType.startsWith('application/problem+json'))
    throw new Error(`expected a ${status} problem, got ${reply.status} ${reply.contentType}: ${JSON.stringify(reply.body)}`);
  const p = reply.body as { type: string; title: string; status: number; detail: string; instance: string; errors?: { field: string; reason: string }[] };
  for (const key of ['type', 'title', 'detail', 'instance'] as const) if (typeof p[key] !== 'string') throw new Error(`problem without ${key}: ${JSON.stringify(p)}`);
  if (p.status !== status) throw new Error(`problem status ${p.status} != ${status}`);
  return p;
}

/** The fields a 400 problem names. */
export const fieldsOf = (reply: Reply) => (expectProblem(reply, 400).errors ?? []).map((e) => e.field);
