import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const J = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

/** The action each step takes in this walk-through, with its data. */
const FORWARD: Record<string, { action: string; data?: Record<string, unknown> }> = {
  'document.head-sign-off': { action: 'sign-off', data: { opinion: '同意，请区政府办公室审核' } },
  'document.countersign': { action: 'agree-with-comments', data: { comments: '建议明确责任分工' } },
  'document.office-review': { action: 'approve' },
  'document.sign-off': { action: 'approve-signature', data: { opinion: '同意，呈区长签发' } },
  'document.issue': { action: 'sign-and-issue', data: { opinion: '签发' } },
  'document.publication': { action: 'publish', data: { confidentialityChecked: true } },
};

const draft = {
  jurisdiction: J,
  issuer: 'government',
  kind: 'notice',
  title: '关于开展2027年城市更新项目申报工作的通知',
  body: '各街道办事处，区政府各部门：为推进城市更新，现就项目申报工作通知如下。',
  scope: 'specific-task',
  leadUnit: 'js.housing',
  urgency: 'ordinary',
  disclosure: 'proactive',
  countersignUnits: ['js.finance'],
  addressees: ['js.daguanyuan', 'js.liulishan'],
};

describe('an official document through HTTP → Temporal dev server → worker', () => {
  it('is drafted, countersigned, reviewed, signed, numbered, issued and published to the public list', async () => {
    const drafter = await stack.user(J, 'department-staff', 'js.housing');
    expect((await stack.call('POST', '/v1/documents', undefined, draft)).status).toBe(401);

    const tooLong = await stack.call('POST', '/v1/documents', drafter.token, { ...draft, body: '字'.repeat(3001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(tooLong.body.errors).toContainEqual({ field: 'body', reason: expect.stringContaining('000:68'), message: expect.any(String) });
    const noReason = await stack.call('POST', '/v1/documents', drafter.token, { ...draft, disclosure: 'not-public' });
    expect(noReason.body.errors).toContainEqual({ field: 'disclosureReason', reason: expect.stringContaining('002:28'), message: expect.any(String) });
    const selfCountersign = await stack.call('POST', '/v1/documents', drafter.token, { ...draft, countersignUnits: ['js.housing'] });
    expect(selfCountersign.body.errors).toContainEqual(expect.objectContaining({ field: 'countersignUnits' }));

    const key = `e2e-doc-${randomUUID()}`;
    const created = await stack.call('POST', '/v1/documents', drafter.token, draft, { 'Idempotency-Key': key });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await stack.call('POST', '/v1/documents', drafter.token, draft, { 'Idempotency-Key': key })).body).toEqual({ id, created: false });

    // Each holder finds the task in their inbox and acts on it, until the process ends.
    const acted: string[] = [];
    for (let step = 0; step < 12; step++) {
      // Between two tasks the flow may be busy (numbering, recording): wait until it offers the next one or ends.
      const process = await stack.eventually(
        () => stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, drafter.token),
        (r) => r.body.status !== 'running' || r.body.openTasks.length > 0,
      );
      if (process.body.status !== 'running') break;
      const task = process.body.openTasks[0];
      const holder = await stack.userById(task.assignees[0].userId);
      const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', holder.token), (r) => r.body.items.some((it: { task: { id: string }; processId: string }) => it.processId === id && it.task.id === task.id));
      expect(inbox.body.items.some((it: { processId: string }) => it.processId === id)).toBe(true);
      const res = await stack.call('POST', task.actionsUrl, holder.token, FORWARD[task.step]);
      expect(res.status, `${task.step}: ${JSON.stringify(res.body)}`).toBe(200);
      acted.push(`${task.step}:${holder.id}`);
    }
    expect(acted).toEqual([
      'document.head-sign-off:js.housing.head',
      'document.countersign:js.finance.head',
      'document.office-review:js.office.staff',
      'document.sign-off:js.vice-chief-wang', // in charge of js.housing
      'document.issue:js.chief',
      'document.publication:js.office.staff',
    ]);
    const done = await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, drafter.token);
    expect(done.body.status).toBe('completed');
    const number = done.body.details.number as string;
    expect(number).toMatch(/^市中政发〔20\d\d〕1号$/);

    const published = await stack.call('GET', `/public/documents?jurisdiction=${J}`);
    expect(published.status).toBe(200);
    expect(published.body.items).toContainEqual(expect.objectContaining({ number, title: draft.title, kindZh: '通知', body: draft.body }));
    const audit = await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}/audit`, drafter.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['sign-off', 'agree-with-comments', 'approve', 'numbered', 'issued', 'published']));
    const listed = await stack.eventually(
      () => stack.call('GET', `/v1/processes?type=officialDocument&jurisdiction=${J}`, drafter.token),
      (r) => r.body.items.some((p: { id: string; status: string }) => p.id === id && p.status === 'COMPLETED'),
    );
    expect(listed.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ type: 'officialDocument', status: 'COMPLETED' });
  });

  it('refuses a draft whose signing route needs a direction it does not give (002:55 letters), naming the field', async () => {
    const drafter = await stack.user('jinan-lixia-2023', 'department-staff', 'lx.housing');
    const r = await stack.call('POST', '/v1/documents', drafter.token, { ...draft, jurisdiction: 'jinan-lixia-2023', kind: 'letter', leadUnit: 'lx.housing', countersignUnits: [], addressees: [] });
    expect(r.status).toBe(400);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'direction' }));
  });
});
