import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/** 004 sets no lead time: a meeting's agenda closes when it starts, so a real-time test can hold one. */
const J = 'rizhao-2017' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

type Process = { status: string; step: string; details: Record<string, unknown>; openTasks: { id: string; step: string; actionsUrl: string; assignees: { userId: string }[] }[]; links: { related: { relation: string; processId: string; type: string }[] } };

const application = (title: string) => ({
  jurisdiction: J,
  title,
  reasons: '涉及多个部门职责和财政资金，需市政府常务会议研究',
  materials: '拟安排专项资金用于老旧小区改造。',
  options: ['方案一', '方案二'],
  leadUnit: 'rz.housing',
  attendingUnits: ['rz.finance'],
});

describe('a meeting day through HTTP: three items applied, one inadmissible, one late, one decided', () => {
  it('rejects, moves the late item to the next meeting, decides at a quorate meeting, and starts the linked document and ticket once the minutes are signed', async () => {
    const staff = await stack.userById('rz.housing.staff');
    const office = await stack.userById('rz.office.staff');
    const director = await stack.userById('rz.office.director');
    const chief = await stack.userById('rz.chief');
    const get = async (id: string, who = office): Promise<Process> => (await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, who.token)).body;
    const until = (id: string, ok: (p: Process) => boolean, timeoutMs = 60_000) => stack.eventually(() => get(id), ok, timeoutMs);
    const task = async (id: string, step: string) => (await until(id, (p) => p.openTasks.some((t) => t.step === step))).openTasks.find((t) => t.step === step)!;
    const actOn = async (id: string, step: string, who: { token: string }, body: Record<string, unknown>) => {
      const t = await task(id, step);
      const res = await stack.call('POST', t.actionsUrl, who.token, body);
      expect(res.status, `${step}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body as Process;
    };
    // Item 1: inadmissible — not pre-coordinated (004:41).
    const one = (await stack.call('POST', '/v1/agenda-items', staff.token, application('关于调整供暖收费标准的议题'))).body.id as string;
    const rejected = await actOn(one, 'agenda.admissibility', office, { action: 'reject', data: { reason: 'not-pre-coordinated', explanation: '未与发改、财政部门协调' } });
    expect(rejected.status).toBe('refused');
    expect(rejected.details.rejection).toMatchObject({ reason: 'not-pre-coordinated', rule: '004:41' });

    // Meeting B, days away, is the next one when the items join the queue.
    const meetingB = await stack.call('POST', '/v1/meetings', director.token, { jurisdiction: J, startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    expect(meetingB.status).toBe(201);
    const b = meetingB.body.id as string;

    // Item 2: reviewed by the office and agreed by the mayor before the meeting (004:41, 004:38), in the queue.
    const document = { issuer: 'office', kind: 'notice', title: '关于实施老旧小区改造专项资金的通知', body: '各区县：……', scope: 'specific-task', disclosure: 'proactive', addressees: ['rz.donggang'] };
    const two = (await stack.call('POST', '/v1/agenda-items', staff.token, { ...application('关于老旧小区改造专项资金的议题'), document })).body.id as string;
    await actOn(two, 'agenda.admissibility', office, { action: 'admit' });
    await actOn(two, 'agenda.review', office, { action: 'approve', data: { opinion: '同意提交' } });
    await actOn(two, 'agenda.consent', chief, { action: 'consent' });
    const queued = await until(two, (p) => p.step === 'awaiting-meeting' && !!p.details.queue);
    expect(queued.details.queue).toMatchObject({ next: { id: b }, missed: [] });

    // Item 3 is applied now but reviewed only after meeting A's agenda closed.
    const three = (await stack.call('POST', '/v1/agenda-items', staff.token, application('关于背街小巷整治的议题'))).body.id as string;
    await actOn(three, 'agenda.admissibility', office, { action: 'admit' });

    // Meeting A is called in real time only once item 2 waits in the queue: nothing has to happen
    // before its start but the start itself (004 has no lead time: its agenda closes at the start and
    // takes every item ready by then), so a slow machine cannot make item 2 miss it.
    const meetingA = await stack.call('POST', '/v1/meetings', director.token, { jurisdiction: J, startsAt: new Date(Date.now() + 10_000).toISOString() });
    expect(meetingA.status).toBe(201);
    const a = meetingA.body.id as string;

    // Meeting A: the agenda freezes at the start with item 2, which hears it; the mayor fixes it; roll call.
    const frozen = await until(a, (p) => (p.details.agenda as unknown[] | undefined)?.length === 1, 60_000);
    expect((frozen.details.agenda as { itemId: string }[]).map((i) => i.itemId)).toEqual([two]);
    expect((await until(two, (p) => p.step === 'scheduled')).details.meeting).toMatchObject({ id: a });
    await actOn(three, 'agenda.review', office, { action: 'approve', data: { opinion: '同意提交' } });
    await actOn(three, 'agenda.consent', chief, { action: 'consent' });
    const late = await until(three, (p) => p.step === 'awaiting-meeting' && !!p.details.queue);
    expect(late.details.queue).toMatchObject({ next: { id: b }, missed: [{ id: a }] });
    const lateNotice = await stack.call('GET', '/v1/notifications', staff.token);
    expect(lateNotice.body.notifications.some((n: { kind: string; processId: string }) => n.kind === 'agenda-late' && n.processId === three)).toBe(true);

    await actOn(a, 'meeting.fix-agenda', chief, { action: 'fix-agenda', data: {} });
    const members = (await get(a)).details.members as string[];
    const present = members.slice(0, Math.floor(members.length / 2) + 1);
    await actOn(a, 'meeting.roll-call', office, { action: 'record-attendance', data: { present } });
    await actOn(a, 'meeting.record-outcome', office, {
      action: 'record',
      data: { outcome: 'approved', decision: '原则通过，由市住建局抓好落实', viceChiefOpinion: '建议通过', supervisionDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
    await actOn(a, 'meeting.minutes-draft', office, { action: 'submit-minutes', data: { text: '会议研究了老旧小区改造专项资金事项，原则通过。' } });
    expect((await get(two)).details.outcome).toBeUndefined(); // nothing is released before the signature
    await actOn(a, 'meeting.minutes-sign', chief, { action: 'sign-minutes' });
    expect((await until(a, (p) => p.status !== 'running')).status).toBe('completed');

    // The decided item: its document and supervision ticket started, linked both ways.
    const decided = await until(two, (p) => p.links.related.filter((l) => l.relation === 'spawned').length === 2);
    expect(decided.details.outcome).toMatchObject({ meetingId: a, outcome: 'approved' });
    expect(decided.links.related).toContainEqual({ relation: 'meeting', processId: a, type: 'standingMeeting' });
    const documentId = decided.links.related.find((l) => l.type === 'officialDocument')!.processId;
    const ticketId = decided.links.related.find((l) => l.type === 'supervisionTicket')!.processId;
    for (const id of [documentId, ticketId]) {
      const child = await until(id, (p) => p.links.related.length > 0);
      expect(child.links.related).toContainEqual({ relation: 'spawned-by', processId: two, type: 'agendaItem' });
    }
    expect((await get(a)).links.related).toContainEqual({ relation: 'agenda-item', processId: two, type: 'agendaItem' });
    // Item 3 still waits, for meeting B.
    expect((await get(three)).step).toBe('awaiting-meeting');
  }, 180_000);
});
