import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArchivedAuditTrail } from '../../db/audit-archive-repository';
import { loadHolidayTable } from '../../db/calendar-repository';
import { addAbsence, findUsers, listUnits } from '../../db/directory-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue, extendDue } from '../../domain/calendar/working-days';
import { ENGINE_POLICY } from '../../domain/engine-policy';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { findBrokenLink } from '../../workflows/engine/audit-trail';
import type { Actor } from '../../workflows/engine/types';
import { refreshAssigneesSignal, taskActionSignal } from '../../workflows/messages';
import { act, actorWith, auditOf, openTask, startTicket, stateOf, waitForAudit, waitForSignalHandled, waitForState } from '../support/process-helpers';
import { recordHistory } from '../support/histories';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // seed 001: has the 710 rule
const JS: JurisdictionId = 'jinan-shizhong-2023'; // seed 000: no 710 rule

let h: TimeSkippingHarness;
let unitId: string;
let head: Actor;
let office: Actor;
let outsider: Actor;

beforeAll(async () => {
  h = await startTimeSkipping();
  const finance = (await listUnits(h.db, CS)).find((u) => u.kind === 'department' && u.name.includes('财政'));
  unitId = finance!.id;
  head = await actorWith(h.db, CS, 'department-head', unitId);
  office = await actorWith(h.db, CS, 'supervision-office');
  outsider = await actorWith(h.db, CS, 'office-director');
});
afterAll(async () => h?.teardown());

const ticket = (overrides: Record<string, unknown> = {}) => ({
  jurisdiction: CS,
  title: '老旧小区改造进度督办',
  source: 'leader-instruction' as const,
  responsibleUnitId: unitId,
  complexity: 'ordinary' as const,
  issuedBy: office.userId,
  ...overrides,
});

describe('supervision ticket (督查督办) on the time-skipping server', () => {
  it('001:63 — an ordinary matter — is due 7 days after assignment, and runs notice → execution → verification → close-out (销号)', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const deadline = s.deadlines.find((d) => d.id === 'ticket')!;
    expect(deadline.rule).toBe('001:63');
    expect(deadline.limit).toEqual({ unit: 'days', n: 7, fromEventDay: true });
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'days', n: 7, fromEventDay: true }, await loadHolidayTable(h.db)).dueAt);
    const exec = openTask(s, 'ticket.execution');
    expect(exec.assignees.map((a) => a.userId)).toContain(head.userId);
    expect(exec.dueAt).toBe(deadline.dueAt);

    s = await act(handle, { taskId: exec.id, action: 'acknowledge', actor: head });
    s = await act(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: '已完成摸底' } });
    expect((s.details.progressReports as unknown[]).length).toBe(1);
    s = await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '全部完成' } });
    const verify = openTask(s, 'ticket.verification');
    expect(verify.assignees.map((a) => a.userId)).toContain(office.userId);

    s = await act(handle, { taskId: verify.id, action: 'close', actor: office, data: { praise: true } });
    expect(s.status).toBe('closed');
    expect(s.details.praiseNote).toMatchObject({ rule: '001:64' });
    const final = await handle.result();
    expect(final.status).toBe('closed');
    await recordHistory(handle, 'supervisionTicket-close-out');

    const trail = await auditOf(handle);
    expect(findBrokenLink(trail)).toBe(-1);
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['notice-issued', 'task-opened', 'acknowledge', 'report-progress', 'submit-completion', 'close', 'praise-note-issued', 'closed-out', 'process-closed']),
    );
    const archived = await getArchivedAuditTrail(h.db, handle.workflowId);
    expect(archived?.entries).toHaveLength(trail.length);
    expect((await listNotifications(h.db, { recipientId: head.userId })).some((n) => n.processId === handle.workflowId)).toBe(true);
  });

  it('001:63 — complex and annual matters — are due in 1 month and by 31 December', async () => {
    const table = await loadHolidayTable(h.db);
    for (const [complexity, limit] of [['complex', { unit: 'months', n: 1, fromEventDay: true }], ['annual', { unit: 'yearEnd' }]] as const) {
      const handle = await startTicket(h.env.client, h.taskQueue, ticket({ complexity }));
      const s = await waitForState(handle, (x) => x.tasks.length > 0);
      const d = s.deadlines[0];
      expect(d.limit).toEqual(limit);
      expect(d.dueAt).toBe(computeDue(d.startAt, limit, table).dueAt);
      await handle.terminate('test done');
    }
  });

  it('a jurisdiction whose rules set no limit (000) — without dueAt — fails the start; with dueAt it runs', async () => {
    const without = await startTicket(h.env.client, h.taskQueue, ticket({ jurisdiction: JS, responsibleUnitId: (await listUnits(h.db, JS)).find((u) => u.kind === 'department')!.id, issuedBy: 'system' }));
    const failed = await without.result().then(() => undefined, (e) => e);
    expect(failed).toBeInstanceOf(WorkflowFailedError);
    expect((failed as WorkflowFailedError).cause).toMatchObject({ type: 'BadRequest', message: expect.stringContaining('must give dueAt') });
    const dueAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const withDue = await startTicket(h.env.client, h.taskQueue, ticket({ jurisdiction: JS, complexity: undefined, dueAt, responsibleUnitId: (await listUnits(h.db, JS)).find((u) => u.kind === 'department')!.id }));
    const s = await waitForState(withDue, (x) => x.tasks.length > 0);
    expect(s.deadlines[0]).toMatchObject({ dueAt, rule: 'supervision2020:10', limit: null });
    await withDue.terminate('test done');
  });

  it('rejected actions — not assignee 403, unknown task 404, bad input 400, decided 409 — change nothing', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    const before = await waitForState(handle, (x) => x.tasks.length > 0);
    const exec = openTask(before, 'ticket.execution');
    const failureType = async (p: Promise<unknown>) => {
      const err = await p.then(() => undefined, (e) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return (err as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
    };
    expect((await failureType(act(handle, { taskId: exec.id, action: 'acknowledge', actor: outsider }))).type).toBe('Forbidden');
    expect((await failureType(act(handle, { taskId: 't99', action: 'acknowledge', actor: head }))).type).toBe('NotFound');
    const bad = await failureType(act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '' } }));
    expect(bad.type).toBe('BadRequest');
    expect(bad.details?.[0]).toEqual([expect.objectContaining({ field: 'data.summary' })]);
    expect((await failureType(act(handle, { taskId: exec.id, action: 'close', actor: head }))).type).toBe('BadRequest');
    const long = await failureType(act(handle, { taskId: exec.id, action: 'acknowledge', actor: head, comment: 'x'.repeat(ENGINE_POLICY.maxCommentLength.value + 1) }));
    expect(long.details?.[0]).toEqual([expect.objectContaining({ field: 'comment' })]); // policy:comment-length
    await act(handle, { taskId: exec.id, action: 'acknowledge', actor: head });
    expect((await failureType(act(handle, { taskId: exec.id, action: 'acknowledge', actor: head }))).type).toBe('Conflict');
    const after = await stateOf(handle);
    expect(after.tasks).toEqual(before.tasks.map((t) => (t.id === exec.id ? after.tasks.find((a) => a.id === exec.id) : t)));
    expect((await auditOf(handle)).filter((e) => e.action === 'acknowledge')).toHaveLength(1);
    await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: 'done' } });
    expect((await failureType(act(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: 'late' } }))).type).toBe('Conflict');
    await handle.terminate('test done');
  });

  it('the same action as a signal — invalid — is recorded as rejected; valid — is applied', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    const s = await waitForState(handle, (x) => x.tasks.length > 0);
    const exec = openTask(s, 'ticket.execution');
    await handle.signal(taskActionSignal, { taskId: exec.id, action: 'acknowledge', actor: outsider });
    await handle.signal(taskActionSignal, { taskId: exec.id, action: 'acknowledge', actor: head });
    const trail = await auditOf(handle);
    expect(trail.find((e) => e.action === 'rejected-signal')).toMatchObject({ actorId: outsider.userId, taskId: exec.id });
    expect(trail.find((e) => e.action === 'acknowledge')).toMatchObject({ actorId: head.userId });
    await handle.terminate('test done');
  });

  itOnOwnServer('overdue — reminders at 50 % and 75 %, then escalation and a criticism-and-interview note (001:64) to the leader in charge', async (h) => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    const started = await waitForState(handle, (x) => x.tasks.length > 0);
    const dueAt = openTask(started, 'ticket.execution').dueAt!;
    await skipPast(h, dueAt, -60_000);
    const before = openTask(await stateOf(handle), 'ticket.execution');
    expect(before).toMatchObject({ overdue: false, escalated: false, remindersSent: 2 }); // 50 % and 75 % gone, the limit not yet
    await skipPast(h, dueAt);
    const s = await waitForState(handle, (x) => x.tasks.some((t) => t.overdue));
    const exec = openTask(s, 'ticket.execution');
    expect(exec).toMatchObject({ overdue: true, escalated: true, remindersSent: 2 });
    const actions = (await auditOf(handle)).map((e) => e.action);
    expect(actions.filter((a) => a === 'reminder-sent')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['overdue', 'escalated', 'criticism-note-issued']));
    const findings = s.details.findings as { kind: string; rule: string }[];
    expect(findings).toEqual([expect.objectContaining({ kind: 'criticism-note', rule: '001:64' })]);
    const leaders = (await findUsers(h.db, { jurisdiction: CS, role: 'vice-chief' })).filter((u) => u.portfolio.includes(unitId));
    expect(leaders.length).toBeGreaterThan(0);
    for (const leader of leaders) {
      const notes = await listNotifications(h.db, { recipientId: leader.id });
      expect(notes.some((n) => n.processId === handle.workflowId && n.kind === 'criticism-note')).toBe(true);
    }
    // Late, the unit still completes and the office closes the ticket out.
    let done = await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '逾期完成' } });
    done = await act(handle, { taskId: openTask(done, 'ticket.verification').id, action: 'close', actor: office });
    expect(done.status).toBe('closed');
    await recordHistory(handle, 'supervisionTicket-overdue-escalated');
  });

  it('rework — returned with a new deadline of N working days — opens a second round, then closes', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'submit-completion', actor: head, data: { summary: 'v1' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'return-for-rework', actor: office, data: { reason: '台账不全', workingDays: 3 } });
    const round2 = openTask(s, 'ticket.execution');
    expect(round2.title).toMatch(/整改（第2轮）/);
    const d = s.deadlines.find((x) => x.id === 'ticket')!;
    expect(d.limit).toEqual({ unit: 'workingDays', n: 3 });
    expect(d.changes.length).toBe(2);
    expect((s.details.findings as { kind: string }[])[0].kind).toBe('rework');
    s = await act(handle, { taskId: round2.id, action: 'submit-completion', actor: head, data: { summary: 'v2' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: office });
    expect(s.status).toBe('closed');
  });

  it('objection — re-check due in 30 days (supervision2020:17), extendable once by 30 days; revoking the rework finding reinstates the completion', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'submit-completion', actor: head, data: { summary: 'v1' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'return-for-rework', actor: office, data: { reason: '不认可', workingDays: 5 } });
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'object', actor: head, data: { findingId: 'f1', grounds: '材料已齐全' } });
    const recheck = openTask(s, 'ticket.recheck');
    const rd = s.deadlines.find((d) => d.id === 'recheck-f1')!;
    expect(rd).toMatchObject({ rule: 'supervision2020:17', limit: { unit: 'days', n: 30 } });
    s = await act(handle, { taskId: recheck.id, action: 'extend', actor: office, comment: '需现场核查' });
    const extended = s.deadlines.find((d) => d.id === 'recheck-f1')!;
    // Exactly 30 days more (supervision2020:17), not "at least": 60 would be wrong.
    expect(extended.dueAt).toBe(extendDue(rd.dueAt, { unit: 'days', n: 30 }, await loadHolidayTable(h.db)).dueAt);
    await expect(act(handle, { taskId: recheck.id, action: 'extend', actor: office, comment: 'again' })).rejects.toMatchObject({ cause: { type: 'Conflict' } });
    s = await act(handle, { taskId: recheck.id, action: 'revoke', actor: office, data: { reason: '复核属实' } });
    const final = await handle.result();
    expect(final.status).toBe('closed');
    await recordHistory(handle, 'supervisionTicket-objection');
    expect((await auditOf(handle)).map((e) => e.action)).toEqual(expect.arrayContaining(['objection-revoked', 'completion-reinstated']));
  });

  it('stand-in — 003:9 (补位) — an absent unit head\'s task goes to the named stand-in "on behalf of" the head', async () => {
    const ZD: JurisdictionId = 'zibo-zhangdian-2022';
    const zdOffice = await actorWith(h.db, ZD, 'supervision-office');
    const zdHead = await actorWith(h.db, ZD, 'department-head', 'zd.housing');
    const staff = await actorWith(h.db, ZD, 'department-staff', 'zd.housing');
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ jurisdiction: ZD, responsibleUnitId: 'zd.housing', issuedBy: zdOffice.userId, complexity: undefined, dueAt: new Date(Date.now() + 60 * 86_400_000).toISOString() }));
    const started = Date.parse((await waitForState(handle, (x) => x.tasks.length > 0)).startedAt); // the test server's clock, ahead of ours
    await addAbsence(h.db, { userId: zdHead.userId, from: new Date(started - 60_000).toISOString(), to: new Date(started + 30 * 86_400_000).toISOString(), standInUserId: staff.userId, reason: '出差' });
    await handle.signal(refreshAssigneesSignal, { reason: `${zdHead.userId} absent` });
    const s = await waitForState(handle, (x) => x.tasks[0].assignees.some((a) => a.onBehalfOf === zdHead.userId));
    expect(s.tasks[0].assignees).toContainEqual({ userId: staff.userId, onBehalfOf: zdHead.userId });
    expect(s.tasks[0].assignees.some((a) => a.userId === zdHead.userId)).toBe(false);
    const after = await act(handle, { taskId: s.tasks[0].id, action: 'acknowledge', actor: staff });
    expect(after.tasks[0].status).toBe('open');
    expect((await auditOf(handle)).find((e) => e.action === 'acknowledge')).toMatchObject({ actorId: staff.userId, onBehalfOf: zdHead.userId });
    await handle.terminate('test done');
  });

  it('no stand-in system — 001 (none:001) — the named stand-in does not act for an absent head; the task is never left with the absent head while the unit’s staff are present', async () => {
    const housing = 'cs.housing';
    const csHead = await actorWith(h.db, CS, 'department-head', housing);
    const staff = await actorWith(h.db, CS, 'department-staff', housing);
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ responsibleUnitId: housing }));
    const started = Date.parse((await waitForState(handle, (x) => x.tasks.length > 0)).startedAt);
    await addAbsence(h.db, { userId: csHead.userId, from: new Date(started - 60_000).toISOString(), to: new Date(started + 30 * 86_400_000).toISOString(), standInUserId: staff.userId, reason: '出差' });
    await handle.signal(refreshAssigneesSignal, { reason: `${csHead.userId} absent` });
    await waitForSignalHandled(handle, refreshAssigneesSignal.name);
    // Offered to head and staff of the unit; with the head away, the staff alone, in their own right (no 'on behalf of').
    const s = await stateOf(handle);
    expect(s.tasks[0].assignees).toEqual([{ userId: staff.userId }]);
    await handle.terminate('test done');
  });

  itOnOwnServer('no criticism note in the rules — 000 (none:000) — an overdue ticket is escalated without a 批评约谈单', async (h) => {
    const jsOffice = await actorWith(h.db, JS, 'supervision-office');
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ jurisdiction: JS, responsibleUnitId: 'js.finance', issuedBy: jsOffice.userId, complexity: undefined, dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }));
    await waitForState(handle, (x) => x.tasks.length > 0);
    await h.env.sleep('30 days');
    const s = await waitForState(handle, (x) => x.tasks.some((t) => t.overdue));
    expect(s.tasks[0]).toMatchObject({ overdue: true, escalated: true });
    expect(s.details.findings).toEqual([]);
    expect((await auditOf(handle)).some((e) => e.action === 'criticism-note-issued')).toBe(false);
    await handle.terminate('test done');
  });

  itOnOwnServer('pause and resume — the clock stops while paused and the due time moves by the paused time', async (h) => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const exec = openTask(s, 'ticket.execution');
    s = await act(handle, { taskId: exec.id, action: 'pause', actor: office, comment: '等待上级答复' });
    expect(s.tasks[0].status).toBe('paused');
    await h.env.sleep('20 days');
    s = await stateOf(handle);
    expect(s.tasks[0].overdue).toBe(false);
    s = await act(handle, { taskId: exec.id, action: 'resume', actor: office });
    const trail = await auditOf(handle);
    const [paused, resumed] = ['paused', 'resumed'].map((a) => Date.parse(trail.find((e) => e.action === a)!.at));
    expect(resumed - paused).toBeGreaterThanOrEqual(20 * 86_400_000);
    expect(Date.parse(s.tasks[0].dueAt!) - Date.parse(exec.dueAt!)).toBe(resumed - paused); // moved by exactly the paused time
    await handle.terminate('test done');
  });

  itOnOwnServer('progress reports — none within the notice interval — the unit is reminded (000:54)', async (h) => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ complexity: 'complex', progressReportEveryDays: 7 }));
    const opened = Date.parse(openTask(await waitForState(handle, (x) => x.tasks.length > 0), 'ticket.execution').createdAt);
    await skipPast(h, new Date(opened + 7 * 86_400_000).toISOString(), -60_000);
    expect((await auditOf(handle)).some((e) => e.action === 'progress-report-missing')).toBe(false); // a minute before the interval ends
    await skipPast(h, new Date(opened + 7 * 86_400_000).toISOString());
    const trail = await waitForAudit(handle, 'progress-report-missing');
    expect(trail.filter((e) => e.action === 'progress-report-missing')).toEqual([expect.objectContaining({ rule: '001:62', step: 'ticket.execution' })]);
    await handle.terminate('test done');
  });

  it('003:74 — the supervision office refers a unit that does not act to discipline inspection (移交纪检监察机关): recorded with its conduct and facts, audited, the leader in charge told, the ticket runs on; none:001 refuses it', async () => {
    const ZD: JurisdictionId = 'zibo-zhangdian-2022';
    expect(rulebookFor(ZD).supervision.disciplineReferral).toEqual({ value: true, source: '003:74' });
    const zdOffice = await actorWith(h.db, ZD, 'supervision-office');
    const zdHead = await actorWith(h.db, ZD, 'department-head', 'zd.housing');
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ jurisdiction: ZD, responsibleUnitId: 'zd.housing', issuedBy: zdOffice.userId, complexity: undefined, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }));
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const exec = openTask(s, 'ticket.execution');
    // The unit itself may not refer: a controller's action.
    expect(await act(handle, { taskId: exec.id, action: 'refer-to-discipline', actor: zdHead, data: { conduct: 'inaction', facts: '逾期未整改' } }).then(() => undefined, (e) => e)).toBeInstanceOf(WorkflowUpdateFailedError);
    s = await act(handle, { taskId: exec.id, action: 'refer-to-discipline', actor: zdOffice, data: { conduct: 'inaction', facts: '三次督促仍未启动危房排查' } });
    expect(s.details.disciplineReferrals).toEqual([{ at: expect.any(String), by: zdOffice.userId, unitId: 'zd.housing', conduct: 'inaction', facts: '三次督促仍未启动危房排查', rule: '003:74' }]);
    expect(s.status).toBe('running');
    expect(openTask(s, 'ticket.execution').id).toBe(exec.id);
    expect((await auditOf(handle)).find((e) => e.action === 'referred-to-discipline')).toMatchObject({ actorId: zdOffice.userId, rule: '003:74', detail: '不作为：zd.housing 移交纪检监察机关' });
    const [leader] = await findUsers(h.db, { jurisdiction: ZD, role: 'vice-chief' }).then((vs) => vs.filter((v) => v.portfolio.includes('zd.housing')));
    const told = await listNotifications(h.db, { recipientId: leader.id });
    expect(told.filter((n) => n.kind === 'discipline-referral' && n.processId === handle.workflowId)).toHaveLength(1);
    await handle.terminate('test done');

    expect(rulebookFor(CS).supervision.disciplineReferral).toEqual({ value: false, source: 'none:001' });
    const cs = await startTicket(h.env.client, h.taskQueue, ticket());
    const csExec = openTask(await waitForState(cs, (x) => x.tasks.length > 0), 'ticket.execution');
    const err = await act(cs, { taskId: csExec.id, action: 'refer-to-discipline', actor: office, data: { conduct: 'inaction', facts: '未办理' } }).then(() => undefined, (e) => e);
    expect((err as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'BadRequest', details: [[expect.objectContaining({ field: 'action', reason: expect.stringContaining('none:001') })]] });
    expect((await stateOf(cs)).details.disciplineReferrals).toBeUndefined();
    await cs.terminate('test done');
  });

  it('look-back (回头看) — in 001, whose rules have none (none:001) — is refused at close-out, naming the field, and the ticket stays open', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket());
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'submit-completion', actor: head, data: { summary: 'v1' } });
    const verify = openTask(s, 'ticket.verification');
    const err = await act(handle, { taskId: verify.id, action: 'close', actor: office, data: { lookBackAfterDays: 30 } }).then(() => undefined, (e) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((err as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'BadRequest', details: [[expect.objectContaining({ field: 'data.lookBackAfterDays', reason: expect.stringContaining('none:001') })]] });
    s = await stateOf(handle);
    expect(s.step).toBe('verification');
    expect(openTask(s, 'ticket.verification').id).toBe(verify.id);
    await handle.terminate('test done');
  });

  describe('look-back (回头看) in 003, whose rules provide it (003:73)', () => {
    const ZD: JurisdictionId = 'zibo-zhangdian-2022';
    const closedWithLookBack = async (h: TimeSkippingHarness) => {
      const zdOffice = await actorWith(h.db, ZD, 'supervision-office');
      const zdHead = await actorWith(h.db, ZD, 'department-head', 'zd.housing');
      const dueAt = new Date((await h.env.currentTimeMs()) + 60 * 86_400_000).toISOString();
      const handle = await startTicket(h.env.client, h.taskQueue, ticket({ jurisdiction: ZD, responsibleUnitId: 'zd.housing', issuedBy: zdOffice.userId, complexity: undefined, dueAt }));
      let s = await waitForState(handle, (x) => x.tasks.length > 0);
      s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'submit-completion', actor: zdHead, data: { summary: 'v1' } });
      s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: zdOffice, data: { lookBackAfterDays: 30 } });
      expect(s.step).toBe('look-back-scheduled');
      const closedAt = Date.parse(s.details.closedOutAt as string);
      await h.env.sleep('31 days');
      s = await waitForState(handle, (x) => x.step === 'look-back');
      const look = openTask(s, 'ticket.look-back');
      expect(look.rule).toBe('003:73');
      // The look-back opens 30 days after close-out, not earlier.
      expect(Date.parse(look.createdAt)).toBeGreaterThanOrEqual(closedAt + 30 * 86_400_000);
      return { handle, s, look, zdOffice };
    };

    itOnOwnServer('reopen — after the 30 days set at close-out — opens a second round of rework', async (h) => {
      const { handle, look, zdOffice } = await closedWithLookBack(h);
      const s = await act(handle, { taskId: look.id, action: 'reopen', actor: zdOffice, data: { reason: '问题反弹', workingDays: 5 } });
      expect(openTask(s, 'ticket.execution').title).toMatch(/整改（第2轮）/);
      expect(s.details.findings).toEqual([expect.objectContaining({ kind: 'rework', rule: '003:73' })]);
      await handle.terminate('test done');
    });

    itOnOwnServer('confirm — the result holds — closes the ticket', async (h) => {
      const { handle, look, zdOffice } = await closedWithLookBack(h);
      await act(handle, { taskId: look.id, action: 'confirm', actor: zdOffice });
      const final = await handle.result();
      expect(final.status).toBe('closed');
      expect(final.details.findings).toEqual([]);
      await recordHistory(handle, 'supervisionTicket-look-back-confirmed');
    });
  });
});
