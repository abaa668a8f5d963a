import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

describe('refused input answers in Chinese beside each field (problem+json errors[].message), the English reason kept', () => {
  it('a create refused by the API and an action refused by the workflow’s validator', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const title = `中文错误督办-${randomUUID().slice(0, 8)}`;

    // Refused by the route's own schema: no complexity nor due time, and a title too long.
    const refused = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title: '督'.repeat(1000), source: 'other', responsibleUnit: 'cs.finance' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'complexity', reason: 'give complexity or dueAt', message: '请选择复杂程度，或填写截止时间' },
        expect.objectContaining({ field: 'title', message: expect.stringMatching(/^最多\d+个字$/) }),
      ]),
    );

    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title, source: 'other', responsibleUnit: 'cs.finance', complexity: 'ordinary' });
    expect(created.status).toBe(201);
    const inbox = await stack.eventually(() => stack.call('GET', `/v1/tasks?q=${encodeURIComponent(title)}`, head.token), (r) => r.body.items.length > 0, 30_000);
    const url = inbox.body.items[0].actionsUrl as string;

    // Refused by the step's declaration inside the workflow: a blank report, an unknown field.
    const blank = await stack.call('POST', url, head.token, { action: 'submit-completion', data: { summary: '   ', attachment: 'x' } });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([
      { field: 'data.summary', reason: expect.stringMatching(/>=1 characters/), message: '不能为空' },
      { field: 'data.attachment', reason: 'unknown field', message: '此操作不接受这一项' },
    ]);
    const missing = await stack.call('POST', url, head.token, { action: 'submit-completion' });
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'data.summary', message: '必填' })]);
    // Nothing changed: the task is still open with the head.
    const state = await stack.call('GET', `/v1/processes/${encodeURIComponent(created.body.id)}`, head.token);
    expect(state.body.openTasks.map((t: { step: string }) => t.step)).toEqual(['ticket.execution']);
  });
});
