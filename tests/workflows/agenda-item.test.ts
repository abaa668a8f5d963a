import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { getQueuedItem, registerMeeting } from '../../db/meeting-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaOutcomeSignal, agendaScheduledSignal, type AgendaOutcome } from '../../workflows/meeting-messages';
import { stateQuery } from '../../workflows/messages';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { recordHistory } from '../support/histories';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForAudit, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

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
const days = (n: number) => n * 86_400_000;

/** The meeting's side of the contract, played by the test: schedule the item, then send the signed outcome. */
async function decide(handle: WorkflowHandle, meetingId: string, outcome: Partial<AgendaOutcome> = {}): Promise<void> {
  await handle.signal(agendaScheduledSignal, { meetingId, startsAt: new Date(Date.now() + days(1)).toISOString() });
  await waitForState(handle, (s) => s.step === 'scheduled');
  await handle.signal(agendaOutcomeSignal, { meetingId, outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', minutesSignedAt: new Date().toISOString(), minutesSignedBy: 'chief', ...outcome });
}

describe('agenda item (议题): application to the meeting', () => {
  it('000:50: reviewed by the vice chief in charge and agreed by the chief; a late item is told which meeting it missed, and why', async () => {
    const input = agendaItemInput(JS, { countersignUnitIds: ['js.finance'] });
    const past = { id: `meeting.${JS}.${randomUUID()}`, jurisdiction: JS, startsAt: new Date(Date.now() + days(2)).toISOString(), cutoffAt: new Date(Date.now() - days(1)).toISOString() };
    const future = { id: `meeting.${JS}.${randomUUID()}`, jurisdiction: JS, startsAt: new Date(Date.now() + days(20)).toISOString(), cutoffAt: new Date(Date.now() + days(12)).toISOString() };
    await registerMeeting(h.db, past);
    await registerMeeting(h.db, future);
    const handle = await startAgendaItem(h.env.client, h.taskQueue, input);
    const { state, acted } = await driveAgendaItem(handle, awaitingMeeting);
    expect(acted).toEqual(['agenda.admissibility:js.office.staff', 'agenda.countersign:js.finance.head', 'agenda.review:js.vice-chief-wang', 'agenda.consent:js.chief']);
    expect(state.details.reviews).toEqual([expect.objectContaining({ role: 'vice-chief', rule: '000:50' }), expect.objectContaining({ role: 'chief', act: 'consent', rule: '000:50' })]);
    const queued = await waitForState(handle, (s) => (s.details.queue as { missed?: unknown[] } | undefined)?.missed !== undefined);
    expect(queued.details.queue).toMatchObject({ next: { id: future.id }, missed: [{ id: past.id }] });
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'missed-cutoff', rule: '000:50', detail: expect.stringContaining('5 working days') }));
    expect((await listNotifications(h.db, { recipientId: 'js.housing.staff' })).some((n) => n.kind === 'agenda-late' && n.processId === handle.workflowId)).toBe(true);
    expect(await getQueuedItem(h.db, handle.workflowId)).toMatchObject({ meetingId: null, leadUnit: 'js.housing' });
    await handle.terminate('test done');
  });

  it.each([
    [LX, ['agenda.review:lx.office.deputy-song', 'agenda.opinion', 'agenda.opinion', 'agenda.opinion', 'agenda.opinion', 'agenda.review:lx.vice-chief-xu', 'agenda.consent:lx.chief'], '002:40'],
    [ZD, ['agenda.review:zd.vice-chief-hu', 'agenda.review:zd.office.director', 'agenda.consent:zd.chief'], '003:52'],
    [CS, ['agenda.review:cs.vice-chief-yang', 'agenda.review:cs.office.staff', 'agenda.review:cs.exec-vice-chief-liu', 'agenda.consent:cs.chief'], '001:41'],
    [RZ, ['agenda.review:rz.office.staff', 'agenda.consent:rz.chief'], '004:41'],
  ] as const)('%s: the review chain runs in the rulebook’s order (%s …)', async (j, expected, rule) => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(j));
    const { state, acted } = await driveAgendaItem(handle, awaitingMeeting);
    // After the application's own steps (002:40's attending heads' signatures, the office's admission): the review chain.
    const chain = acted.filter((a) => !a.startsWith('agenda.attending-signature') && !a.startsWith('agenda.admissibility'));
    expect(chain.map((a) => (a.startsWith('agenda.opinion') ? 'agenda.opinion' : a))).toEqual(expected);
    expect((state.details.reviews as { rule: string }[])[0].rule).toBe(rule);
    await handle.terminate('test done');
  });

  it('002:41: the office rejects an item as a unit’s own duty, with the reason recorded and the applicant told; other reasons are refused', async () => {
    // No unit to attend: nothing for attending heads to sign first (002:40, tests/workflows/agenda-attending-signatures.test.ts).
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(LX, { attendingUnitIds: [] }));
    const task = openTask(await waitForState(handle, atStep('agenda.admissibility')), 'agenda.admissibility');
    const refused = await rejectionOf(act(handle, { taskId: task.id, action: 'reject', data: { reason: 'too-expensive', explanation: 'x' }, actor: user('lx.office.staff') }));
    expect(refused).toMatchObject({ type: 'BadRequest', fields: [{ field: 'data.reason', reason: expect.stringContaining('unit-own-duty (002:41)') }] });
    expect(openTask(await stateOf(handle), 'agenda.admissibility').id).toBe(task.id);
    const state = await act(handle, { taskId: task.id, action: 'reject', data: { reason: 'unit-own-duty', explanation: '属于区住建局职责范围' }, actor: user('lx.office.staff') });
    expect(state.status).toBe('refused');
    expect(state.details.rejection).toMatchObject({ reason: 'unit-own-duty', rule: '002:41' });
    expect((await listNotifications(h.db, { recipientId: 'lx.housing.staff' })).some((n) => n.kind === 'agenda-rejected')).toBe(true);
    await recordHistory(handle, 'agendaItem-inadmissible-v2');
  });

  it('001:41: an item the chief does not approve is never queued for a meeting', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(CS));
    const state = await driveAgendaItem(handle, atStep('agenda.consent'));
    const consent = openTask(state.state, 'agenda.consent');
    const done = await act(handle, { taskId: consent.id, action: 'not-approve', data: { reason: '条件不成熟' }, actor: user('cs.chief') });
    expect(done.status).toBe('refused');
    expect(await getQueuedItem(h.db, handle.workflowId)).toBeUndefined();
  });

  it('000:51: a disagreement goes to a coordination note, the vice chief in charge, then the chief, who may stop the item', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { countersignUnitIds: ['js.finance'] }));
    let state = await driveAgendaItem(handle, atStep('agenda.countersign')).then((r) => r.state);
    await act(handle, { taskId: openTask(state, 'agenda.countersign').id, action: 'disagree', data: { grounds: '财政资金无法保障' }, actor: user('js.finance.head') });
    state = await waitForState(handle, atStep('agenda.coordination-note'));
    await act(handle, { taskId: openTask(state, 'agenda.coordination-note').id, action: 'submit-note', data: { grounds: '群众需求迫切', proposal: '分年度实施' }, actor: user('js.housing.head') });
    state = await waitForState(handle, atStep('agenda.vice-chief-coordination'));
    const viceChief = openTask(state, 'agenda.vice-chief-coordination');
    expect(viceChief.assignees.map((a) => a.userId)).toEqual(['js.vice-chief-wang']);
    expect(viceChief.rule).toBe('000:51');
    await act(handle, { taskId: viceChief.id, action: 'opinion-to-chief', data: { opinion: '建议分年度实施' }, actor: user('js.vice-chief-wang') });
    state = await waitForState(handle, atStep('agenda.chief-decision'));
    const done = await act(handle, { taskId: openTask(state, 'agenda.chief-decision').id, action: 'decide', data: { decision: '暂缓上会，继续协调', proceed: false }, actor: user('js.chief') });
    expect(done.status).toBe('refused');
    expect(done.details.coordination).toMatchObject({ objections: [{ unitId: 'js.finance', grounds: '财政资金无法保障' }], proposal: '分年度实施' });
  });

  it('000:51: a major decision records public participation, expert review and risk assessment, then the justice bureau’s legality review; unlawful stops it (decree713:25)', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { majorDecision: true }));
    let state = await driveAgendaItem(handle, atStep('agenda.prerequisites')).then((r) => r.state);
    const task = openTask(state, 'agenda.prerequisites');
    expect(task.rule).toBe('000:51');
    const confirm = () => act(handle, { taskId: task.id, action: 'confirm', actor: user('js.housing.staff') });
    expect(await rejectionOf(confirm())).toMatchObject({ type: 'Conflict', message: expect.stringContaining('public-participation') });
    for (const kind of ['public-participation', 'expert-review', 'risk-assessment'])
      await act(handle, { taskId: task.id, action: 'record', data: { kind, reference: `区住建〔2026〕${kind}` }, actor: user('js.housing.staff') });
    expect(await rejectionOf(act(handle, { taskId: task.id, action: 'record', data: { kind: 'legality-review', reference: 'x' }, actor: user('js.housing.staff') }))).toMatchObject({
      type: 'BadRequest',
      fields: [{ field: 'data.kind', reason: expect.stringContaining('public-participation') }],
    });
    await confirm();
    state = await waitForState(handle, atStep('agenda.legality-review'));
    const legality = openTask(state, 'agenda.legality-review');
    expect(legality.assignees.map((a) => a.userId)).toContain('js.justice.head');
    const done = await act(handle, { taskId: legality.id, action: 'legality-reviewed', data: { lawful: false, opinion: '补助标准缺乏上位法依据' }, actor: user('js.justice.head') });
    expect(done.status).toBe('refused');
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'found-unlawful', rule: 'decree713:25' }));
  });

  it('003:53: a normative-document draft needs only the justice bureau’s legality review first', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(ZD, { normativeDocument: true }));
    const state = await driveAgendaItem(handle, atStep('agenda.legality-review')).then((r) => r.state);
    const legality = openTask(state, 'agenda.legality-review');
    expect(legality.rule).toBe('003:53');
    expect(state.tasks.some((t) => t.step === 'agenda.prerequisites')).toBe(false);
    await act(handle, { taskId: legality.id, action: 'legality-reviewed', data: { lawful: true, opinion: '合法' }, actor: user('zd.justice.head') });
    // Found lawful, the item goes on to the review chain (a refused item would stop here).
    const reviewing = await waitForState(handle, (s) => s.tasks.some((t) => t.step === 'agenda.review' && t.status === 'open'));
    expect(reviewing.status).toBe('running');
    expect(openTask(reviewing, 'agenda.review')).toMatchObject({ rule: '003:52', assignees: [{ userId: 'zd.vice-chief-hu' }] });
    await handle.terminate('test done');
  });

  it('001:41: a returned application is revised within the 1000-character cap before the chain starts again', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(CS));
    let state = await driveAgendaItem(handle, atStep('agenda.review')).then((r) => r.state);
    await act(handle, { taskId: openTask(state, 'agenda.review').id, action: 'return', data: { reason: '请补充资金测算' }, actor: user('cs.vice-chief-yang') });
    state = await waitForState(handle, atStep('agenda.revision'));
    const revision = openTask(state, 'agenda.revision');
    const err = await rejectionOf(act(handle, { taskId: revision.id, action: 'resubmit', data: { materials: '字'.repeat(1001), note: '补充' }, actor: user('cs.housing.staff') }));
    expect(err).toMatchObject({ type: 'BadRequest', fields: [expect.objectContaining({ field: 'data.materials', reason: expect.stringContaining('001:41') })] });
    await act(handle, { taskId: revision.id, action: 'resubmit', data: { materials: '补充了资金测算。', note: '补充' }, actor: user('cs.housing.staff') });
    state = await waitForState(handle, atStep('agenda.review'));
    expect(state.details.application).toMatchObject({ materials: '补充了资金测算。', version: 2 });
    await handle.terminate('test done');
  });
});

describe('agenda item: outcome and follow-up', () => {
  it('a deferred item goes back to the queue; approved later, it starts its document and supervision ticket, linked both ways (000:53, 000:54)', async () => {
    const doc = { issuer: 'government' as const, kind: 'notice' as const, title: '关于加装电梯补助的通知', body: '各街道：……', scope: 'specific-task' as const, disclosure: 'proactive' as const, addressees: ['js.daguanyuan'] };
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { document: doc }));
    await driveAgendaItem(handle, awaitingMeeting);
    const first = `meeting.${JS}.${randomUUID()}`;
    await decide(handle, first, { outcome: 'deferred', decision: '进一步研究' });
    let state = await waitForState(handle, (s) => s.step === 'awaiting-meeting' && (s.details.outcome as AgendaOutcome | undefined)?.outcome === 'deferred');
    expect(await getQueuedItem(h.db, handle.workflowId)).toMatchObject({ meetingId: null });

    const second = `meeting.${JS}.${randomUUID()}`;
    const dueAt = new Date(Date.now() + days(30)).toISOString();
    await decide(handle, second, { supervisionDueAt: dueAt });
    state = await waitForState(handle, (s) => s.links.filter((l) => l.relation === 'spawned').length === 2 && s.deadlines.some((d) => d.id === 'document-issue'));
    expect(state.links).toEqual(expect.arrayContaining([expect.objectContaining({ relation: 'meeting', processId: first }), expect.objectContaining({ relation: 'meeting', processId: second })]));
    const documentId = state.links.find((l) => l.type === 'officialDocument')!.processId;
    const ticketId = state.links.find((l) => l.type === 'supervisionTicket')!.processId;
    const issue = state.deadlines.find((d) => d.id === 'document-issue')!;
    expect(issue).toMatchObject({ rule: '000:53', limit: { unit: 'workingDays', n: 5 } });
    expect(issue.dueAt).toBe(computeDue(issue.startAt, { unit: 'workingDays', n: 5 }, await loadHolidayTable(h.db)).dueAt);

    const document = h.env.client.workflow.getHandle(documentId);
    const documentState = await waitForState(document, (s) => s.tasks.length > 0);
    expect(documentState.links).toContainEqual({ relation: 'spawned-by', processId: handle.workflowId, type: 'agendaItem' });
    const ticket = await h.env.client.workflow.getHandle(ticketId).query(stateQuery);
    expect(ticket.links).toContainEqual({ relation: 'spawned-by', processId: handle.workflowId, type: 'agendaItem' });
    expect(ticket.deadlines[0].dueAt).toBe(dueAt);
    expect(await getQueuedItem(h.db, handle.workflowId)).toBeUndefined();
    for (const id of [documentId, ticketId, handle.workflowId]) await h.env.client.workflow.getHandle(id).terminate('test done');
  });

  it('001: a not-approved outcome closes the item, with nothing to supervise', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(CS));
    await driveAgendaItem(handle, awaitingMeeting);
    await decide(handle, `meeting.${CS}.${randomUUID()}`, { outcome: 'not-approved', decision: '不予通过' });
    const state = await waitForState(handle, (s) => s.status !== 'running');
    expect(state.status).toBe('closed');
    expect(state.links.filter((l) => l.relation === 'spawned')).toEqual([]);
  });

  it('000:54: approved without a deadline from the meeting, the supervision office fixes the notice’s', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS));
    await driveAgendaItem(handle, awaitingMeeting);
    await decide(handle, `meeting.${JS}.${randomUUID()}`);
    const state = await waitForState(handle, atStep('agenda.supervision-notice'));
    const notice = openTask(state, 'agenda.supervision-notice');
    const dueAt = new Date(Date.now() + days(15)).toISOString();
    await act(handle, { taskId: notice.id, action: 'issue-notice', data: { dueAt }, actor: user(notice.assignees[0].userId) });
    const finished = await waitForState(handle, (s) => s.status === 'completed');
    expect(finished.links).toContainEqual(expect.objectContaining({ relation: 'spawned', type: 'supervisionTicket' }));
    await recordHistory(handle, 'agendaItem-decided');
    await h.env.client.workflow.getHandle(finished.links.find((l) => l.type === 'supervisionTicket')!.processId).terminate('test done');
  });

  itOnOwnServer('000:53: a decided document not issued within 5 working days of the meeting is flagged overdue', async (h) => {
    const doc = { issuer: 'office' as const, kind: 'notice' as const, title: '关于加装电梯的通知', body: '各街道：……', scope: 'specific-task' as const, disclosure: 'not-public' as const, disclosureReason: '内部', addressees: [] };
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { document: doc }));
    await driveAgendaItem(handle, awaitingMeeting);
    await decide(handle, `meeting.${JS}.${randomUUID()}`, { supervisionDueAt: new Date(Date.now() + days(30)).toISOString() });
    const issue = (await waitForState(handle, (s) => s.deadlines.some((d) => d.id === 'document-issue'))).deadlines.find((d) => d.id === 'document-issue')!;
    await skipPast(h, issue.dueAt, -60_000);
    expect((await auditOf(handle)).some((e) => e.action === 'document-overdue')).toBe(false); // a minute before the limit
    await skipPast(h, issue.dueAt);
    const audit = await waitForAudit(handle, 'document-overdue');
    expect(audit).toContainEqual(expect.objectContaining({ action: 'document-overdue', rule: '000:53' }));
    expect((await listNotifications(h.db, { recipientId: 'js.office.director' })).some((n) => n.kind === 'overdue' && n.processId === handle.workflowId)).toBe(true);
    const state = await stateOf(handle);
    for (const l of state.links.filter((x) => x.relation === 'spawned')) await h.env.client.workflow.getHandle(l.processId).terminate('test done');
    await handle.terminate('test done');
  });
});
