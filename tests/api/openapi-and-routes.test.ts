import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { Conflict } from '../../api/errors';
import { buildOpenApi } from '../../api/openapi';
import { defineRoute } from '../../api/routes/define-route';
import { expectProblem, fieldsOf, startTestApi, type TestApi } from './api-harness';

/** A process-style route, added by the caller through deps.routes. */
const echoRoute = defineRoute({
  method: 'post',
  path: '/v1/echo/:id',
  summary: 'echo',
  tags: ['test'],
  auth: ['supervision-office'],
  params: z.object({ id: z.string().regex(/^\d+$/, 'digits only') }),
  query: z.object({ loud: z.stringbool().optional() }),
  body: z.object({ items: z.array(z.object({ name: z.string().min(1) })), extra: z.string().optional() }),
  responses: { 201: { description: 'echoed', schema: z.object({ id: z.string(), by: z.string(), names: z.array(z.string()) }) }, 409: { description: 'id 0 is taken' } },
  handler: async ({ params, query, body, user }) => {
    if (params.id === '0') throw new Conflict('id 0 is taken');
    const names = body.items.map((i) => (query.loud ? i.name.toUpperCase() : i.name));
    return { id: params.id, by: user.id, names };
  },
});

let api: TestApi;
let officeToken: string;

beforeAll(async () => {
  api = await startTestApi({ routes: [echoRoute] });
  officeToken = await api.tokenFor(await api.userWith('supervision-office'));
});
afterAll(() => api.close());

describe('routes added through deps.routes', () => {
  it('a valid request — reaches the handler with parsed values and gets the single declared status, 201', async () => {
    const reply = await api.call('POST', '/v1/echo/42?loud=true', { token: officeToken, body: { items: [{ name: 'a' }] } });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ id: '42', by: (await api.userWith('supervision-office')).id, names: ['A'] });
  });

  it('invalid params, query and body — one 400 naming every field path', async () => {
    const reply = await api.call('POST', '/v1/echo/x?loud=perhaps', { token: officeToken, body: { items: [{ name: 'a' }, { name: '' }], extra: 5 } });
    expect(fieldsOf(reply)).toEqual(['id', 'loud', 'items[1].name', 'extra']);
  });

  it('a body that is not JSON — is a 400 about the content type', async () => {
    const reply = await api.call('POST', '/v1/echo/1', { token: officeToken, raw: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(fieldsOf(reply)).toEqual(['(body)']);
  });

  it('a caller without the role — is 403; a typed error from the handler — its problem', async () => {
    const staff = await api.tokenFor(await api.userWith('office-staff'));
    expect(expectProblem(await api.call('POST', '/v1/echo/1', { token: staff, body: { items: [] } }), 403).detail).toMatch(/supervision-office/);
    expectProblem(await api.call('POST', '/v1/echo/0', { token: officeToken, body: { items: [] } }), 409);
  });

  it('a route declared twice — stops createApp', () => {
    expect(() => createApp({ db: api.db, config: loadConfig({}), routes: [echoRoute, echoRoute] })).toThrow(/declared twice: POST \/v1\/echo\/:id/);
  });

  it('a path parameter without a params schema — is refused at declaration', () => {
    expect(() => defineRoute({ method: 'get', path: '/v1/x/:id', summary: 'x', tags: [], auth: true, responses: {}, handler: async () => ({}) })).toThrow(/params schema for :id/);
  });

  it('an unexpected error — is a 500 problem that does not leak the message', async () => {
    const boom = defineRoute({ method: 'get', path: '/v1/boom', summary: 'boom', tags: [], auth: false, responses: { 200: { description: 'never' } }, handler: async () => { throw new Error('secret internals'); } });
    const other = await startTestApi({ routes: [boom] }, api.db);
    try {
      const reply = await other.call('GET', '/v1/boom');
      expect(expectProblem(reply, 500).detail).not.toMatch(/secret/);
      expect(JSON.stringify(reply.body)).not.toMatch(/secret internals/);
    } finally {
      await other.close();
    }
  });
});

describe('OpenAPI and docs', () => {
  it('GET /openapi.json — an OpenAPI 3.1 document with every route, {param} paths and bearer security', async () => {
    const reply = await api.call('GET', '/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/directory/units', '/v1/directory/users', '/v1/directory/absences', '/v1/calendar', '/v1/calendar/{year}', '/v1/notifications', '/v1/notifications/{id}/read', '/v1/echo/{id}']),
    );
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const put = doc.paths['/v1/calendar/{year}'].put;
    expect(put.security).toEqual([{ bearerAuth: [] }]);
    expect(put.parameters).toEqual([expect.objectContaining({ name: 'year', in: 'path', required: true })]);
    expect(put.requestBody.content['application/json'].schema.properties.daysOff.type).toBe('array');
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '500']));
    expect(put.responses['403'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    const echo = doc.paths['/v1/echo/{id}'].post;
    expect(echo.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:loud']);
    expect(echo.responses['409'].content['application/problem+json']).toBeDefined();
  });

  it('operation ids — are unique', () => {
    const doc = buildOpenApi([echoRoute]) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/v1/echo/{id}'].post.operationId).toBe('postV1EchoId');
  });

  it('GET /docs — a Swagger UI page served from the installed package, pointing at /openapi.json', async () => {
    const page = await api.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.body).toContain('/docs/assets/swagger-ui-bundle.js');
    const init = await api.call('GET', '/docs/init.js');
    expect(init.body).toContain("url: '/openapi.json'");
    const bundle = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${api.url}/docs/assets/swagger-ui.css`)).status).toBe(200);
  });
});
