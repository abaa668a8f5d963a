import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { issueToken } from '../../api/auth';
import { loadConfig } from '../../api/config';
import { startApi } from '../../api/server';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await startTestApi({ checks: [] });
  token = await api.tokenFor(await api.userWith('office-staff'));
});
afterAll(() => api.close());

describe('authentication', () => {
  it('a request without a token — is refused with a 401 problem and a Bearer challenge', async () => {
    const reply = await api.call('GET', '/v1/directory/units');
    expect(expectProblem(reply, 401).type).toBe('urn:govflow:problem:unauthorized');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('a garbage token — is refused with 401', async () => {
    expectProblem(await api.call('GET', '/v1/directory/units', { token: 'not.a.jwt' }), 401);
  });

  it('a token signed with another secret — is refused with 401 naming the signature', async () => {
    const forged = await issueToken({ userId: 'js.chief', jurisdiction: 'jinan-shizhong-2023', secret: 'y'.repeat(40), issuer: api.config.GOVFLOW_JWT_ISSUER });
    expect(expectProblem(await api.call('GET', '/v1/directory/units', { token: forged }), 401).detail).toMatch(/signature/);
  });

  it('an expired token — is refused with 401 saying it expired', async () => {
    const user = await api.userWith('office-staff');
    const expired = await issueToken({ userId: user.id, jurisdiction: user.jurisdiction, secret: api.config.GOVFLOW_JWT_SECRET, issuer: api.config.GOVFLOW_JWT_ISSUER, expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect(expectProblem(await api.call('GET', '/v1/directory/units', { token: expired }), 401).detail).toMatch(/expired/);
  });

  it('a token from another issuer — is refused with 401', async () => {
    const user = await api.userWith('office-staff');
    const other = await issueToken({ userId: user.id, jurisdiction: user.jurisdiction, secret: api.config.GOVFLOW_JWT_SECRET, issuer: 'someone-else' });
    expectProblem(await api.call('GET', '/v1/directory/units', { token: other }), 401);
  });

  it('an unsigned (alg none) token — is refused with 401', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'js.chief', iss: api.config.GOVFLOW_JWT_ISSUER })).toString('base64url')}.`;
    expectProblem(await api.call('GET', '/v1/directory/units', { token: unsigned }), 401);
  });

  it('a valid token for a user not in the directory — is refused with 401', async () => {
    const ghost = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('nobody.here').setIssuer(api.config.GOVFLOW_JWT_ISSUER).setExpirationTime('1h').sign(new TextEncoder().encode(api.config.GOVFLOW_JWT_SECRET));
    expect(expectProblem(await api.call('GET', '/v1/directory/units', { token: ghost }), 401).detail).toMatch(/nobody\.here/);
  });

  it('a valid token — is accepted', async () => {
    expect((await api.call('GET', '/v1/directory/units', { token })).status).toBe(200);
  });
});

describe('platform endpoints', () => {
  it('GET /healthz — needs no token and answers ok', async () => {
    const reply = await api.call('GET', '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz — checks the database and answers ready', async () => {
    const reply = await api.call('GET', '/readyz');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
  });

  it('GET /readyz — with a failing extra check — answers 503 naming it', async () => {
    const other = await startTestApi({
      checks: [
        async function temporal() {
          throw new Error('connection refused');
        },
      ],
    }, api.db);
    try {
      const reply = await other.call('GET', '/readyz');
      expect(reply.status).toBe(503);
      expect(reply.body.checks).toEqual({ database: 'ok', temporal: 'failing' });
    } finally {
      await other.close();
    }
  });

  it('GET /readyz — with a check that never answers — gives up after the timeout with 503', async () => {
    const other = await startTestApi({ checks: [() => new Promise(() => {})] }, api.db);
    try {
      const started = Date.now();
      const reply = await other.call('GET', '/readyz');
      expect(reply.status).toBe(503);
      expect(reply.body.checks).toEqual({ database: 'ok', check1: 'failing' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await other.close();
    }
  });

  it('startApi — listens on the configured port (0: any) and closes cleanly, leaving the database open', async () => {
    const running = await startApi({ config: loadConfig({ PORT: '0' }), db: api.db, log: pino({ level: 'silent' }) });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    await running.close();
    await expect(api.db.query('select 1')).resolves.toBeDefined();
  });

  it('startApi with a Temporal client — also serves the process routes (api/processes)', async () => {
    // Lazy: nothing dials Temporal until a process route or /readyz needs it.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const running = await startApi({ config: loadConfig({ PORT: '0' }), db: api.db, client: new Client({ connection }), log: pino({ level: 'silent' }) });
    try {
      const paths = Object.keys(((await (await fetch(`${running.url}/openapi.json`)).json()) as { paths: object }).paths);
      expect(paths).toEqual(expect.arrayContaining(['/v1/supervision-tickets', '/v1/calendar/{year}']));
      expect(paths.some((p) => p.startsWith('/v1/processes/{id}'))).toBe(true);
    } finally {
      await running.close();
      await connection.close();
    }
  });

  it('an unknown path — is a 404 problem', async () => {
    const p = expectProblem(await api.call('GET', '/v1/nothing-here', { token }), 404);
    expect(p.instance).toBe('/v1/nothing-here');
  });

  it('a malformed JSON body — is a 400 problem about the body', async () => {
    const operator = await api.tokenFor(await api.userWith('operator'));
    const p = expectProblem(await api.call('PUT', '/v1/calendar/2027', { token: operator, raw: '{"daysOff": [' }), 400);
    expect(p.detail).toMatch(/not valid JSON/);
    expect(p.errors?.[0].field).toBe('(body)');
  });

  it('a request id — is echoed back, and generated when absent', async () => {
    expect((await api.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
    expect((await api.call('GET', '/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /metrics (an operator) — counts requests by route pattern and status, and reports uptime', async () => {
    await api.call('GET', '/v1/calendar/2026', { token });
    const reply = await api.call('GET', '/metrics', { token: await api.tokenFor(await api.userWith('operator')) });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^text\/plain/);
    expect(reply.body).toMatch(/govflow_http_requests_total\{method="GET",route="\/v1\/calendar\/:year",status="\d{3}"\} \d+$/m);
    expect(reply.body).not.toContain('/v1/calendar/2026'); // the pattern, not the URL
    expect(reply.body).toMatch(/govflow_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(reply.body).toMatch(/^process_uptime_seconds \d+(\.\d+)?$/m);
  });
});
