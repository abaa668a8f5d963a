import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

let stack: Awaited<ReturnType<typeof startStack>>;
beforeAll(async () => {
  stack = await startStack({ GOVFLOW_ABSENCE_SWEEP_SECONDS: '1' });
});
afterAll(async () => stack?.stop());

const ZD = 'zibo-zhangdian-2022' as const; // 003:9 has the stand-in (补位) system
type Holder = { userId: string; onBehalfOf?: string };

/**
 * Issue 10 (leave): a task never stays with a person known to be absent. An absence recorded ahead
 * of time moves nothing while the person is still there; when it begins — with nothing else
 * happening to the process — the task goes to the named stand-in (003:9), found by the API's look
 * for absences that have begun (GOVFLOW_ABSENCE_SWEEP_SECONDS, 1 s here).
 */
describe('an absence recorded ahead of time — its holder’s tasks move when it begins', () => {
  it('a trip starting in a few seconds: the ticket stays with the head until then, then goes to the stand-in on the head’s behalf', async () => {
    const office = await stack.user(ZD, 'supervision-office');
    const head = await stack.user(ZD, 'department-head', 'zd.housing');
    const staff = await stack.user(ZD, 'department-staff', 'zd.housing');
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: ZD, title: '汛期隐患排查督办', source: 'leader-instruction', responsibleUnit: 'zd.housing', dueAt: new Date(Date.now() + 20 * 86_400_000).toISOString() });
    expect(created.status).toBe(201);
    const url = `/v1/processes/${encodeURIComponent(created.body.id)}`;
    const holders = (r: { body: { openTasks: { assignees: Holder[] }[] } }) => JSON.stringify(r.body.openTasks[0]?.assignees ?? []);
    const before = JSON.stringify([{ userId: head.id }, { userId: staff.id }]);
    await stack.waitFor('the holders before the absence begins', () => stack.call('GET', url, office.token), (r) => holders(r) === before);

    const startsIn = 4_000;
    const from = new Date(Date.now() + startsIn).toISOString();
    const recorded = await stack.call('POST', '/v1/directory/absences', head.token, { userId: head.id, from, to: new Date(Date.now() + 2 * 86_400_000).toISOString(), standInUserId: staff.id, reason: '赴市里学习' });
    expect(recorded.status).toBe(201);
    // Still there: the task stays with the head (asked again right after recording, before the start).
    const meanwhile = await stack.call('GET', url, office.token);
    if (Date.now() < Date.parse(from)) expect(holders(meanwhile)).toBe(before);

    const moved = await stack.eventually(() => stack.call('GET', url, office.token), (r) => holders(r) === JSON.stringify([{ userId: staff.id, onBehalfOf: head.id }]));
    expect(holders(moved)).toBe(JSON.stringify([{ userId: staff.id, onBehalfOf: head.id }]));
    const audit = await stack.call('GET', `${url}/audit`, office.token);
    const reassigned = (audit.body.entries as { action: string; at: string; detail: string }[]).filter((e) => e.action === 'reassigned');
    expect(reassigned).toEqual([expect.objectContaining({ detail: `${staff.id} on behalf of ${head.id} (${head.id} absent: 赴市里学习)` })]);
    expect(Date.parse(reassigned[0].at)).toBeGreaterThanOrEqual(Date.parse(from));
    await stack.client.workflow.getHandle(created.body.id).terminate('test done');
  });
});
