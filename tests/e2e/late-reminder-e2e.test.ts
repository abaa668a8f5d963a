import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

let stack: Awaited<ReturnType<typeof startStack>>;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const ZD = 'zibo-zhangdian-2022' as const;
type AuditEntry = { action: string; at: string };

/**
 * Found by the deadline-storm bench (bench/deadline-storm.ts): reminders (催办, policy:reminder-ladder
 * at 50 % and 75 % of the limit) still waiting when the deadline passed — the worker stopped or
 * swamped — went out after it, each followed at once by the overdue notice. A reminder after the
 * limit helps nobody; the deadline's own rule acts alone. Through the API on the dev server, with
 * the worker really stopped across the deadline (the time-skipping server cannot skip its clock
 * while a workflow task waits for a worker).
 */
describe('a worker down across a deadline', () => {
  it('sends no reminder after the due time: the ticket goes overdue and escalates, once', async () => {
    const office = await stack.user(ZD, 'supervision-office');
    const dueAt = new Date(Date.now() + 30_000).toISOString();
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: ZD, title: '积水点整治督办', source: 'media-report', responsibleUnit: 'zd.housing', dueAt });
    expect(created.status).toBe(201);
    stack.track(created.body.id);
    const url = `/v1/processes/${encodeURIComponent(created.body.id)}`;
    const opened = await stack.waitFor('the ticket’s first task', () => stack.call('GET', url, office.token), (r) => r.body.openTasks?.length > 0);
    const taskDue = Date.parse(opened.body.openTasks[0].dueAt);
    expect(taskDue).toBeLessThanOrEqual(Date.parse(dueAt));

    await stack.stopWorker();
    await new Promise((r) => setTimeout(r, Math.max(taskDue - Date.now(), 0) + 2_000));
    await stack.startWorker();

    const overdue = await stack.waitFor('the task to go overdue', () => stack.call('GET', `${url}/audit`, office.token), (r) => r.body.entries.some((e: AuditEntry) => e.action === 'escalated'), 60_000);
    const entries: AuditEntry[] = overdue.body.entries;
    const late = entries.filter((e) => e.action === 'reminder-sent' && Date.parse(e.at) >= taskDue);
    expect(late).toEqual([]);
    expect(entries.filter((e) => e.action === 'overdue')).toHaveLength(1);
    expect(entries.filter((e) => e.action === 'escalated')).toHaveLength(1);
  }, 120_000);
});
