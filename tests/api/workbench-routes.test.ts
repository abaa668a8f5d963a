import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { issueToken } from '../../api/auth';
import { DEV_JWT_SECRET, loadConfig } from '../../api/config';
import { documentRoutes } from '../../api/processes/document-routes';
import type { ProcessGateway } from '../../api/processes/process-gateway';
import { ticketRoutes } from '../../api/processes/ticket-routes';
import { devIssuerEnabled, workbenchStatic } from '../../api/routes/workbench-routes';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';

const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-characters';
let db: Database;
const servers: Server[] = [];

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await db?.close();
});

/** The app as `npm start` builds it for an environment; the start routes are declared but never reach Temporal here. */
async function serve(env: Record<string, string>) {
  const config = loadConfig(env);
  const processes = undefined as unknown as ProcessGateway; // only the route declarations are read
  const app = createApp({ db, config, log: pino({ level: 'silent' }), routes: [...ticketRoutes({ db, processes }), ...documentRoutes({ db, processes })] });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (userId: string, jurisdiction: string) => issueToken({ userId, jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
  return { url, token };
}

describe('the workbench routes', () => {
  it('dev issuer — on a development server — lists the sample people and signs a token that the API accepts', async () => {
    const { url } = await serve({});
    const people = (await (await fetch(`${url}/v1/dev/users`)).json()) as any;
    const chaoyang = people.jurisdictions.find((j: { id: string }) => j.id === 'chaoyang-shuangta-2022');
    expect(chaoyang.name).toMatch(/人民政府$/);
    expect(chaoyang.users).toContainEqual({ id: 'cs.finance.head', name: '冯洋', unitName: '区财政局', roles: ['department-head'] });

    const issued = await fetch(`${url}/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'cs.finance.head' }) });
    expect(issued.status).toBe(200);
    const { token } = (await issued.json()) as { token: string };
    const me = (await (await fetch(`${url}/v1/workbench/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
    expect(me.user).toMatchObject({ id: 'cs.finance.head', name: '冯洋', unitName: '区财政局', jurisdiction: 'chaoyang-shuangta-2022' });

    const unknown = await fetch(`${url}/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'nobody' }) });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('dev issuer — in production, or with a secret of its own — does not exist', async () => {
    expect(devIssuerEnabled({ NODE_ENV: 'production', GOVFLOW_JWT_SECRET: PRODUCTION_SECRET, GOVFLOW_JWT_ISSUER: 'x' })).toBe(false);
    expect(devIssuerEnabled({ GOVFLOW_JWT_SECRET: PRODUCTION_SECRET, GOVFLOW_JWT_ISSUER: 'x' })).toBe(false);
    expect(devIssuerEnabled({ GOVFLOW_JWT_SECRET: DEV_JWT_SECRET, GOVFLOW_JWT_ISSUER: 'x' })).toBe(true);
    // Production also refuses the development payload key (api/config.ts): give it one of its own.
    const productionKeys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    for (const env of [{ NODE_ENV: 'production', GOVFLOW_JWT_SECRET: PRODUCTION_SECRET, GOVFLOW_PAYLOAD_KEYS: productionKeys }, { GOVFLOW_JWT_SECRET: PRODUCTION_SECRET }] as Record<string, string>[]) {
      const { url, token } = await serve(env);
      expect((await fetch(`${url}/v1/dev/users`)).status).toBe(404);
      expect((await fetch(`${url}/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"cs.chief"}' })).status).toBe(404);
      // A bearer token from the government's own issuer still signs in.
      const me = await fetch(`${url}/v1/workbench/me`, { headers: { authorization: `Bearer ${await token('cs.chief', 'chaoyang-shuangta-2022')}` } });
      expect(me.status).toBe(200);
    }
  });

  it('GET /v1/workbench/me — offers the start forms the roles allow, each with the JSON Schema of its route body', async () => {
    const { url, token } = await serve({});
    const meOf = async (userId: string): Promise<any> => (await fetch(`${url}/v1/workbench/me`, { headers: { authorization: `Bearer ${await token(userId, 'chaoyang-shuangta-2022')}` } })).json();
    const office = await meOf('cs.supervision.director');
    expect(office.startForms.map((f: { kind: string }) => f.kind)).toEqual(['ticket']);
    const ticket = office.startForms[0];
    expect(ticket).toMatchObject({ path: '/v1/supervision-tickets', label: '督查督办事项' });
    expect(ticket.schema.properties.title).toMatchObject({ type: 'string', maxLength: 200 });
    expect(ticket.schema.required).toEqual(expect.arrayContaining(['jurisdiction', 'title', 'source', 'responsibleUnit']));
    const staff = await meOf('cs.finance.staff');
    expect(staff.startForms.map((f: { kind: string }) => f.kind)).toEqual(['document']);
    expect((await fetch(`${url}/v1/workbench/me`)).status).toBe(401);
  });

  it('GET / — serves the built workbench: its page, its own script and stylesheet, nothing from elsewhere', async () => {
    const { url } = await serve({});
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/assets\//); // no CDN, no other host
      const res = await fetch(`${url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(res.headers.get('content-encoding')).toBe('gzip');
    }
    // The API keeps its own answers: an unknown API path is still a problem, not the page.
    expect((await fetch(`${url}/v1/nothing-here`)).headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('GET / — without a build — says how to build the workbench', async () => {
    const app = express().use(workbenchStatic('/nonexistent/dist/'));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:web');
  });
});
