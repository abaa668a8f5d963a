import { SignJWT } from 'jose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config';
import { startApi } from '../../api/server';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/** Issue 11, defect 9: security headers, rate limits, a private /metrics, tokens that expire, 403s in OpenAPI. */
let api: TestApi;
let staff: string;
let operator: string;
beforeAll(async () => {
  api = await startTestApi({ checks: [] });
  staff = await api.tokenFor(await api.userWith('office-staff'));
  operator = await api.tokenFor(await api.userWith('operator'));
});
afterAll(() => api.close());

/** Another app on the same database with some settings changed. */
async function withSettings(env: Record<string, string>, run: (url: string) => Promise<void>) {
  const running = await startApi({ config: loadConfig({ PORT: '0', ...env }), db: api.db, log: pino({ level: 'silent' }) });
  try {
    await run(running.url);
  } finally {
    await running.close();
  }
}
const get = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('security headers (helmet)', () => {
  it('every answer carries them, with a CSP that allows only this origin’s scripts', async () => {
    for (const path of ['/v1/directory/units', '/docs', '/openapi.json', '/nothing']) {
      const reply = await api.call('GET', path, { token: staff });
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'self'/);
      expect(csp).not.toMatch(/upgrade-insecure-requests/); // npm start serves plain HTTP
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('the docs page loads no inline script: every script it names is served from this origin', async () => {
    const html = (await api.call('GET', '/docs')).body as string;
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toMatch(/^\/docs\//);
      expect((await api.call('GET', src!)).status).toBe(200);
    }
  });
});

describe('tokens must expire', () => {
  it('a correctly signed token without exp — 401 saying why', async () => {
    const user = await api.userWith('office-staff');
    const forever = await new SignJWT({ jurisdiction: user.jurisdiction }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuer(api.config.GOVFLOW_JWT_ISSUER).setIssuedAt().sign(new TextEncoder().encode(api.config.GOVFLOW_JWT_SECRET));
    expect(expectProblem(await api.call('GET', '/v1/directory/units', { token: forever }), 401).detail).toMatch(/no expiry/);
  });
});

describe('GET /metrics is for operators and the scraper', () => {
  it('no token — 401; a token without the operator role — 403; an operator — 200', async () => {
    expectProblem(await api.call('GET', '/metrics'), 401);
    expectProblem(await api.call('GET', '/metrics', { token: staff }), 403);
    const reply = await api.call('GET', '/metrics', { token: operator });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatch(/govflow_http_requests_total/);
  });

  it('the configured scrape token — 200; any other string — 401', async () => {
    const scrape = 's'.repeat(40);
    await withSettings({ GOVFLOW_METRICS_TOKEN: scrape }, async (url) => {
      expect((await get(`${url}/metrics`, scrape)).status).toBe(200);
      expect((await get(`${url}/metrics`, 's'.repeat(39))).status).toBe(401);
      expect((await get(`${url}/metrics`)).status).toBe(401);
    });
  });

  it('a scrape token shorter than 32 characters — refused at boot', () => {
    expect(() => loadConfig({ GOVFLOW_METRICS_TOKEN: 'short' })).toThrow(/GOVFLOW_METRICS_TOKEN/);
  });
});

describe('rate limits, per client (express-rate-limit)', () => {
  it('public endpoints — past the limit a 429 problem with Retry-After; authenticated work goes on', async () => {
    await withSettings({ GOVFLOW_RATE_LIMIT_PUBLIC: '5' }, async (url) => {
      for (let i = 0; i < 5; i++) expect((await get(`${url}/openapi.json`)).status).toBe(200);
      const refused = await get(`${url}/public/documents?jurisdiction=jinan-shizhong-2023`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { type: string }).type).toBe('urn:govflow:problem:too-many-requests');
      expect((await get(`${url}/v1/directory/units`, staff)).status).toBe(200);
    });
  });

  it('refused tokens — counted alone: valid requests never; past the limit even a valid token waits', async () => {
    await withSettings({ GOVFLOW_RATE_LIMIT_AUTH_FAILURES: '3' }, async (url) => {
      for (let i = 0; i < 10; i++) expect((await get(`${url}/v1/directory/units`, staff)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await get(`${url}/v1/directory/units`, `forged.${i}.token`)).status).toBe(401);
      const guessing = await get(`${url}/v1/directory/units`, 'forged.4.token');
      expect(guessing.status).toBe(429);
      expect(Number(guessing.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await get(`${url}/v1/directory/units`, staff)).status).toBe(429);
    });
  });

  it('the limits are settings validated at boot', () => {
    expect(loadConfig({}).GOVFLOW_RATE_LIMIT_PUBLIC).toBe(120);
    expect(loadConfig({}).GOVFLOW_RATE_LIMIT_AUTH_FAILURES).toBe(20);
    expect(() => loadConfig({ GOVFLOW_RATE_LIMIT_PUBLIC: '0' })).toThrow(/GOVFLOW_RATE_LIMIT_PUBLIC/);
  });
});

describe('OpenAPI names what the middleware answers', () => {
  it('every authenticated operation lists 401 and 403, every operation 429', async () => {
    const openapi = (await api.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>> };
    const operations = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(5);
    for (const { name, op } of operations) {
      expect(Object.keys(op.responses), name).toContain('429');
      if (op.security.length > 0) expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});
