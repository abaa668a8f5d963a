import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/**
 * 000:64 区政府领导同志接到…径送审批的公文,不宜先作批示,应交由区政府办公室按程序处理: a leader handed a request registers it
 * through the API; it goes to the office's registration, never to the leader's instruction first.
 */
const J = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('a request handed to a leader directly, over HTTP', () => {
  it('000:64 — the vice chief passes it to the office: 201, the office registers it, the audit names the leader and 000:64', async () => {
    const wang = await stack.userById('js.vice-chief-wang');
    const body = {
      jurisdiction: J, fromUnit: 'js.housing', signedBy: 'js.housing.head', subject: '关于老旧小区加装电梯补助资金的请示', matters: ['拨付补助资金'],
      contactPerson: '王敏', contactPhone: '0531-86080000', addressees: ['government'],
    };
    const created = await stack.call('POST', '/v1/incoming-requests', wang.token, body, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(created.status).toBe(201);
    stack.track(created.body.id);
    const id = encodeURIComponent(created.body.id);
    const office = await stack.user(J, 'office-staff');
    const state = await stack.eventually(() => stack.call('GET', `/v1/processes/${id}`, office.token), (r) => r.status === 200 && r.body.openTasks?.length > 0);
    expect(state.body.details.receivedDirectlyBy).toBe(wang.id);
    expect(state.body.openTasks.map((t: { step: string }) => t.step)).toEqual(['request.registration']);
    const audit = await stack.call('GET', `/v1/processes/${id}/audit`, office.token);
    const entries = (audit.body.entries ?? audit.body) as { action: string; actorId: string; rule?: string }[];
    expect(entries.find((e) => e.action === 'passed-to-office')).toMatchObject({ actorId: wang.id, rule: '000:64' });
  });
});
