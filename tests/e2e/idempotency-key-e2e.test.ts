import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/** Issue 10, defect: re-using an Idempotency-Key with a different body silently returned the earlier process. */
const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('Idempotency-Key on a create', () => {
  it('an identical retry gets the same process (200); the same key with another body is refused (422, naming the key) and starts nothing', async () => {
    const office = await stack.user(J, 'supervision-office');
    const key = `e2e-${randomUUID()}`;
    const body = { jurisdiction: J, title: '营商环境投诉办理督办', source: 'platform-message', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': key });
    expect(created.status).toBe(201);
    const retried = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': key });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(created.body.id);

    const other = await stack.call('POST', '/v1/supervision-tickets', office.token, { ...body, title: '另一件督办事项' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(other.body.errors).toContainEqual(expect.objectContaining({ field: 'Idempotency-Key' }));
    // Nothing changed: the process is still the first request's.
    const state = await stack.call('GET', `/v1/processes/${encodeURIComponent(created.body.id)}`, office.token);
    expect(state.body.title ?? state.body.summary?.title).toBe('营商环境投诉办理督办');
  });
});
