import proto from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 11, defect 1: 55 progress reports each carrying a 950 KB field beside `summary` pushed
 * a ticket's history past Temporal's limit and Temporal terminated the workflow. Action data is
 * now exactly its declared shape, so such a request changes nothing and the history stays small.
 */
const { temporal } = proto;
const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

async function newTicket(officeToken: string) {
  const body = { jurisdiction: J, title: '大字段攻击测试', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
  const created = await stack.call('POST', '/v1/supervision-tickets', officeToken, body, { 'Idempotency-Key': `input-${randomUUID()}` });
  const id = created.body.id as string;
  const path = `/v1/processes/${encodeURIComponent(id)}`;
  const state = await stack.eventually(() => stack.call('GET', path, officeToken), (r) => r.body?.openTasks?.length > 0);
  return { id, path, task: state.body.openTasks[0] as { id: string; actionsUrl: string } };
}

async function historyBytes(id: string): Promise<number> {
  const history = await stack.client.workflow.getHandle(id).fetchHistory();
  return temporal.api.history.v1.History.encode(history).finish().length;
}

describe('action input through HTTP', () => {
  it('55 reports each with a 950 KB extra field: every one 400 naming the field, the history stays small, the ticket keeps working', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const { id, path, task } = await newTicket(office.token);
    const pad = '填'.repeat(950_000 / 3); // 950 KB of UTF-8
    for (let i = 0; i < 55; i++) {
      const res = await stack.call('POST', task.actionsUrl, head.token, { action: 'report-progress', data: { summary: `第${i}次`, pad } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'data.pad' }));
    }
    expect(await historyBytes(id)).toBeLessThan(100_000);
    const ok = await stack.call('POST', task.actionsUrl, head.token, { action: 'report-progress', data: { summary: '正常进展' } });
    expect(ok.status).toBe(200);
    expect(ok.body.details.progressReports).toHaveLength(1);
    expect((await stack.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
    expect((await stack.call('GET', path, head.token)).body.status).toBe('running');
  });

  it.each([
    ['NUL in a data field', { action: 'report-progress', data: { summary: '进展\u0000' } }, 'data.summary'],
    ['a lone surrogate in a comment', { action: 'acknowledge', comment: '收到\ud800' }, 'comment'],
    ['a control character in a nested value', { action: 'report-progress', data: { summary: 'ok', items: [{ note: '\u0007' }] } }, 'data.items[0].note'],
    ['a string longer than any field takes', { action: 'report-progress', data: { summary: 'x'.repeat(100_001) } }, 'data.summary'],
  ])('%s gets 400 naming the field, and changes nothing', async (_what, body, field) => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const { path, task } = await newTicket(office.token);
    const before = (await stack.call('GET', `${path}/audit`, head.token)).body.entries.length;
    // JSON.stringify writes a lone surrogate as \ud800, so it reaches the server as sent.
    const res = await stack.call('POST', task.actionsUrl, head.token, body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field }));
    expect((await stack.call('GET', `${path}/audit`, head.token)).body.entries.length).toBe(before);
  });
});
