import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

interface Acted {
  processId: string;
  taskId: string;
  step: string;
  stepLabel: string;
  action: string;
  actionLabel: string;
  actorId: string;
  onBehalfOf?: string;
  processStatus: string;
}

describe('已办 over HTTP: GET /v1/tasks/done from the read model', () => {
  it('a delegate’s completion report is in the 已办 of the delegate and of the head it was done for, the close-out in the office’s; labels from the declarations; paging by cursor', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    // The finance staff hold the task with their head already: the head hands it to someone outside the unit.
    const staff = await stack.userById('cs.housing.staff');
    const title = `已办督办-${randomUUID().slice(0, 8)}`;
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title, source: 'other', responsibleUnit: 'cs.finance', complexity: 'ordinary' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const task = async (token: string) => {
      const inbox = await stack.eventually(() => stack.call('GET', `/v1/tasks?q=${encodeURIComponent(title)}`, token), (r) => r.body.items.length > 0, 30_000);
      return inbox.body.items[0] as { actionsUrl: string };
    };
    const t1 = await task(head.token);
    expect((await stack.call('POST', t1.actionsUrl, head.token, { action: 'delegate', data: { toUserId: staff.id } })).status).toBe(200);
    // Nothing decided yet: a delegation hands the task on, it does not decide it.
    expect((await stack.call('GET', '/v1/tasks/done', head.token)).body.items.filter((i: Acted) => i.processId === id)).toEqual([]);
    expect((await stack.call('POST', t1.actionsUrl, staff.token, { action: 'submit-completion', data: { summary: '已全部完成' } })).status).toBe(200);

    // Straight after the answer (the API writes the state through), in both lists.
    const reported = { processId: id, taskId: 't1', step: 'ticket.execution', stepLabel: '承办落实', action: 'submit-completion', actionLabel: '报送办结报告', actorId: staff.id, onBehalfOf: head.id };
    for (const person of [staff, head]) {
      const done = await stack.call('GET', '/v1/tasks/done', person.token);
      expect(done.status).toBe(200);
      expect(done.body.items.filter((i: Acted) => i.processId === id)).toEqual([expect.objectContaining({ ...reported, processStatus: 'running', title, processType: 'supervisionTicket' })]);
    }

    const t2 = await task(office.token);
    expect((await stack.call('POST', t2.actionsUrl, office.token, { action: 'close', data: { praise: false } })).status).toBe(200);
    const officeDone = await stack.call('GET', '/v1/tasks/done?type=supervisionTicket', office.token);
    expect(officeDone.body.items[0]).toMatchObject({ processId: id, step: 'ticket.verification', stepLabel: '核查销号', action: 'close', actorId: office.id, processStatus: 'closed' });
    // The reporter's row shows the process as it stands now.
    const staffDone = await stack.call('GET', '/v1/tasks/done?limit=1', staff.token);
    expect(staffDone.body.items).toEqual([expect.objectContaining({ processId: id, processStatus: 'closed' })]);

    // Paging: the head's list one at a time ends, and a cursor not handed out is a 400 naming it.
    const first = await stack.call('GET', '/v1/tasks/done?limit=1', head.token);
    let cursor = first.body.nextCursor as string | undefined;
    const seen = [first.body.items[0]?.processId];
    while (cursor) {
      const next = await stack.call('GET', `/v1/tasks/done?limit=1&cursor=${encodeURIComponent(cursor)}`, head.token);
      seen.push(next.body.items[0]?.processId);
      cursor = next.body.nextCursor;
    }
    expect(seen.filter((p) => p === id)).toHaveLength(1);
    const bad = await stack.call('GET', '/v1/tasks/done?cursor=bm90LWEtY3Vyc29y', head.token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});
