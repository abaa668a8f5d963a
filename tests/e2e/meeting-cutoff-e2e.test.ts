import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 10, defect: GET /v1/meetings/schedule proposed dates whose agenda cut-off had passed, and
 * POST /v1/meetings accepted such a meeting without a word.
 */
const JS = 'jinan-shizhong-2023' as const; // 000:50, five working days
const DAY = 86_400_000;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('standing meetings and their agenda cut-off', () => {
  it('the schedule proposes only dates whose cut-off is still to come', async () => {
    const anyone = await stack.user(JS, 'office-staff');
    const reply = await stack.call('GET', `/v1/meetings/schedule?jurisdiction=${JS}&count=4`, anyone.token);
    expect(reply.status).toBe(200);
    expect(reply.body.meetings).toHaveLength(4);
    for (const m of reply.body.meetings) expect(Date.parse(m.cutoffAt)).toBeGreaterThan(Date.now());
  });

  it('a meeting convened after its cut-off (000:50) is accepted with a warning saying so; one in time has none', async () => {
    const office = await stack.user(JS, 'office-director');
    const late = await stack.call('POST', '/v1/meetings', office.token, { jurisdiction: JS, startsAt: new Date(Date.now() + 2 * DAY).toISOString() }, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(late.status).toBe(201);
    stack.track(late.body.id);
    expect(Date.parse(late.body.cutoffAt)).toBeLessThan(Date.now());
    expect(late.body.warnings).toEqual([expect.stringMatching(/^议题截止时间\d{4}年\d{1,2}月\d{1,2}日 24:00（会前5个工作日，000:50）已过/)]);
    const inTime = await stack.call('POST', '/v1/meetings', office.token, { jurisdiction: JS, startsAt: new Date(Date.now() + 20 * DAY).toISOString() }, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(inTime.status).toBe(201);
    stack.track(inTime.body.id);
    expect(inTime.body.warnings).toEqual([]);
  });
});
