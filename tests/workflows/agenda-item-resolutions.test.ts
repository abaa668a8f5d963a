import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQueuedItem } from '../../db/meeting-repository';
import { listNotifications } from '../../db/notification-repository';
import { listPublishedDecisions } from '../../db/published-decision-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaItemInput, awaitingMeeting, decideBySignal, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { recordHistory } from '../support/histories';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForAudit, waitForState } from '../support/process-helpers';
import { cleanUp, decideAndSign, fixAgenda, isAt, membersOf, people, rollCall, startMeeting } from '../support/meeting-helpers';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/** How an agenda item (议题) is resolved before and after the meeting, on the paths no other test takes. */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const RZ: JurisdictionId = 'rizhao-2017'; // 004

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const user = (userId: string) => ({ userId, roles: [] });
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open') || s.status !== 'running';
const DAY = 86_400_000;

/** A meeting of the item, timed on the test server's clock. */
async function meetingFor(j: JurisdictionId) {
  const now = await h.env.currentTimeMs();
  return { id: `meeting.${j}.${randomUUID()}`, startsAt: new Date(now + DAY).toISOString(), signedAt: new Date(now).toISOString() };
}

/** Waits until the item is in the queue for the next meeting. */
async function queued(handle: WorkflowHandle): Promise<ProcessState> {
  await driveAgendaItem(handle, awaitingMeeting);
  return waitForState(handle, (s) => s.step === 'awaiting-meeting' && s.details.queue !== undefined);
}

/** 000:51 — a unit disagrees in the pre-coordination; the lead unit writes the coordination note: the vice chief in charge has it. */
async function disagreementAtTheViceChief(): Promise<{ handle: WorkflowHandle; state: ProcessState }> {
  const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { countersignUnitIds: ['js.finance'] }));
  let state = (await driveAgendaItem(handle, atStep('agenda.countersign'))).state;
  await act(handle, { taskId: openTask(state, 'agenda.countersign').id, action: 'disagree', data: { grounds: '财政资金无法保障' }, actor: user('js.finance.head') });
  state = await waitForState(handle, atStep('agenda.coordination-note'));
  expect(openTask(state, 'agenda.coordination-note')).toMatchObject({ rule: '000:51', assignees: [{ userId: 'js.housing.head' }] });
  await act(handle, { taskId: openTask(state, 'agenda.coordination-note').id, action: 'submit-note', data: { grounds: '群众需求迫切', proposal: '分年度实施' }, actor: user('js.housing.head') });
  state = await waitForState(handle, atStep('agenda.vice-chief-coordination'));
  expect(openTask(state, 'agenda.vice-chief-coordination')).toMatchObject({ rule: '000:51', assignees: [{ userId: 'js.vice-chief-wang' }] });
  return { handle, state };
}

describe('agenda item: a disagreement settled before the meeting (000:51)', () => {
  it('the vice chief in charge settles it: recorded under 000:51, no task for the chief, the item goes on through the review chain to the queue', async () => {
    const { handle, state } = await disagreementAtTheViceChief();
    const coordination = openTask(state, 'agenda.vice-chief-coordination');
    expect(await rejectionOf(act(handle, { taskId: coordination.id, action: 'resolved', data: { resolution: '已协调一致' }, actor: user('js.vice-chief-zhang') }))).toMatchObject({ type: 'Forbidden' });
    expect(await rejectionOf(act(handle, { taskId: coordination.id, action: 'resolved', data: {}, actor: user('js.vice-chief-wang') }))).toMatchObject({
      type: 'BadRequest',
      fields: [expect.objectContaining({ field: 'data.resolution' })],
    });
    await act(handle, { taskId: coordination.id, action: 'resolved', data: { resolution: '资金分两年安排，财政局同意' }, actor: user('js.vice-chief-wang') });

    const reviewing = await waitForState(handle, atStep('agenda.review'));
    expect(reviewing.status).toBe('running');
    expect(openTask(reviewing, 'agenda.review')).toMatchObject({ rule: '000:50', assignees: [{ userId: 'js.vice-chief-wang' }] });
    expect(reviewing.tasks.map((t) => t.step)).not.toContain('agenda.chief-decision');
    expect(reviewing.details.coordination).toEqual({ objections: [{ unitId: 'js.finance', grounds: '财政资金无法保障' }], leadGrounds: '群众需求迫切', proposal: '分年度实施' });
    expect(reviewing.details.chiefDecision).toBeUndefined();
    expect((await auditOf(handle)).filter((e) => e.action === 'coordinated')).toEqual([
      expect.objectContaining({ actorId: 'js.vice-chief-wang', rule: '000:51', detail: '资金分两年安排，财政局同意' }),
    ]);

    const { acted } = await driveAgendaItem(handle, awaitingMeeting);
    expect(acted).toEqual(['agenda.review:js.vice-chief-wang', 'agenda.consent:js.chief']);
    await waitForState(handle, (s) => s.details.queue !== undefined);
    expect(await getQueuedItem(h.db, handle.workflowId)).toMatchObject({ meetingId: null, leadUnit: 'js.housing' });
    // A complete run for the history: the meeting does not approve it.
    await decideBySignal(handle, await meetingFor(JS), { outcome: 'not-approved', decision: '不予通过' });
    expect((await waitForState(handle, (s) => s.status !== 'running')).status).toBe('closed');
    await recordHistory(handle, 'agendaItem-coordinated-by-vice-chief');
  });

  it('the vice chief cannot settle it; the chief decides that it goes to the meeting: the decision recorded, the item on through the review chain', async () => {
    const { handle, state } = await disagreementAtTheViceChief();
    await act(handle, { taskId: openTask(state, 'agenda.vice-chief-coordination').id, action: 'opinion-to-chief', data: { opinion: '建议分年度实施，提交常务会议' }, actor: user('js.vice-chief-wang') });
    const atChief = await waitForState(handle, atStep('agenda.chief-decision'));
    const decision = openTask(atChief, 'agenda.chief-decision');
    expect(decision).toMatchObject({ rule: '000:51', assignees: [{ userId: 'js.chief' }] });
    expect(await rejectionOf(act(handle, { taskId: decision.id, action: 'decide', data: { decision: '提交会议', proceed: true }, actor: user('js.vice-chief-wang') }))).toMatchObject({ type: 'Forbidden' });
    expect(await rejectionOf(act(handle, { taskId: decision.id, action: 'decide', data: { decision: '提交会议' }, actor: user('js.chief') }))).toMatchObject({
      type: 'BadRequest',
      fields: [expect.objectContaining({ field: 'data.proceed' })],
    });
    await act(handle, { taskId: decision.id, action: 'decide', data: { decision: '分年度实施，提交常务会议研究', proceed: true }, actor: user('js.chief') });

    const reviewing = await waitForState(handle, atStep('agenda.review'));
    expect(reviewing.status).toBe('running');
    expect(reviewing.details.chiefDecision).toMatchObject({ decision: '分年度实施，提交常务会议研究', proceed: true, by: 'js.chief' });
    expect(openTask(reviewing, 'agenda.review')).toMatchObject({ rule: '000:50', assignees: [{ userId: 'js.vice-chief-wang' }] });
    const trail = await auditOf(handle);
    expect(trail.filter((e) => e.action === 'decide')).toEqual([expect.objectContaining({ actorId: 'js.chief', rule: '000:51' })]);
    expect(trail.some((e) => e.action === 'coordinated')).toBe(false);

    await queued(handle);
    expect(await getQueuedItem(h.db, handle.workflowId)).toMatchObject({ meetingId: null });
    await decideBySignal(handle, await meetingFor(JS), { outcome: 'not-approved', decision: '不予通过' });
    expect((await waitForState(handle, (s) => s.status !== 'running')).status).toBe('closed');
    await recordHistory(handle, 'agendaItem-chief-proceeds');
  });
});

describe('agenda item: a major item found lawful (decree713:25)', () => {
  it('000:51 — every procedure recorded, the fair-competition review included, the justice bureau finds it lawful: on to the review chain and the queue, nobody told of a failure', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { majorDecision: true, fairCompetitionReview: true }));
    let state = (await driveAgendaItem(handle, atStep('agenda.prerequisites'))).state;
    const prerequisites = openTask(state, 'agenda.prerequisites');
    expect(prerequisites.rule).toBe('000:51');
    for (const kind of ['public-participation', 'expert-review', 'risk-assessment'])
      await act(handle, { taskId: prerequisites.id, action: 'record', data: { kind, reference: `区住建〔2026〕${kind}` }, actor: user('js.housing.staff') });
    // 000:51 如有必要,由区市场监管部门履行公平竞争审查程序: asked for, it is required too.
    expect(await rejectionOf(act(handle, { taskId: prerequisites.id, action: 'confirm', actor: user('js.housing.staff') }))).toMatchObject({
      type: 'Conflict',
      message: 'still missing (000:51): fair-competition-review',
    });
    await act(handle, { taskId: prerequisites.id, action: 'record', data: { kind: 'fair-competition-review', reference: '区市场监管〔2026〕3号' }, actor: user('js.housing.staff') });
    await act(handle, { taskId: prerequisites.id, action: 'confirm', actor: user('js.housing.staff') });

    state = await waitForState(handle, atStep('agenda.legality-review'));
    const legality = openTask(state, 'agenda.legality-review');
    expect(legality.rule).toBe('000:51');
    expect(await rejectionOf(act(handle, { taskId: legality.id, action: 'legality-reviewed', data: { lawful: true, opinion: '合法' }, actor: user('js.housing.head') }))).toMatchObject({ type: 'Forbidden' });
    await act(handle, { taskId: legality.id, action: 'legality-reviewed', data: { lawful: true, opinion: '符合法律法规规定' }, actor: user('js.justice.head') });

    const reviewing = await waitForState(handle, atStep('agenda.review'));
    expect(reviewing.status).toBe('running');
    expect(openTask(reviewing, 'agenda.review')).toMatchObject({ rule: '000:50', assignees: [{ userId: 'js.vice-chief-wang' }] });
    expect((reviewing.details.prerequisites as { kind: string }[]).map((p) => p.kind)).toEqual(['public-participation', 'expert-review', 'risk-assessment', 'fair-competition-review', 'legality-review']);
    expect((reviewing.details.prerequisites as unknown[]).at(-1)).toMatchObject({ kind: 'legality-review', reference: '符合法律法规规定', by: 'js.justice.head' });
    expect((await auditOf(handle)).some((e) => e.action === 'found-unlawful')).toBe(false);
    expect((await listNotifications(h.db, { recipientId: 'js.housing.staff' })).filter((n) => n.processId === handle.workflowId && n.kind === 'agenda-unlawful')).toEqual([]);

    await queued(handle);
    expect(await getQueuedItem(h.db, handle.workflowId)).toMatchObject({ meetingId: null, leadUnit: 'js.housing' });
    await decideBySignal(handle, await meetingFor(JS), { outcome: 'not-approved', decision: '不予通过' });
    expect((await waitForState(handle, (s) => s.status !== 'running')).status).toBe('closed');
    await recordHistory(handle, 'agendaItem-major-lawful');
  });

  it.each([
    [CS, 'decree713:25', '001:41'],
    [LX, '002:40', '002:40'],
    [ZD, 'decree713:25', '003:52'],
    [RZ, 'decree713:25', '004:41'],
  ] as const)('%s: the prerequisites and the legality review cite %s; found lawful, the review chain starts (%s)', async (j, rule, chainRule) => {
    const p = j === RZ ? 'rz' : j === CS ? 'cs' : j === LX ? 'lx' : 'zd';
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(j, { majorDecision: true }));
    let state = (await driveAgendaItem(handle, atStep('agenda.prerequisites'))).state;
    const prerequisites = openTask(state, 'agenda.prerequisites');
    expect(prerequisites.rule).toBe(rule);
    for (const kind of ['public-participation', 'expert-review', 'risk-assessment'])
      await act(handle, { taskId: prerequisites.id, action: 'record', data: { kind, reference: kind }, actor: user(`${p}.housing.staff`) });
    await act(handle, { taskId: prerequisites.id, action: 'confirm', actor: user(`${p}.housing.staff`) });
    state = await waitForState(handle, atStep('agenda.legality-review'));
    const legality = openTask(state, 'agenda.legality-review');
    expect(legality.rule).toBe(rule);
    await act(handle, { taskId: legality.id, action: 'legality-reviewed', data: { lawful: true, opinion: '合法' }, actor: user(legality.assignees[0].userId) });
    const next = await waitForState(handle, (s) => s.tasks.some((t) => ['agenda.review', 'agenda.opinion'].includes(t.step) && t.status === 'open') || s.status !== 'running');
    expect(next.status).toBe('running');
    expect(next.tasks.find((t) => t.status === 'open')!.rule).toBe(chainRule);
    await handle.terminate('test done');
  });
});

describe('agenda item: publishing the decision (000:53 除依法需要保密的外,应当及时公布)', () => {
  it('000: a confidential decision is supervised like any other but withheld from the public list, and the audit names no decision for it; its open twin is published', async () => {
    const open = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { title: '关于公开事项的议题' }));
    const secret = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { title: '关于保密事项的议题', confidential: true }));
    const supervisionDueAt = new Date((await h.env.currentTimeMs()) + 30 * DAY).toISOString();
    const finished: Record<string, ProcessState> = {};
    for (const [name, handle, decision] of [['open', open, '原则通过，由区住建局组织实施'], ['secret', secret, '同意按保密方案实施']] as const) {
      await queued(handle);
      await decideBySignal(handle, await meetingFor(JS), { decision, supervisionDueAt });
      finished[name] = await waitForState(handle, (s) => s.status !== 'running');
    }
    for (const s of Object.values(finished)) {
      expect(s.status).toBe('completed');
      // Published or not, the decision is supervised (000:54), its text in the ticket the lead unit gets.
      const ticket = s.links.find((l) => l.relation === 'spawned' && l.type === 'supervisionTicket');
      expect(ticket).toBeDefined();
      const ticketHandle = h.env.client.workflow.getHandle(ticket!.processId);
      expect((await waitForState(ticketHandle, (x) => x.tasks.length > 0)).details).toMatchObject({ source: 'meeting-decision', responsibleUnitId: 'js.housing' });
      await ticketHandle.terminate('test done');
    }
    expect(finished.secret.details.decisionPublished).toBe(false);
    expect(finished.open.details.decisionPublished).toBe(true);
    const published = (handle: WorkflowHandle) => auditOf(handle).then((t) => t.filter((e) => e.action.startsWith('decision-')));
    expect(await published(secret)).toEqual([expect.objectContaining({ action: 'decision-not-published', actorId: 'system', rule: '000:53', detail: 'confidential' })]);
    expect(await published(open)).toEqual([expect.objectContaining({ action: 'decision-published', rule: '000:53', detail: '原则通过，由区住建局组织实施' })]);
    const listed = await listPublishedDecisions(h.db, { jurisdiction: JS, limit: 100, offset: 0 });
    expect(listed.filter((d) => d.itemId === open.workflowId)).toEqual([expect.objectContaining({ decision: '原则通过，由区住建局组织实施', rule: '000:53' })]);
    expect(listed.filter((d) => d.itemId === secret.workflowId)).toEqual([]);
    expect(listed.some((d) => d.decision === '同意按保密方案实施' || d.title === '关于保密事项的议题')).toBe(false);
  });

  it('002 sets no publication rule (none:002): a decided matter is neither published nor recorded as withheld', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(LX, { title: '关于历下区事项的议题' }));
    await queued(handle);
    await decideBySignal(handle, await meetingFor(LX), { decision: '原则通过', supervisionDueAt: new Date((await h.env.currentTimeMs()) + 30 * DAY).toISOString() });
    const s = await waitForState(handle, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    expect(s.details.decisionPublished).toBeUndefined();
    expect((await auditOf(handle)).filter((e) => e.action.startsWith('decision-'))).toEqual([]);
    expect((await listPublishedDecisions(h.db, { jurisdiction: LX, limit: 100, offset: 0 })).filter((d) => d.itemId === handle.workflowId)).toEqual([]);
    for (const l of s.links.filter((x) => x.relation === 'spawned')) await h.env.client.workflow.getHandle(l.processId).terminate('test done');
  });
});

describe('agenda item: taken off a meeting’s agenda by the chief (000:50 区长确定议题)', () => {
  itOnOwnServer('000 — the chief leaves the item off meeting A with a reason; A is held without it; the next meeting takes it and decides it', async (own) => {
    const { chief, secretary } = people(JS);
    const item = await startAgendaItem(own.env.client, own.taskQueue, agendaItemInput(JS));
    await driveAgendaItem(item, awaitingMeeting);
    await waitForState(item, (s) => s.details.queue !== undefined);
    const now = await own.env.currentTimeMs();
    // 30 and 60 days ahead: the item is ready long before either cut-off (5 working days, 000:50), on any calendar.
    const [meetingA, meetingB] = [await startMeeting(own, { jurisdiction: JS, startsAt: new Date(now + 30 * DAY).toISOString() }), await startMeeting(own, { jurisdiction: JS, startsAt: new Date(now + 60 * DAY).toISOString() })];
    const cutoff = async (m: WorkflowHandle) => String((await waitForState(m, (s) => s.details.cutoffAt !== undefined)).details.cutoffAt);
    const startsAt = async (m: WorkflowHandle) => String((await stateOf(m)).details.startsAt);

    await skipPast(own, await cutoff(meetingA));
    let a = await waitForState(meetingA, isAt('meeting.fix-agenda'));
    expect((a.details.agenda as { itemId: string }[]).map((i) => i.itemId)).toEqual([item.workflowId]);
    expect((await waitForState(item, (s) => s.step === 'scheduled')).details.meeting).toMatchObject({ id: meetingA.workflowId });
    const fix = openTask(a, 'meeting.fix-agenda');
    expect(fix).toMatchObject({ rule: '000:50', assignees: [{ userId: chief }] });
    expect(await rejectionOf(act(meetingA, { taskId: fix.id, action: 'fix-agenda', data: { remove: [{ itemId: 'agendaItem.none', reason: '条件尚不成熟' }] }, actor: user(chief) }))).toMatchObject({
      type: 'BadRequest',
      fields: [{ field: 'data.remove.0.itemId', reason: `not on this agenda; one of: ${item.workflowId}` }],
    });
    expect(await rejectionOf(act(meetingA, { taskId: fix.id, action: 'fix-agenda', data: { remove: [{ itemId: item.workflowId, reason: '条件尚不成熟' }] }, actor: user(secretary) }))).toMatchObject({ type: 'Forbidden' });
    a = await fixAgenda(meetingA, chief, [{ itemId: item.workflowId, reason: '条件尚不成熟' }]);
    expect(a.details.agenda).toEqual([]);
    expect(a.details.removed).toEqual([expect.objectContaining({ itemId: item.workflowId, reason: '条件尚不成熟', by: chief })]);
    expect((await auditOf(meetingA)).filter((e) => e.action === 'item-removed')).toEqual([expect.objectContaining({ actorId: chief, rule: '000:50', detail: `${item.workflowId}: 条件尚不成熟` })]);

    // The item hears it and waits again, back in the queue.
    expect((await waitForAudit(item, 'taken-off-agenda')).filter((e) => e.action === 'taken-off-agenda')).toEqual([
      expect.objectContaining({ actorId: 'system', detail: `${meetingA.workflowId}: left off the agenda by the chief: 条件尚不成熟` }), // the chief's own reason reaches the item
    ]);
    expect((await waitForState(item, (s) => s.step === 'awaiting-meeting')).status).toBe('running');
    expect(await getQueuedItem(own.db, item.workflowId)).toMatchObject({ meetingId: null });

    // Meeting A is held without it: nothing reaches the item.
    await skipPast(own, await startsAt(meetingA));
    await rollCall(meetingA, secretary, await membersOf(own, JS));
    a = await decideAndSign(meetingA, JS);
    expect((await waitForState(meetingA, (s) => s.status !== 'running')).status).toBe('completed');
    expect((await auditOf(meetingA)).find((e) => e.action === 'outcomes-released')).toMatchObject({ detail: 'no items' });
    expect((await stateOf(item)).details.outcome).toBeUndefined();

    // Meeting B takes it and decides it; the decision is supervised (000:54).
    await skipPast(own, await cutoff(meetingB));
    const b = await waitForState(meetingB, isAt('meeting.fix-agenda'));
    expect((b.details.agenda as { itemId: string }[]).map((i) => i.itemId)).toEqual([item.workflowId]);
    await fixAgenda(meetingB, chief);
    await skipPast(own, await startsAt(meetingB));
    await rollCall(meetingB, secretary, await membersOf(own, JS));
    await decideAndSign(meetingB, JS);
    let s = await waitForState(item, (x) => x.tasks.some((t) => t.step === 'agenda.supervision-notice' && t.status === 'open'));
    expect(s.details.outcome).toMatchObject({ meetingId: meetingB.workflowId, outcome: 'approved', minutesSignedBy: chief });
    expect(s.links.filter((l) => l.relation === 'meeting').map((l) => l.processId)).toEqual([meetingA.workflowId, meetingB.workflowId]);
    const notice = openTask(s, 'agenda.supervision-notice');
    await act(item, { taskId: notice.id, action: 'issue-notice', data: { dueAt: new Date((await own.env.currentTimeMs()) + 30 * DAY).toISOString() }, actor: user(notice.assignees[0].userId) });
    s = await waitForState(item, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    await recordHistory(item, 'agendaItem-taken-off-then-decided-v2');
    await recordHistory(meetingA, 'standingMeeting-item-removed-v2');
    for (const l of s.links.filter((x) => x.relation === 'spawned')) await own.env.client.workflow.getHandle(l.processId).terminate('test done');
    await cleanUp(own, meetingA, meetingB, item);
  });
});
