import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const J = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

interface InboxItem {
  processId: string;
  task: { id: string; step: string; dueAt?: string };
  actionsUrl: string;
}

describe('a request for instructions (请示) through HTTP → Temporal dev server → worker', () => {
  const body = {
    jurisdiction: J,
    fromUnit: 'js.housing',
    signedBy: 'js.housing.head',
    subject: '关于老旧小区加装电梯补助资金的请示',
    matters: ['拨付2026年老旧小区加装电梯补助资金'],
    contactPerson: '王敏',
    contactPhone: '0531-86080000',
    addressees: ['government'],
  };

  it('is submitted by the unit, registered, proposed, instructed, handled and answered — each holder acting from the inbox', async () => {
    const head = await stack.user(J, 'department-head', 'js.housing');
    const office = await stack.user(J, 'office-staff');
    const key = `e2e-${randomUUID()}`;

    expect((await stack.call('POST', '/v1/incoming-requests', undefined, body)).status).toBe(401);
    const created = await stack.call('POST', '/v1/incoming-requests', head.token, body, { 'Idempotency-Key': key });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^request\.jinan-shizhong-2023\./);
    expect(created.headers.get('location')).toBe(`/v1/processes/${encodeURIComponent(id)}`);
    const retried = await stack.call('POST', '/v1/incoming-requests', head.token, body, { 'Idempotency-Key': key });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(id);

    /** The holder finds the process's task in the inbox and acts on it. */
    const actFromInbox = async (token: string, step: string, action: string, data: Record<string, unknown>) => {
      const inbox = await stack.eventually(
        () => stack.call('GET', '/v1/tasks', token),
        (r) => r.body.items.some((i: InboxItem) => i.processId === id && i.task.step === step),
      );
      const item = inbox.body.items.find((i: InboxItem) => i.processId === id && i.task.step === step) as InboxItem;
      expect(item, `${step} in the inbox`).toBeDefined();
      const done = await stack.call('POST', item.actionsUrl, token, { action, data });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      return { item, state: done.body };
    };

    await actFromInbox(office.token, 'request.registration', 'accept', {});
    await actFromInbox(office.token, 'request.proposal', 'propose', { proposal: '拟请王建国副区长阅示', handlingUnit: 'js.housing', handlingLimitWorkingDays: 10 });
    const leader = await stack.user(J, 'vice-chief');
    expect(leader.id, 'the first ordinary vice chief holds the housing portfolio').toBe('js.vice-chief-wang');
    const { item: instruction } = await actFromInbox(leader.token, 'request.instruction', 'instruct', { opinion: '同意。请区住建局抓紧办理。' });
    expect(instruction.task.dueAt).toBeTruthy(); // 48 hours (000:71)
    const { state: handled } = await actFromInbox(head.token, 'request.handling', 'report-result', { result: '补助资金已拨付到位' });
    expect(handled.step).toBe('reply');
    const { state: replied } = await actFromInbox(office.token, 'request.reply', 'reply', { reply: '经区政府同意，补助资金已拨付。' });
    expect(replied.status).toBe('completed');

    const audit = await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}/audit`, office.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['received', 'accept', 'propose', 'instruct', 'forwarded', 'report-result', 'reply', 'replied', 'process-completed']),
    );
    const notifications = await stack.call('GET', '/v1/notifications', head.token);
    expect(notifications.body.notifications.some((n: { processId: string; kind: string }) => n.processId === id && n.kind === 'request-replied')).toBe(true);
  });

  it('bad bodies — 400 problem+json naming the field: unknown unit, signer not the head (000:61), addressee not a leader, missing matters', async () => {
    const office = await stack.user(J, 'office-staff');
    const problem = async (patch: Record<string, unknown>) => {
      const r = await stack.call('POST', '/v1/incoming-requests', office.token, { ...body, ...patch });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      return r.body.errors as { field: string; reason: string }[];
    };
    expect(await problem({ matters: [] })).toEqual([expect.objectContaining({ field: 'matters' })]);
    expect(await problem({ fromUnit: 'js.nowhere' })).toEqual([expect.objectContaining({ field: 'fromUnit' })]);
    expect(await problem({ signedBy: 'js.housing.staff' })).toEqual([expect.objectContaining({ field: 'signedBy', reason: expect.stringMatching(/000:61/) })]);
    expect((await problem({ addressees: ['government', 'js.finance.head'] })).map((e) => e.field)).toEqual(['addressees[1]']);
  });

  it('a department files for another unit — 403; a request naming no department for a 004:48 topic — 400 on functionalUnits', async () => {
    const financeHead = await stack.user(J, 'department-head', 'js.finance');
    expect((await stack.call('POST', '/v1/incoming-requests', financeHead.token, body)).status).toBe(403);
    const rzOffice = await stack.user('rizhao-2017', 'office-staff');
    const rz = { ...body, jurisdiction: 'rizhao-2017', fromUnit: 'rz.housing', signedBy: 'rz.housing.head', topics: ['staffing'] };
    const r = await stack.call('POST', '/v1/incoming-requests', rzOffice.token, rz);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'functionalUnits.staffing', reason: expect.stringMatching(/004:48/) })]);
  });

  it('a request with two matters — registered by the office — is returned (000:63) and the unit head told', async () => {
    const office = await stack.user(J, 'office-staff');
    const created = await stack.call('POST', '/v1/incoming-requests', office.token, { ...body, matters: ['拨付补助资金', '增加人员编制'] });
    expect(created.status).toBe(201);
    const url = `/v1/processes/${encodeURIComponent(created.body.id)}`;
    const opened = await stack.eventually(() => stack.call('GET', url, office.token), (r) => r.body.openTasks?.length > 0);
    expect(opened.body.details.conformity).toEqual([expect.objectContaining({ reason: 'several-matters', rule: '000:61' })]);
    const actions = opened.body.openTasks[0].actionsUrl;
    expect((await stack.call('POST', actions, office.token, { action: 'accept' })).status).toBe(409);
    const returned = await stack.call('POST', actions, office.token, { action: 'return', data: { reasons: ['several-matters'] } });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const head = await stack.user(J, 'department-head', 'js.housing');
    const notifications = await stack.call('GET', '/v1/notifications', head.token);
    expect(notifications.body.notifications.some((n: { processId: string; kind: string }) => n.processId === created.body.id && n.kind === 'request-returned')).toBe(true);
  });
});
