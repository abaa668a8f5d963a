import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reproject } from '../../api/processes/reproject';
import { startStack } from '../support/dev-server-stack';

const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;
const started: string[] = [];

beforeAll(async () => {
  // The API's sweep of processes ended from outside runs every second here (30 s by default).
  stack = await startStack({ GOVFLOW_ENDED_SWEEP_SECONDS: '1' });
});
afterAll(async () => {
  await Promise.all(started.map((id) => stack.client.workflow.getHandle(id).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

interface InboxItem {
  processId: string;
  processType: string;
  title: string;
  task: { id: string; step: string; dueAt?: string };
  actionsUrl: string;
}

describe('the read model behind the inbox and the lists (HTTP → dev server → worker → PostgreSQL)', () => {
  it('read-your-writes: a created process is listed at once, and once an action has returned the caller and the next holder see its outcome', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const title = `读写一致督办-${randomUUID().slice(0, 8)}`;
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title, source: 'other', responsibleUnit: 'cs.finance', complexity: 'ordinary' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    started.push(id);
    const q = `/v1/processes?q=${encodeURIComponent(title)}`;

    // No waiting: the create has returned, so the list shows it.
    const listed = await stack.call('GET', q, office.token);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(listed.body.items[0]).toMatchObject({ type: 'supervisionTicket', jurisdiction: J, leadUnit: 'cs.finance', title, status: 'RUNNING', processStatus: 'running' });

    // The first task reaches the head through the workflow's own projection.
    const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', head.token), (r) => r.body.items.some((i: InboxItem) => i.processId === id));
    const t1 = (inbox.body.items as InboxItem[]).find((i) => i.processId === id)!;
    expect(t1).toMatchObject({ processType: 'supervisionTicket', title, task: { step: 'ticket.execution' }, actionsUrl: `/v1/processes/${encodeURIComponent(id)}/tasks/${t1.task.id}/actions` });

    const submitted = await stack.call('POST', t1.actionsUrl, head.token, { action: 'submit-completion', data: { summary: '已办结' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.step).toBe('verification');
    // Straight after the answer: gone from the head's inbox, in the office's, and the list shows the step.
    expect(((await stack.call('GET', '/v1/tasks', head.token)).body.items as InboxItem[]).some((i) => i.processId === id)).toBe(false);
    const officeInbox = (await stack.call('GET', `/v1/tasks?q=${encodeURIComponent(title)}`, office.token)).body.items as InboxItem[];
    expect(officeInbox.map((i) => [i.processId, i.task.step])).toEqual([[id, 'ticket.verification']]);
    expect((await stack.call('GET', q, office.token)).body.items[0]).toMatchObject({ step: 'verification', assignees: expect.arrayContaining([office.id]) });

    const closed = await stack.call('POST', officeInbox[0].actionsUrl, office.token, { action: 'close', data: { praise: false } });
    expect(closed.status).toBe(200);
    expect((await stack.call('GET', q, office.token)).body.items[0]).toMatchObject({ status: 'COMPLETED', processStatus: 'closed', assignees: [] });
    expect((await stack.call('GET', `/v1/tasks?q=${encodeURIComponent(title)}`, office.token)).body.items).toEqual([]);
  });

  it('23 tasks of one holder: three pages of 10, soonest due first, nothing lost or repeated; filters and counts over every page', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.housing');
    const run = randomUUID().slice(0, 8);
    const base = Date.now() + 30 * 86_400_000;
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Two tickets share each due time, so the cursor must break ties by process.
      const dueAt = new Date(base + Math.floor(i / 2) * 86_400_000).toISOString();
      const title = i % 3 === 0 ? `城市更新项目督办-${run}-${i}` : `营商环境督办-${run}-${i}`;
      const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title, source: 'other', responsibleUnit: 'cs.housing', dueAt });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      started.push(created.body.id);
    }
    const mine = `q=${run}`;
    await stack.waitFor('the head’s inbox to count 23', () => stack.call('GET', `/v1/tasks?${mine}`, head.token), (r) => r.body.counts.total === 23, 60_000);

    const seen: InboxItem[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await stack.call('GET', `/v1/tasks?${mine}&limit=10${cursor ? `&cursor=${cursor}` : ''}`, head.token);
      expect(page.status).toBe(200);
      expect(page.body.counts).toEqual({ total: 23, overdue: 0, byType: { supervisionTicket: 23 } });
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((i) => i.processId).sort()).toEqual([...ids].sort());
    const dues = seen.map((i) => i.task.dueAt!);
    expect(dues).toEqual([...dues].sort());

    const search = await stack.call('GET', `/v1/tasks?q=${encodeURIComponent(`城市更新项目督办-${run}`)}`, head.token);
    expect(search.body.items.map((i: InboxItem) => i.processId).sort()).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
    const dueBefore = new Date(base + 3 * 86_400_000).toISOString();
    expect((await stack.call('GET', `/v1/tasks?${mine}&dueBefore=${dueBefore}`, head.token)).body.counts.total).toBe(6);
    expect((await stack.call('GET', `/v1/tasks?${mine}&type=officialDocument`, head.token)).body.items).toEqual([]);
    expect((await stack.call('GET', `/v1/tasks?${mine}&unit=cs.finance`, head.token)).body.counts.total).toBe(0);
    expect((await stack.call('GET', `/v1/tasks?${mine}&unit=cs.housing&overdue=false`, head.token)).body.counts.total).toBe(23);

    const processes = await stack.call('GET', `/v1/processes?${mine}&type=supervisionTicket&status=running&limit=500`, office.token);
    expect(processes.body.items.map((p: { id: string }) => p.id).sort()).toEqual([...ids].sort());
    expect(processes.body.counts).toMatchObject({ total: 23, byType: { supervisionTicket: 23 } });

    const bad = await stack.call('GET', '/v1/tasks?cursor=bm9wZQ', head.token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'cursor' }));
  });

  it('npm run reproject rebuilds the lost tables from Temporal: open tasks from each running process, a terminated one as ended', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.education');
    const run = randomUUID().slice(0, 8);
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title: `重建督办-${run}-${n}`, source: 'other', responsibleUnit: 'cs.education', complexity: 'ordinary' });
      ids.push(created.body.id);
      started.push(created.body.id);
    }
    await stack.waitFor('the title search to find 2', () => stack.call('GET', `/v1/tasks?q=${run}`, head.token), (r) => r.body.counts.total === 2);
    await stack.client.workflow.getHandle(ids[1]).terminate('operator ended it');
    await stack.db.query('DELETE FROM process_summaries');
    expect((await stack.call('GET', `/v1/tasks?q=${run}`, head.token)).body.items).toEqual([]);

    // Visibility catches up with the termination a moment later: rebuild until it has.
    const listed = await stack.eventually(
      async () => {
        await reproject({ client: stack.client, db: stack.db, taskQueue: stack.taskQueue });
        return stack.call('GET', `/v1/processes?q=${run}`, office.token);
      },
      (r) => r.body.items.some((p: { processStatus: string }) => p.processStatus === 'terminated'),
    );
    const byId = Object.fromEntries(listed.body.items.map((p: { id: string }) => [p.id, p]));
    expect(byId[ids[0]]).toMatchObject({ status: 'RUNNING', step: 'execution', assignees: expect.arrayContaining([head.id]) });
    expect(byId[ids[1]]).toMatchObject({ status: 'COMPLETED', processStatus: 'terminated', assignees: [] });
    const inbox = await stack.call('GET', `/v1/tasks?q=${run}`, head.token);
    expect(inbox.body.items.map((i: InboxItem) => [i.processId, i.task.step])).toEqual([[ids[0], 'ticket.execution']]);
  });

  it('a process an operator terminates in the Temporal UI leaves the lists and the inbox by itself (the API sweeps ended processes), no reproject needed', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.housing');
    const title = `终止督办-${randomUUID().slice(0, 8)}`;
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title, source: 'other', responsibleUnit: 'cs.housing', complexity: 'ordinary' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    started.push(id);
    const q = `?q=${encodeURIComponent(title)}`;
    await stack.waitFor('the filtered inbox to count 1', () => stack.call('GET', `/v1/tasks${q}`, head.token), (r) => r.body.counts.total === 1);

    await stack.client.workflow.getHandle(id).terminate('operator ended it in the Temporal UI');

    const listed = await stack.eventually(() => stack.call('GET', `/v1/processes${q}`, office.token), (r) => r.body.items[0]?.processStatus === 'terminated', 30_000);
    expect(listed.body.items).toEqual([expect.objectContaining({ id, processStatus: 'terminated', assignees: [] })]);
    expect((await stack.call('GET', `/v1/tasks${q}`, head.token)).body).toMatchObject({ items: [], counts: { total: 0 } });
  });
});
