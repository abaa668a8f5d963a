import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, getConsultation } from '../../db/consultation-repository';
import { getDecision } from '../../db/major-decision-repository';
import { enqueueAgendaItem } from '../../db/meeting-repository';
import type { DecisionEvidence } from '../../domain/decisions/evidence';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import { agendaOutcomeSignal, agendaScheduledSignal } from '../../workflows/meeting-messages';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { ASSESSED, actAt, agendaItemIdOf, decisionInput, documentIdOf, isAt, startDecision } from '../support/decision-helpers';
import { driveDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { fixAgenda, itOnOwnMeetingServer, people, rollCall, serverNow, skipPast, startMeeting } from '../support/meeting-helpers';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForState } from '../support/process-helpers';
import { itOnOwnServer, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const DAY = 86_400_000;

/** Room for a whole decision (a year of it, skipped) on a busy two-core machine. */
const WHOLE_DECISION_TIMEOUT_MS = 240_000;
const iso = (ms: number) => new Date(ms).toISOString();

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

/** The validator's failure details: [{ field, reason }]. */
const fieldsOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { details?: unknown[] }).details?.[0] as { field: string; reason: string }[];
};

/** Initiation and a 30-day comment period, skipped to its end, and the summary. */
async function throughParticipation(h: TimeSkippingHarness, decision: WorkflowHandle, summary = { overview: '未收到意见', themes: [] as unknown[] }): Promise<ProcessState> {
  await actAt(decision, 'decision.initiation', 'agree-to-start', { opinion: '同意启动' });
  const opened = await actAt(decision, 'decision.consultation-opening', 'open-consultation', { periodDays: 30 });
  await skipPast(h, opened.deadlines.find((d) => d.id === 'comment-period')!.dueAt);
  return actAt(decision, 'decision.comment-summary', 'submit-summary', summary);
}

/** Expert review, a low risk and (where it runs) a compliant fair-competition review. */
async function throughAssessments(decision: WorkflowHandle, publicOpinion = false): Promise<void> {
  await actAt(decision, 'decision.expert-review', 'record-expert-review', ASSESSED.expert);
  await actAt(decision, 'decision.risk-assessment', 'record-risk-assessment', { ...ASSESSED.lowRisk, ...(publicOpinion ? { publicOpinion: { assessment: '舆情平稳', responsePlan: '及时回应关切' } } : {}) });
  const s = await stateOf(decision);
  if (s.tasks.some((t) => t.step === 'decision.fair-competition-review' && t.status === 'open')) await actAt(decision, 'decision.fair-competition-review', 'record-fair-competition-review', ASSESSED.fair);
}

async function throughLegality(h: TimeSkippingHarness, decision: WorkflowHandle): Promise<void> {
  const plannedMeetingAt = iso((await h.env.currentTimeMs()) + 30 * DAY);
  await actAt(decision, 'decision.legality-submission', 'submit-for-legality-review', { plannedMeetingAt, countersignedBy: ['区财政局'] });
  await actAt(decision, 'decision.legality-review', 'legality-reviewed', { lawful: true, opinion: '符合法律法规规定' });
}

/** The meeting's side, played by the test: the item is scheduled, then hears its signed outcome with the members' views. */
async function decideAtMeeting(h: TimeSkippingHarness, item: WorkflowHandle, chief: string): Promise<void> {
  const meetingId = `meeting.${randomUUID()}`;
  await item.signal(agendaScheduledSignal, { meetingId, startsAt: iso((await h.env.currentTimeMs()) + DAY) });
  await waitForState(item, (s) => s.step === 'scheduled');
  await item.signal(agendaOutcomeSignal, {
    meetingId,
    outcome: 'approved',
    decision: '原则通过《老旧小区改造三年行动计划》',
    viceChiefOpinion: '分管副区长：建议通过',
    views: [
      { memberId: 'vice-1', position: 'approve', opinion: '同意' },
      { memberId: chief, position: 'approve', opinion: '同意，抓紧实施' },
    ],
    minutesSignedAt: iso(await h.env.currentTimeMs()),
    minutesSignedBy: chief,
  });
}

describe('major decision (重大行政决策): the full path', () => {
  itOnOwnServer('000: initiation → comments (with a hearing) → assessments side by side → legality review → the agenda item with the evidence → decided → higher approval → document and portal → supervision → evaluation → archived', async (h) => {
    const input = decisionInput(JS, { hearingPlanned: true, higherApprovalRequired: true });
    const decision = await startDecision(h.env.client, h.taskQueue, input);
    let s = await actAt(decision, 'decision.initiation', 'agree-to-start', {});
    expect(openTask(await waitForState(decision, isAt('decision.consultation-opening')), 'decision.consultation-opening').rule).toBe('decree713:15');
    s = await actAt(decision, 'decision.consultation-opening', 'open-consultation', { periodDays: 30 });
    const period = s.deadlines.find((d) => d.id === 'comment-period')!;
    expect(period).toMatchObject({ rule: 'decree713:15', limit: { unit: 'days', n: 30 } });

    // The hearing: materials 7 days ahead (decree713:16), announced on the consultation.
    const now = await h.env.currentTimeMs();
    const hearingAt = iso(now + 20 * DAY);
    const hearing = openTask(await waitForState(decision, isAt('decision.hearing')), 'decision.hearing');
    expect(hearing.rule).toBe('decree713:16');
    const late = await fieldsOf(act(decision, { taskId: hearing.id, action: 'announce-hearing', data: { matter: '补助标准', at: hearingAt, place: '区政府会议室', materialsSentAt: iso(now + 15 * DAY), participantSelection: '公开报名' }, actor: { userId: 'js.housing.staff', roles: [] } }));
    expect(late).toEqual([expect.objectContaining({ field: 'data.materialsSentAt', reason: expect.stringContaining('decree713:16') })]);
    await act(decision, { taskId: hearing.id, action: 'announce-hearing', data: { matter: '补助标准', at: hearingAt, place: '区政府会议室', materialsSentAt: iso(now + 10 * DAY), participantSelection: '公开报名' }, actor: { userId: 'js.housing.staff', roles: [] } });
    expect((await getConsultation(h.db, decision.workflowId))?.hearing).toMatchObject({ place: '区政府会议室' });

    // Comments arrive in the database, not the history.
    for (const body of ['建议增加停车位', '建议加装电梯', '支持'])
      expect(await addComment(h.db, { consultationId: decision.workflowId, body, at: iso(await h.env.currentTimeMs()) })).toHaveProperty('receipt');
    await act(decision, { taskId: hearing.id, action: 'record-hearing', data: { record: '听证笔录：……' }, actor: { userId: 'js.housing.staff', roles: [] } });
    await skipPast(h, period.dueAt);
    s = await waitForState(decision, isAt('decision.comment-summary'));
    expect(s.details.participation).toMatchObject({ commentCount: 3 });
    const summary = openTask(s, 'decision.comment-summary');
    expect(await fieldsOf(act(decision, { taskId: summary.id, action: 'submit-summary', data: { overview: '共3条', themes: [] }, actor: { userId: 'js.housing.staff', roles: [] } }))).toEqual([expect.objectContaining({ field: 'data.themes' })]);
    await act(decision, {
      taskId: summary.id,
      action: 'submit-summary',
      data: { overview: '共收到意见3条', themes: [{ theme: '配套设施', commentCount: 2, response: 'adopted' }, { theme: '支持', commentCount: 1, response: 'not-adopted', explanation: '无具体建议' }] },
      actor: { userId: 'js.housing.staff', roles: [] },
    });
    expect((await getConsultation(h.db, decision.workflowId))?.summary?.themes).toHaveLength(2);

    // Side by side: expert review, risk assessment, fair-competition review (000:51).
    s = await waitForState(decision, (x) => ['decision.expert-review', 'decision.risk-assessment', 'decision.fair-competition-review'].every((step) => isAt(step)(x)));
    expect(openTask(s, 'decision.fair-competition-review').assignees.map((a) => a.userId)).toContain('js.market-regulation.head');
    expect(openTask(s, 'decision.fair-competition-review').rule).toBe('000:51');
    await throughAssessments(decision);
    await throughLegality(h, decision);

    // The agenda item starts with the evidence; no prerequisites task; linked both ways.
    const itemId = agendaItemIdOf(decision, JS);
    s = await waitForState(decision, (x) => x.links.some((l) => l.processId === itemId));
    expect(s.links).toContainEqual({ relation: 'agenda-item', processId: itemId, type: 'agendaItem' });
    const item = h.env.client.workflow.getHandle(itemId);
    const { state: ready } = await driveAgendaItem(item, awaitingMeeting);
    expect(ready.links).toContainEqual({ relation: 'spawned-by', processId: decision.workflowId, type: 'majorDecision' });
    expect(ready.tasks.some((t) => t.step === 'agenda.prerequisites' || t.step === 'agenda.legality-review')).toBe(false);
    expect((ready.details.evidence as DecisionEvidence[]).map((e) => e.kind).sort()).toEqual(['expert-review', 'fair-competition-review', 'legality-review', 'public-participation', 'risk-assessment']);
    expect(ready.details.evidence).toContainEqual(expect.objectContaining({ kind: 'legality-review', by: 'js.justice.head', conclusion: '符合法律法规规定', passed: true }));
    await decideAtMeeting(h, item, 'js.chief');

    // Higher approval (000:27), then the document and the portal.
    s = await actAt(decision, 'decision.higher-approval', 'record-approval', { approved: true, authority: '济南市人民政府', reference: '济政字〔2027〕1号' });
    expect(s.tasks.find((t) => t.step === 'decision.higher-approval')!.rule).toBe('000:27');
    expect(openTask(s, 'decision.suspension')).toMatchObject({ rule: 'decree713:38', assignees: [{ userId: 'js.chief' }] });
    const document = h.env.client.workflow.getHandle(documentIdOf(decision, JS));
    await waitForState(decision, (x) => x.links.some((l) => l.type === 'officialDocument'));
    const issued = await driveDocument(document);
    expect(issued.state.status).toBe('completed');
    s = await waitForState(decision, (x) => x.step === 'implementation' && x.links.some((l) => l.type === 'supervisionTicket'));
    const record = await getDecision(h.db, decision.workflowId);
    expect(record).toMatchObject({ status: 'published', decision: '原则通过《老旧小区改造三年行动计划》', documentNumber: issued.state.details.number });
    const evaluation = s.deadlines.find((d) => d.id === 'evaluation')!;
    expect(evaluation).toMatchObject({ rule: '000:28', limit: { unit: 'months', n: 12 } });

    // The evaluation task after the period the decision set; then the file is archived (decree713:33).
    await skipPast(h, evaluation.dueAt);
    s = await actAt(decision, 'decision.evaluation', 'submit-evaluation', { conclusion: '改造任务按期完成，群众满意', recommendation: 'continue' });
    s = await waitForState(decision, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    expect(await getDecision(h.db, decision.workflowId)).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
    const audit = await auditOf(decision);
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['consultation-opened', 'consultation-closed', 'comment-summary-published', 'sent-to-legality-review', 'agenda-item-started', 'decision-published', 'evaluated:continue']));
    // The comments live in PostgreSQL, never in the history: tests/e2e/major-decision-comments-e2e.test.ts
    // sends 5,000 through HTTP and counts the events before and after.
    await recordHistory(decision, 'majorDecision-full-path');
    for (const l of s.links.filter((x) => x.type === 'supervisionTicket')) await h.env.client.workflow.getHandle(l.processId).terminate('test done');
  }, WHOLE_DECISION_TIMEOUT_MS);

  itOnOwnServer('003: reports to the party committee, the people’s congress and the CPPCC before deciding (003:31); the public-opinion assessment is part of the risk assessment (003:29); suspended by the chief after the decision, resumed where it stood, suspended again and stopped for good (decree713:38)', async (h) => {
    const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(ZD, { marketActorsAffected: false }));
    await throughParticipation(h, decision);
    const risk = openTask(await waitForState(decision, isAt('decision.risk-assessment')), 'decision.risk-assessment');
    expect(await fieldsOf(act(decision, { taskId: risk.id, action: 'record-risk-assessment', data: ASSESSED.lowRisk, actor: { userId: 'zd.housing.staff', roles: [] } }))).toEqual([
      expect.objectContaining({ field: 'data.publicOpinion', reason: expect.stringContaining('003:29') }),
    ]);
    await throughAssessments(decision, true);
    await throughLegality(h, decision);
    let s = await waitForState(decision, (x) => ['decision.party-committee-report', 'decision.congress-report', 'decision.cppcc-consultation'].every((step) => isAt(step)(x)));
    expect(['decision.party-committee-report', 'decision.congress-report', 'decision.cppcc-consultation'].map((step) => openTask(s, step).rule)).toEqual(['003:31', '003:31', '003:31']);
    expect(s.tasks.some((t) => t.step === 'decision.fair-competition-review')).toBe(false);
    for (const step of ['decision.party-committee-report', 'decision.congress-report', 'decision.cppcc-consultation'])
      await actAt(decision, step, 'record-report', { reference: '张店区委〔2027〕5号', outcome: 'agreed' });
    const item = h.env.client.workflow.getHandle(agendaItemIdOf(decision, ZD));
    await waitForState(decision, (x) => x.links.some((l) => l.relation === 'agenda-item'));
    await driveAgendaItem(item, awaitingMeeting);
    await decideAtMeeting(h, item, 'zd.chief');
    await waitForState(decision, isAt('decision.suspension'));
    await actAt(decision, 'decision.suspension', 'suspend', { reason: '突发公共卫生事件，暂停实施' }, 'zd.chief');

    // Suspended (decree713:38): it waits for the chief, who alone may resume it.
    s = await waitForState(decision, isAt('decision.resumption'));
    expect(s).toMatchObject({ status: 'running', step: 'suspended' });
    const resumption = openTask(s, 'decision.resumption');
    expect(resumption).toMatchObject({ rule: 'decree713:38', assignees: [{ userId: 'zd.chief' }] });
    expect(resumption.actions.map((a) => a.name)).toEqual(['resume-implementation', 'stop-implementation']);
    expect(s.tasks.filter((t) => t.status === 'open').map((t) => t.step)).toEqual(['decision.resumption']);
    expect(await getDecision(h.db, decision.workflowId)).toMatchObject({ status: 'suspended', suspensionReason: '突发公共卫生事件，暂停实施' });
    const byOther = await rejectionOf(act(decision, { taskId: resumption.id, action: 'resume-implementation', data: { reason: '恢复' }, actor: { userId: 'zd.housing.head', roles: [] } }));
    expect(byOther.type).toBe('Forbidden');
    s = await actAt(decision, 'decision.resumption', 'resume-implementation', { reason: '疫情解除，恢复实施' }, 'zd.chief');

    // Resumed: audited with its article, back where it stood (the document), suspendable again.
    s = await waitForState(decision, (x) => isAt('decision.suspension')(x) && x.step === 'publication');
    expect(s.status).toBe('running');
    expect(await auditOf(decision)).toContainEqual(expect.objectContaining({ action: 'decision-resumed', actorId: 'zd.chief', rule: 'decree713:38', detail: '疫情解除，恢复实施' }));
    expect(await getDecision(h.db, decision.workflowId)).toMatchObject({ status: 'decided', suspensionReason: null });
    expect(s.details.suspensions).toEqual([expect.objectContaining({ reason: '突发公共卫生事件，暂停实施', by: 'zd.chief', resumed: expect.objectContaining({ reason: '疫情解除，恢复实施', by: 'zd.chief' }) })]);
    const issued = await driveDocument(h.env.client.workflow.getHandle(documentIdOf(decision, ZD)));
    expect(issued.state.status).toBe('completed');
    s = await waitForState(decision, (x) => x.step === 'implementation' && x.links.some((l) => l.type === 'supervisionTicket'));
    expect(await getDecision(h.db, decision.workflowId)).toMatchObject({ status: 'published', documentNumber: issued.state.details.number });

    // Suspended again, then stopped for good by a decision taken by the statutory procedure: closed.
    await actAt(decision, 'decision.suspension', 'suspend', { reason: '上级政策调整' }, 'zd.chief');
    await actAt(decision, 'decision.resumption', 'stop-implementation', { reason: '上位政策已废止', reference: '张店区政府常务会议纪要〔2027〕3号' }, 'zd.chief');
    const ended = await waitForState(decision, (x) => x.status !== 'running');
    expect(ended).toMatchObject({ status: 'closed', details: { suspension: { reason: '上级政策调整', by: 'zd.chief' } } });
    expect(await auditOf(decision)).toContainEqual(expect.objectContaining({ action: 'decision-stopped', rule: 'decree713:38', detail: '张店区政府常务会议纪要〔2027〕3号: 上位政策已废止' }));
    expect(await getDecision(h.db, decision.workflowId)).toMatchObject({ status: 'suspended', suspensionReason: '上级政策调整', archivedAt: expect.any(String) });
    await recordHistory(decision, 'majorDecision-resumed');
    for (const l of ended.links.filter((x) => x.type === 'supervisionTicket')) await h.env.client.workflow.getHandle(l.processId).terminate('test done');
  });
});

describe('major decision: where the jurisdictions differ', () => {
  it.each([
    ['chaoyang-shuangta-2022', false, ['decision.party-committee-report'], ['001:25']],
    ['jinan-lixia-2023', true, ['decision.party-committee-report'], ['002:20']],
    ['rizhao-2017', false, ['decision.congress-report'], ['004:24']],
  ] as const)('%s: fair-competition review %s; before deciding, %s (%s)', async (j, fairCompetition, reports, rules) => {
    const h = await startTimeSkipping(); // its own server: time skips do not leak between tests
    try {
      const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(j));
      await throughParticipation(h, decision);
      const assessing = await waitForState(decision, (x) => isAt('decision.expert-review')(x) && isAt('decision.risk-assessment')(x));
      expect(assessing.tasks.some((t) => t.step === 'decision.fair-competition-review')).toBe(fairCompetition);
      await throughAssessments(decision);
      await throughLegality(h, decision);
      const s = await waitForState(decision, (x) => reports.every((step) => isAt(step)(x)));
      expect(s.tasks.filter((t) => t.step.endsWith('-report') || t.step === 'decision.cppcc-consultation').map((t) => [t.step, t.rule])).toEqual(reports.map((r, i) => [r, rules[i]]));
      await decision.terminate('test done');
    } finally {
      await h.teardown();
    }
  }, 240_000);
});

describe('major decision: no gate can be skipped', () => {
  it('decree713:15: a comment period under 30 days without a reason is refused; with one, it runs and the reason is shown', async () => {
    const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(JS));
    await actAt(decision, 'decision.initiation', 'agree-to-start', {});
    const task = openTask(await waitForState(decision, isAt('decision.consultation-opening')), 'decision.consultation-opening');
    const open = (data: Record<string, unknown>) => act(decision, { taskId: task.id, action: 'open-consultation', data, actor: { userId: 'js.housing.staff', roles: [] } });
    expect(await fieldsOf(open({ periodDays: 20 }))).toEqual([{ field: 'data.shortPeriodReason', reason: expect.stringContaining('decree713:15') }]);
    expect((await stateOf(decision)).deadlines).toEqual([]); // a refused action changes nothing
    const s = await open({ periodDays: 20, shortPeriodReason: '汛期前必须完成决策' });
    expect(s.deadlines.find((d) => d.id === 'comment-period')).toMatchObject({ limit: { unit: 'days', n: 20 } });
    expect(await getConsultation(h.db, decision.workflowId)).toMatchObject({ shortPeriodReason: '汛期前必须完成决策', status: 'open' });
    await decision.terminate('test done');
  });

  itOnOwnServer('decree713:22–24: a high risk sends the draft back to the unit; every assessment runs again on the adjusted draft', async (h) => {
    const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(JS));
    await throughParticipation(h, decision);
    await actAt(decision, 'decision.expert-review', 'record-expert-review', ASSESSED.expert);
    await actAt(decision, 'decision.fair-competition-review', 'record-fair-competition-review', ASSESSED.fair);
    await actAt(decision, 'decision.risk-assessment', 'record-risk-assessment', { level: 'high', assessedOn: '2026-12-20', conclusion: '征收补偿标准易引发群体性事件', measures: '调整补偿标准' });
    let s = await waitForState(decision, isAt('decision.adjustment'));
    expect(openTask(s, 'decision.adjustment').rule).toBe('000:24');
    expect(s.tasks.some((t) => t.step === 'decision.legality-submission')).toBe(false);
    expect(await auditOf(decision)).toContainEqual(expect.objectContaining({ action: 'back-to-adjustment', rule: '000:24' }));
    // The adjusted draft keeps the cap of the document it is published as (000:68), like the first.
    const adjustment = openTask(s, 'decision.adjustment');
    const tooLong = await fieldsOf(act(decision, { taskId: adjustment.id, action: 'revise-draft', data: { draft: '字'.repeat(5001), note: '全文重写' }, actor: { userId: adjustment.assignees[0].userId, roles: [] } }));
    expect(tooLong).toEqual([{ field: 'data.draft', reason: expect.stringContaining('(000:68); this one has 5001') }]);
    expect(openTask(await stateOf(decision), 'decision.adjustment').status).toBe('open');
    await actAt(decision, 'decision.adjustment', 'revise-draft', { draft: '调整后的草案：补偿标准提高。', note: '提高补偿标准' });
    s = await waitForState(decision, (x) => ['decision.expert-review', 'decision.risk-assessment', 'decision.fair-competition-review'].every((step) => isAt(step)(x)));
    expect(s.details.draft).toMatchObject({ version: 2, text: '调整后的草案：补偿标准提高。' });
    expect(s.tasks.filter((t) => t.step === 'decision.risk-assessment')).toHaveLength(2);
    await throughAssessments(decision);
    await waitForState(decision, isAt('decision.legality-submission'));
    await decision.terminate('test done');
  });

  itOnOwnServer('decree713:26: sending a draft to legality review with fewer than 7 working days before its meeting is refused', async (h) => {
    const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(JS, { marketActorsAffected: false }));
    await throughParticipation(h, decision);
    await throughAssessments(decision);
    const task = openTask(await waitForState(decision, isAt('decision.legality-submission')), 'decision.legality-submission');
    expect(task.rule).toBe('decree713:26');
    const now = await h.env.currentTimeMs();
    const send = (plannedMeetingAt: string) => act(decision, { taskId: task.id, action: 'submit-for-legality-review', data: { plannedMeetingAt, countersignedBy: [] }, actor: { userId: 'js.housing.staff', roles: [] } });
    expect(await fieldsOf(send(iso(now + 3 * DAY)))).toEqual([{ field: 'data.plannedMeetingAt', reason: expect.stringContaining('decree713:26') }]);
    const s = await send(iso(now + 20 * DAY));
    const review = s.deadlines.find((d) => d.id === 'legality-review')!;
    expect(review).toMatchObject({ rule: 'decree713:26', limit: { unit: 'workingDays', n: 7 } });
    expect(openTask(await waitForState(decision, isAt('decision.legality-review')), 'decision.legality-review')).toMatchObject({ dueAt: review.dueAt, rule: '000:25' });
    await decision.terminate('test done');
  });

  itOnOwnServer('decree713:25: no lawful legality review, no agenda item — the unit revises and resubmits, or withdraws', async (h) => {
    const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(JS, { marketActorsAffected: false }));
    await throughParticipation(h, decision);
    await throughAssessments(decision);
    const planned = iso((await h.env.currentTimeMs()) + 30 * DAY);
    await actAt(decision, 'decision.legality-submission', 'submit-for-legality-review', { plannedMeetingAt: planned, countersignedBy: [] });
    await actAt(decision, 'decision.legality-review', 'legality-reviewed', { lawful: false, opinion: '收费标准缺乏上位法依据' });
    await actAt(decision, 'decision.revision', 'revise-draft', { draft: '修改后的草案', note: '删除收费条款' });
    await actAt(decision, 'decision.legality-submission', 'submit-for-legality-review', { plannedMeetingAt: iso((await h.env.currentTimeMs()) + 30 * DAY), countersignedBy: [] });
    await actAt(decision, 'decision.legality-review', 'legality-reviewed', { lawful: false, opinion: '仍不符合规定' });
    const s = await actAt(decision, 'decision.revision', 'withdraw', { reason: '条件不成熟' });
    const ended = await waitForState(decision, (x) => x.status !== 'running');
    expect(ended.status).toBe('closed');
    expect(ended.links).toEqual([]);
    expect(s.details.legality).toHaveLength(2);
    await expect(h.env.client.workflow.getHandle(agendaItemIdOf(decision, JS)).describe()).rejects.toThrow();
    expect(await auditOf(decision)).toContainEqual(expect.objectContaining({ action: 'found-unlawful', rule: '000:25' }));
    await recordHistory(decision, 'majorDecision-withdrawn');
  });

  it('decree713:25: an agenda item whose decision evidence lacks a lawful legality review never reaches the queue', async () => {
    const evidence: DecisionEvidence[] = ['public-participation', 'expert-review', 'risk-assessment'].map((kind) => ({ kind: kind as DecisionEvidence['kind'], at: new Date().toISOString(), by: 'js.housing.staff', reviewers: [], conclusion: '完成', passed: true }));
    evidence.push({ kind: 'legality-review', at: new Date().toISOString(), by: 'js.justice.head', reviewers: [], conclusion: '不合法', passed: false });
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { majorDecision: true, decision: { processId: 'decision.x', evidence } }));
    const s = await driveAgendaItem(item, (x) => x.status !== 'running');
    expect(s.state.status).toBe('refused');
    expect(await auditOf(item)).toContainEqual(expect.objectContaining({ action: 'prerequisites-missing', rule: 'decree713:25', detail: expect.stringContaining('legality-review') }));
  });
});

describe('major decision at the standing meeting (decree713:30)', () => {
  itOnOwnMeetingServer('the outcome records members’ views with the chief last; a decision against the majority without a reason is refused', async (h) => {
    const { chief, secretary } = people(JS);
    const now = (await serverNow(h)).getTime();
    const startsAt = iso(now + 3_600_000);
    const probe = await h.env.client.workflow.start('agendaProbe', { taskQueue: 'meeting-probe', workflowId: processId('agendaItem', JS, randomUUID()), args: [] });
    await enqueueAgendaItem(h.db, { itemId: probe.workflowId, jurisdiction: JS, title: '老旧小区改造三年行动计划', leadUnit: 'js.housing', readyAt: iso(now - 40 * DAY), majorDecision: true });
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    const s = await rollCall(meeting, secretary, ['js.chief', 'js.exec-vice-chief-li', 'js.vice-chief-wang', 'js.vice-chief-zhang']);
    const task = openTask(s, 'meeting.record-outcome');
    expect(task.title).toContain('区长最后发表意见（decree713:30）');
    const record = (data: Record<string, unknown>) => act(meeting, { taskId: task.id, action: 'record', data: { outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', ...data }, actor: { userId: secretary, roles: [] } });
    const against = [
      { memberId: 'js.exec-vice-chief-li', position: 'not-approve', opinion: '资金压力大' },
      { memberId: 'js.vice-chief-wang', position: 'not-approve', opinion: '建议缓议' },
      { memberId: 'js.vice-chief-zhang', position: 'approve', opinion: '同意' },
      { memberId: chief, position: 'approve', opinion: '民生急需，同意实施' },
    ];
    expect(await fieldsOf(record({}))).toEqual([expect.objectContaining({ field: 'data.views', reason: expect.stringContaining('decree713:30') })]);
    expect(await fieldsOf(record({ views: [...against].reverse() }))).toContainEqual(expect.objectContaining({ reason: expect.stringContaining('speaks last') }));
    expect(await fieldsOf(record({ views: against }))).toEqual([{ field: 'data.againstMajorityReason', reason: expect.stringContaining('decree713:30') }]);
    const done = await record({ views: against, againstMajorityReason: '民生急需，资金可分年度安排' });
    expect((done.details.outcomes as Record<string, { againstMajorityReason?: string }>)[probe.workflowId]).toMatchObject({ againstMajorityReason: '民生急需，资金可分年度安排', views: against });
    await meeting.terminate('test done');
    await probe.terminate('test done');
  });
});
