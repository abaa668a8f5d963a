import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { findUsers } from '../../db/directory-repository';
import { listNotifications } from '../../db/notification-repository';
import { extendDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { recordHistory } from '../support/histories';
import { act, actorWith, auditOf, openTask, rejectionOf, startTicket, stateOf, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * 政府督查工作条例 第十七条 (supervision2020:17): the supervised unit may object to a finding; the
 * supervising body re-checks within 30 days, extendable by 30. What happens when the re-check
 * upholds the finding, and when it is not done in time.
 */
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const UNIT = 'cs.finance';

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

interface Finding {
  id: string;
  kind: string;
  reason: string;
  objection?: { grounds: string; outcome?: string };
}
const findingsOf = (s: ProcessState) => s.details.findings as Finding[];

/** A ticket returned for rework (finding f1) and objected to by the unit's head: the re-check is open. */
async function objectedTicket(on: TimeSkippingHarness) {
  const head = await actorWith(on.db, CS, 'department-head', UNIT);
  const office = await actorWith(on.db, CS, 'supervision-office');
  const handle = await startTicket(on.env.client, on.taskQueue, { jurisdiction: CS, title: '老旧小区改造进度督办', source: 'leader-instruction', responsibleUnitId: UNIT, complexity: 'ordinary', issuedBy: office.userId });
  let s = await waitForState(handle, (x) => x.tasks.length > 0);
  s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'submit-completion', actor: head, data: { summary: '已完成改造' } });
  s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'return-for-rework', actor: office, data: { reason: '未附验收材料', workingDays: 5 } });
  const rework = openTask(s, 'ticket.execution');
  s = await act(handle, { taskId: rework.id, action: 'object', actor: head, data: { findingId: 'f1', grounds: '验收材料已于当日报送' } });
  return { handle, head, office, rework, state: s };
}

describe('supervision ticket: an objection upheld on re-check (supervision2020:17)', () => {
  it('the finding stands: the rework stays with the unit, the completion is not reinstated, the same finding cannot be objected to again', async () => {
    const { handle, head, office, rework, state } = await objectedTicket(h);
    const recheck = openTask(state, 'ticket.recheck');
    const supervisionOffice = (await findUsers(h.db, { jurisdiction: CS, role: 'supervision-office' })).map((u) => u.id);
    expect(recheck.rule).toBe('supervision2020:17');
    expect(recheck.assignees.map((a) => a.userId)).toEqual(supervisionOffice);

    // Only the supervision office re-checks; a re-check needs its reason; the unit cannot object to a finding that does not exist.
    expect(await rejectionOf(act(handle, { taskId: recheck.id, action: 'uphold', actor: head, data: { reason: '我方认可' } }))).toMatchObject({ type: 'Forbidden' });
    expect(await rejectionOf(act(handle, { taskId: recheck.id, action: 'uphold', actor: office, data: {} }))).toMatchObject({ type: 'BadRequest', fields: [expect.objectContaining({ field: 'data.reason' })] });
    expect(await rejectionOf(act(handle, { taskId: rework.id, action: 'object', actor: head, data: { findingId: 'f9', grounds: '无此认定' } }))).toMatchObject({
      type: 'BadRequest',
      fields: [{ field: 'data.findingId', reason: 'one of: f1' }],
    });
    expect(openTask(await stateOf(handle), 'ticket.recheck').id).toBe(recheck.id); // nothing changed

    let s = await act(handle, { taskId: recheck.id, action: 'uphold', actor: office, data: { reason: '验收材料不完整，维持整改认定' } });
    expect(findingsOf(s)).toEqual([expect.objectContaining({ id: 'f1', kind: 'rework', reason: '未附验收材料', objection: expect.objectContaining({ grounds: '验收材料已于当日报送', outcome: 'upheld' }) })]);
    expect(s.tasks.find((t) => t.id === recheck.id)!.status).toBe('done');
    // The rework task the finding opened is still the unit's, under the rework deadline (supervision2020:15).
    expect(s.status).toBe('running');
    expect(openTask(s, 'ticket.execution')).toMatchObject({ id: rework.id, status: 'open' });
    expect(s.deadlines.find((d) => d.id === 'ticket')).toMatchObject({ rule: 'supervision2020:15', limit: { unit: 'workingDays', n: 5 } });
    const trail = await auditOf(handle);
    expect(trail.filter((e) => e.action.startsWith('objection-'))).toEqual([
      expect.objectContaining({ action: 'objection-lodged', actorId: head.userId, rule: 'supervision2020:17' }),
      expect.objectContaining({ action: 'objection-upheld', actorId: office.userId, rule: 'supervision2020:17', detail: `f1 (objection by ${head.userId})` }),
    ]);
    expect(trail.some((e) => e.action === 'completion-reinstated')).toBe(false);

    // One objection per finding.
    expect(await rejectionOf(act(handle, { taskId: rework.id, action: 'object', actor: head, data: { findingId: 'f1', grounds: '再次申请复核' } }))).toMatchObject({
      type: 'Conflict',
      message: 'finding f1 was objected to already',
    });

    // The unit does the rework; the office verifies and closes the ticket out on it.
    s = await act(handle, { taskId: rework.id, action: 'submit-completion', actor: head, data: { summary: '已补报验收材料' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: office });
    expect(s.status).toBe('closed');
    expect(s.details.completion).toMatchObject({ summary: '已补报验收材料' });
    await recordHistory(handle, 'supervisionTicket-objection-upheld');
  });
});

describe('supervision ticket: a re-check not done in time is escalated (supervision2020:17)', () => {
  itOnOwnServer('extended once, the re-check is escalated to the office director exactly at the extended due time, not at the first one', async (own) => {
    const { handle, head, office, rework, state } = await objectedTicket(own);
    const recheck = openTask(state, 'ticket.recheck');
    const first = state.deadlines.find((d) => d.id === 'recheck-f1')!;
    let s = await act(handle, { taskId: recheck.id, action: 'extend', actor: office, comment: '需现场核查' });
    const extended = s.deadlines.find((d) => d.id === 'recheck-f1')!;
    expect(extended.dueAt).toBe(extendDue(first.dueAt, { unit: 'days', n: 30 }, await loadHolidayTable(own.db)).dueAt);
    const directors = (await findUsers(own.db, { jurisdiction: CS, role: 'office-director' })).map((u) => u.id);
    expect(directors.length).toBeGreaterThan(0);
    const recheckEscalations = async () => (await auditOf(handle)).filter((e) => e.taskId === recheck.id && (e.action === 'overdue' || e.action === 'escalated'));

    await skipPast(own, first.dueAt); // the first 30 days are over: the extension holds it
    await waitForState(handle, (x) => x.tasks.some((t) => t.id === rework.id && t.escalated)); // the rework's own 5 working days ran out long before
    expect(openTask(await stateOf(handle), 'ticket.recheck')).toMatchObject({ overdue: false, escalated: false });
    await skipPast(own, extended.dueAt, -60_000); // a minute before the extended limit
    expect(openTask(await stateOf(handle), 'ticket.recheck')).toMatchObject({ overdue: false, escalated: false });
    expect(await recheckEscalations()).toEqual([]);

    await skipPast(own, extended.dueAt);
    s = await waitForState(handle, (x) => x.tasks.some((t) => t.id === recheck.id && t.escalated));
    expect(openTask(s, 'ticket.recheck')).toMatchObject({ overdue: true, escalated: true, dueAt: extended.dueAt });
    expect(await recheckEscalations()).toEqual([
      expect.objectContaining({ action: 'overdue', rule: 'supervision2020:17' }),
      expect.objectContaining({ action: 'escalated', rule: 'supervision2020:17', detail: directors.join(', ') }),
    ]);
    for (const director of directors) {
      const told = (await listNotifications(own.db, { recipientId: director })).filter((n) => n.processId === handle.workflowId && n.kind === 'overdue');
      expect(told).toEqual([expect.objectContaining({ subject: expect.stringContaining('已逾期：复核对整改认定 f1 的异议') })]);
    }
    // Late, the office still concludes the re-check, and the ticket runs to its close.
    s = await act(handle, { taskId: recheck.id, action: 'uphold', actor: office, data: { reason: '维持整改认定' } });
    expect(findingsOf(s)[0].objection).toMatchObject({ outcome: 'upheld' });
    s = await act(handle, { taskId: rework.id, action: 'submit-completion', actor: head, data: { summary: '已整改' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: office });
    expect(s.status).toBe('closed');
    await recordHistory(handle, 'supervisionTicket-recheck-escalated');
  });
});
