import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const JS = 'jinan-shizhong-2023' as const; // 000
const ZD = 'zibo-zhangdian-2022' as const; // 003
const DAY = 86_400_000;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

describe('standing meetings through HTTP → Temporal dev server → worker', () => {
  it('POST /v1/meetings — 401 without a token, 403 for a role that does not convene, 400 naming the field, 201 then 200 for the same key', async () => {
    const office = await stack.user(JS, 'office-director');
    const body = { jurisdiction: JS, startsAt: inDays(8) };
    expect((await stack.call('POST', '/v1/meetings', undefined, body)).status).toBe(401);
    const staff = await stack.user(JS, 'department-staff', 'js.housing');
    expect((await stack.call('POST', '/v1/meetings', staff.token, body)).status).toBe(403);

    const past = await stack.call('POST', '/v1/meetings', office.token, { ...body, startsAt: inDays(-1) });
    expect(past.status).toBe(400);
    expect(past.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);
    const delegated = await stack.call('POST', '/v1/meetings', office.token, { ...body, chair: 'js.exec-vice-chief-li' });
    expect(delegated.body.errors).toEqual([{ field: 'chair', reason: expect.stringContaining('none:000'), message: expect.any(String) }]);
    const stranger = await stack.call('POST', '/v1/meetings', office.token, { ...body, chair: 'zd.chief' });
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'chair' })]);
    expect((await stack.call('POST', '/v1/meetings', office.token, { ...body, startsAt: 'tomorrow' })).body.errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);

    const key = `e2e-meeting-${randomUUID()}`;
    const created = await stack.call('POST', '/v1/meetings', office.token, body, { 'Idempotency-Key': key });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    stack.track(id);
    expect(id).toMatch(/^meeting\.jinan-shizhong-2023\./);
    expect(created.headers.get('location')).toBe(`/v1/processes/${encodeURIComponent(id)}`);
    const again = await stack.call('POST', '/v1/meetings', office.token, body, { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    // The same answer as the first time, its cut-off and warnings included (the meeting is not created twice).
    expect(again.body).toEqual({ id, created: false, cutoffAt: created.body.cutoffAt, warnings: created.body.warnings });

    const state = await stack.eventually(() => stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, office.token), (r) => r.body.openTasks?.length === 6);
    expect(state.body).toMatchObject({ type: 'standingMeeting', step: 'scheduled', details: { chairId: 'js.chief', startsAt: body.startsAt } });
  });

  it('003:49 — the executive vice chief may chair when delegated; a member finds the invitation in the inbox, and written opinions are refused there (none:003)', async () => {
    const office = await stack.user(ZD, 'office-staff');
    const created = await stack.call('POST', '/v1/meetings', office.token, { jurisdiction: ZD, startsAt: inDays(30), chair: 'zd.exec-vice-chief-zhu' });
    expect(created.status).toBe(201);
    stack.track(created.body.id);
    const vice = await stack.userById('zd.vice-chief-guo');
    const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', vice.token), (r) => r.body.items.some((i: { processId: string }) => i.processId === created.body.id));
    const invitation = inbox.body.items.find((i: { processId: string }) => i.processId === created.body.id);
    expect(invitation.task.step).toBe('meeting.attendance');
    const refused = await stack.call('POST', invitation.actionsUrl, vice.token, { action: 'ask-leave', data: { reason: '出差', writtenOpinions: [{ itemId: 'agenda.x', opinion: '同意' }] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'data.writtenOpinions', reason: expect.stringContaining('none:003'), message: expect.any(String) }]);
    expect((await stack.call('POST', invitation.actionsUrl, vice.token, { action: 'confirm' })).status).toBe(200);
    // The answer is recorded as the flow moves on; while invitations are still going out that can be a moment later.
    const after = await stack.eventually(
      () => stack.call('GET', `/v1/processes/${encodeURIComponent(created.body.id)}`, vice.token),
      (r) => r.body.details.attendance['zd.vice-chief-guo'].response !== 'awaiting',
    );
    expect(after.body.details.attendance['zd.vice-chief-guo'].response).toBe('confirmed');
  });

  it('GET /v1/meetings/schedule — dates from the frequency (000:46) with each agenda cut-off (000:50); none where the rules set no frequency (004); 400 for an unknown jurisdiction', async () => {
    const anyone = await stack.user(JS, 'department-staff', 'js.housing');
    expect((await stack.call('GET', `/v1/meetings/schedule?jurisdiction=${JS}`)).status).toBe(401);
    const js = await stack.call('GET', `/v1/meetings/schedule?jurisdiction=${JS}&count=3`, anyone.token);
    expect(js.status).toBe(200);
    expect(js.body.frequency).toEqual({ value: { kind: 'twice-a-month' }, source: '000:46' });
    expect(js.body.leadTime.source).toBe('000:50');
    expect(js.body.meetings).toHaveLength(3);
    for (const m of js.body.meetings) {
      expect(Date.parse(m.startsAt)).toBeGreaterThan(Date.now());
      expect(Date.parse(m.cutoffAt)).toBeLessThan(Date.parse(m.startsAt));
    }
    const rz = await stack.call('GET', '/v1/meetings/schedule?jurisdiction=rizhao-2017', anyone.token);
    expect(rz.body).toMatchObject({ frequency: null, meetings: [], reason: expect.stringContaining('none:004') });
    const bad = await stack.call('GET', '/v1/meetings/schedule?jurisdiction=atlantis&count=0', anyone.token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['count', 'jurisdiction']);
  });
});
