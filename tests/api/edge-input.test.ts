import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textProblem } from '../../api/input-guard';
import { startStack } from '../support/dev-server-stack';

/**
 * Input that used to reach the routes, the database or Temporal and come back as a 500 (issue 11,
 * defect 8) is refused at the edge: a 400 problem naming the field, and nothing created.
 */
const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;
let office: { token: string };

beforeAll(async () => {
  stack = await startStack();
  office = await stack.user(J, 'supervision-office');
});
afterAll(async () => stack?.stop());

const ticket = (over: Record<string, unknown> = {}) => ({ jurisdiction: J, title: '边界输入督办', source: 'other', responsibleUnit: 'cs.housing', complexity: 'ordinary', ...over });

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${office.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

/** A 400 problem+json naming `field`. */
function expectRefused(reply: Awaited<ReturnType<typeof send>>, field: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

/** Creates a ticket under a fresh key; returns the reply and whether a process exists under that key afterwards. */
async function createTicket(body: string, headers: Record<string, string> = {}) {
  const key = `edge-${randomUUID()}`;
  const reply = await send('POST', '/v1/supervision-tickets', body, { 'idempotency-key': key, ...headers });
  const lookup = await send('GET', `/v1/processes/${encodeURIComponent(`ticket.${J}.${key}`)}`);
  return { reply, created: lookup.status !== 404 };
}

describe('text no field may hold', () => {
  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['a bell (control character)', 'a\u0007b'],
    ['a C1 control character', 'a\u0085b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
  ])('%s in the title — 400 naming title, no process', async (_what, title) => {
    const { reply, created } = await createTicket(JSON.stringify(ticket({ title })));
    expectRefused(reply, 'title');
    expect(created).toBe(false);
  });

  it('deep inside action data — names the field path', async () => {
    const reply = await send('POST', '/v1/processes/ticket.x.y/tasks/t1/actions', JSON.stringify({ action: 'report-progress', data: { items: [{ note: 'ok' }, { note: 'bad\u0000' }] } }));
    expectRefused(reply, 'data.items[1].note');
  });

  it('in a field name — is refused too', async () => {
    const reply = await send('POST', '/v1/processes/ticket.x.y/tasks/t1/actions', JSON.stringify({ action: 'report-progress', data: { 'a\u0000': 1 } }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toMatch(/^data\.a/);
  });

  it('in the query (GET /v1/processes?type=%00) — 400 naming type', async () => {
    expectRefused(await send('GET', '/v1/processes?type=%00'), 'type');
  });

  it('ordinary Chinese text with line breaks and tabs — is accepted', async () => {
    const { reply, created } = await createTicket(JSON.stringify(ticket({ title: '关于\t老旧小区改造\n进度的督办 🏠' })));
    expect(reply.status).toBe(201);
    expect(created).toBe(true);
  });
});

describe('dates and instants', () => {
  it.each([
    ['year 0001', '0001-01-01T00:00:00Z'],
    ['year 9999', '9999-12-31T00:00:00Z'],
    ['offset +23:59', '2030-01-01T00:00:00+23:59'],
    ['offset +14:01', '2030-01-01T00:00:00+14:01'],
    ['offset -12:30', '2030-01-01T00:00:00-12:30'],
  ])('a ticket due at %s — 400 naming dueAt, no process', async (_what, dueAt) => {
    const { reply, created } = await createTicket(JSON.stringify(ticket({ complexity: undefined, dueAt })));
    expectRefused(reply, 'dueAt');
    expect(created).toBe(false);
  });

  it('an absence with an impossible offset (was a 500) — 400 naming from, nothing recorded', async () => {
    const director = await stack.user(J, 'office-director');
    const head = await stack.user(J, 'department-head');
    const before = await stack.call('GET', '/v1/directory/absences', director.token);
    const reply = await stack.call('POST', '/v1/directory/absences', director.token, { userId: head.id, from: '2030-01-01T00:00:00+23:59', to: '2030-01-05T00:00:00Z', reason: '出差' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    expect((await stack.call('GET', '/v1/directory/absences', director.token)).body.absences).toHaveLength(before.body.absences.length);
  });

  it.each(['2030-01-01T08:00:00+08:00', '2030-01-01T08:00:00+14:00', '2030-01-01T08:00:00-12:00', '2030-01-01T08:00:00+05:45', '2030-01-01', '2030-01-01T08:00:00.123Z'])(
    '%s — is a real date or instant',
    (value) => {
      expect(textProblem(value)).toBeUndefined();
    },
  );
});

describe('bodies the parser cannot use', () => {
  it('JSON nested 10,000 levels — 400 naming the first level too deep, no process', async () => {
    const { reply, created } = await createTicket('{"title":'.repeat(10_000) + '"x"' + '}'.repeat(10_000));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].reason).toMatch(/deeper than 32/);
    expect(created).toBe(false);
  });

  it('JSON nested 300,000 levels — 400, the server stays up', async () => {
    const reply = await send('POST', '/v1/supervision-tickets', '['.repeat(300_000) + ']'.repeat(300_000));
    expect(reply.status).toBe(400);
    expect((await send('GET', '/healthz')).status).toBe(200);
  });

  it.each(['gzip', 'deflate', 'br'])('a body that is not valid %s data — 400 naming Content-Encoding', async (encoding) => {
    const { reply, created } = await createTicket('{"not":"compressed"}', { 'content-encoding': encoding });
    expectRefused(reply, 'Content-Encoding');
    expect(created).toBe(false);
  });

  it('a valid gzip body — is decoded and accepted', async () => {
    const key = `edge-${randomUUID()}`;
    const res = await fetch(`${stack.api.url}/v1/supervision-tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip', 'idempotency-key': key },
      body: gzipSync(JSON.stringify(ticket())),
    });
    expect(res.status).toBe(201);
  });
});

describe('the Idempotency-Key header (it becomes part of a workflow id)', () => {
  it.each([
    ['10 KB long', 'k'.repeat(10_240)],
    ['a path', '../../x-y-z'],
    ['too short', 'abc'],
  ])('%s — 400 naming Idempotency-Key, no process', async (_what, key) => {
    const reply = await send('POST', '/v1/supervision-tickets', JSON.stringify(ticket()), { 'idempotency-key': key });
    expectRefused(reply, 'Idempotency-Key');
    if (key.length <= 100) expect((await send('GET', `/v1/processes/${encodeURIComponent(`ticket.${J}.${key}`)}`)).status).toBe(404);
  });
});
