import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/**
 * A client that lost the response to an action retries it with the same Idempotency-Key: the
 * action is applied once and the retry gets the first answer (issue 11, defect 3).
 */
const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

async function newTicket(officeToken: string) {
  const body = { jurisdiction: J, title: '重复提交测试', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
  const created = await stack.call('POST', '/v1/supervision-tickets', officeToken, body, { 'Idempotency-Key': `idem-${randomUUID()}` });
  expect(created.status).toBe(201);
  const path = `/v1/processes/${encodeURIComponent(created.body.id)}`;
  const state = await stack.eventually(() => stack.call('GET', path, officeToken), (r) => r.body?.openTasks?.length > 0);
  return { path, task: state.body.openTasks[0] as { id: string; actionsUrl: string } };
}

const count = (entries: { action: string }[], action: string) => entries.filter((e) => e.action === action).length;

describe('Idempotency-Key on task actions', () => {
  it('the same report-progress sent twice with one key: one report, one audit entry, the same response', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const { path, task } = await newTicket(office.token);
    const key = `progress-${randomUUID()}`;
    const report = { action: 'report-progress', data: { summary: '已完成摸底' } };

    const first = await stack.call('POST', task.actionsUrl, head.token, report, { 'Idempotency-Key': key });
    expect(first.status).toBe(200);
    const retry = await stack.call('POST', task.actionsUrl, head.token, report, { 'Idempotency-Key': key });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    // Several retries at once (a client's timeouts firing together) still apply once.
    const burst = await Promise.all(Array.from({ length: 5 }, () => stack.call('POST', task.actionsUrl, head.token, report, { 'Idempotency-Key': key })));
    expect(burst.map((r) => r.status)).toEqual(Array(5).fill(200));

    const state = await stack.call('GET', path, head.token);
    expect(state.body.details.progressReports).toHaveLength(1);
    expect(count((await stack.call('GET', `${path}/audit`, head.token)).body.entries, 'report-progress')).toBe(1);

    // A new key is a new action; the body field works like the header.
    expect((await stack.call('POST', task.actionsUrl, head.token, { ...report, idempotencyKey: `progress-${randomUUID()}` })).status).toBe(200);
    expect((await stack.call('GET', path, head.token)).body.details.progressReports).toHaveLength(2);
  });

  it('a key is one person’s: another holder using the same key acts in their own right', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const staff = await stack.user(J, 'department-staff', 'cs.finance');
    const { path, task } = await newTicket(office.token);
    const key = `shared-${randomUUID()}`;
    const report = { action: 'report-progress', data: { summary: '进展' } };
    expect((await stack.call('POST', task.actionsUrl, head.token, report, { 'Idempotency-Key': key })).status).toBe(200);
    const other = await stack.call('POST', task.actionsUrl, staff.token, report, { 'Idempotency-Key': key });
    expect(other.status).toBe(200);
    const reports = (await stack.call('GET', path, head.token)).body.details.progressReports as { by: string }[];
    expect(reports.map((r) => r.by).sort()).toEqual([head.id, staff.id].sort());
  });

  it('a retried final action that closed the process answers with the first result, not a conflict', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const { path, task } = await newTicket(office.token);
    const submitted = await stack.call('POST', task.actionsUrl, head.token, { action: 'submit-completion', data: { summary: '完成' } });
    const verify = submitted.body.openTasks.find((t: { step: string }) => t.step === 'ticket.verification');
    const key = `close-${randomUUID()}`;
    const closed = await stack.call('POST', verify.actionsUrl, office.token, { action: 'close', data: {} }, { 'Idempotency-Key': key });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    await stack.waitFor('the ticket to close', () => stack.call('GET', path, office.token), (r) => r.body.status === 'closed');
    const retry = await stack.call('POST', verify.actionsUrl, office.token, { action: 'close', data: {} }, { 'Idempotency-Key': key });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(closed.body);
    expect(count((await stack.call('GET', `${path}/audit`, office.token)).body.entries, 'close')).toBe(1);
  });

  it.each([
    ['a path', '../../x'],
    ['too short', 'abc'],
    ['10 KB', 'k'.repeat(10_000)],
    ['spaces', 'has spaces in it'],
  ])('an Idempotency-Key header that is %s gets 400 naming the header, on actions and on creates, and changes nothing', async (_what, bad) => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const { path, task } = await newTicket(office.token);
    const acted = await stack.call('POST', task.actionsUrl, head.token, { action: 'report-progress', data: { summary: 'x' } }, { 'Idempotency-Key': bad });
    expect(acted.status).toBe(400);
    expect(acted.body.errors).toContainEqual(expect.objectContaining({ field: 'Idempotency-Key' }));
    expect((await stack.call('GET', path, head.token)).body.details.progressReports).toHaveLength(0);

    const body = { jurisdiction: J, title: '坏键', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': bad });
    expect(created.status).toBe(400);
    expect(created.body.errors).toContainEqual(expect.objectContaining({ field: 'Idempotency-Key' }));
  });
});
