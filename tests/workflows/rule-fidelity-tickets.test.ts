import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { listUnits } from '../../db/directory-repository';
import { computeDue, extendDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { act, actorWith, auditOf, openTask, startTicket, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/** Issue 10, item 6: a ticket cites its own jurisdiction's articles for the ledger and close-out. */
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

describe('supervision ticket citations', () => {
  it('003:72 — a 张店 ticket is closed out (销号) under 003:72 (建立健全督查任务台账), not 001:63', async () => {
    const unit = (await listUnits(h.db, ZD)).find((u) => u.kind === 'department')!;
    const head = await actorWith(h.db, ZD, 'department-head', unit.id);
    const office = await actorWith(h.db, ZD, 'supervision-office');
    const handle = await startTicket(h.env.client, h.taskQueue, {
      jurisdiction: ZD,
      title: '道路整治督办',
      source: 'leader-instruction',
      responsibleUnitId: unit.id,
      dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      issuedBy: office.userId,
    });
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const exec = openTask(s, 'ticket.execution');
    await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '已完成' } });
    s = await waitForState(handle, (x) => x.tasks.some((t) => t.step === 'ticket.verification' && t.status === 'open'));
    const verify = openTask(s, 'ticket.verification');
    expect(verify.rule).toBe('003:72');
    await act(handle, { taskId: verify.id, action: 'close', actor: office, data: {} });
    const trail = await auditOf(handle);
    expect(trail.find((e) => e.action === 'closed-out')?.rule).toBe('003:72');
    expect(trail.some((e) => e.rule === '001:63')).toBe(false);
  });

  it('supervision2020:17 — the re-check of an objection is due 30 days after it, and its one extension ends exactly 30 days after that', async () => {
    // 政府督查工作条例 第十七条: 督查机构应当在30日内复核 … 情况复杂的，可以适当延长，但延长期限不得超过30日。
    const unit = (await listUnits(h.db, ZD)).find((u) => u.kind === 'department')!;
    const head = await actorWith(h.db, ZD, 'department-head', unit.id);
    const office = await actorWith(h.db, ZD, 'supervision-office');
    const handle = await startTicket(h.env.client, h.taskQueue, {
      jurisdiction: ZD,
      title: '复核期限督办',
      source: 'leader-instruction',
      responsibleUnitId: unit.id,
      dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      issuedBy: office.userId,
    });
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'submit-completion', actor: head, data: { summary: 'v1' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'return-for-rework', actor: office, data: { reason: '不认可', workingDays: 5 } });
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'object', actor: head, data: { findingId: 'f1', grounds: '材料已齐全' } });
    // The objection's audit entry names the finding and the grounds, citing the national rule.
    expect(await auditOf(handle)).toContainEqual(
      expect.objectContaining({ action: 'objection-lodged', actorId: head.userId, rule: 'supervision2020:17', detail: 'f1 (rework: 不认可) — grounds: 材料已齐全' }),
    );
    const table = await loadHolidayTable(h.db);
    const recheck = s.deadlines.find((d) => d.id === 'recheck-f1')!;
    expect(recheck).toMatchObject({ rule: 'supervision2020:17', limit: { unit: 'days', n: 30 } });
    expect(recheck.dueAt).toBe(computeDue(recheck.startAt, { unit: 'days', n: 30 }, table).dueAt);
    s = await act(handle, { taskId: openTask(s, 'ticket.recheck').id, action: 'extend', actor: office, comment: '需现场核查' });
    const extended = s.deadlines.find((d) => d.id === 'recheck-f1')!;
    expect(extended.dueAt).toBe(extendDue(recheck.dueAt, { unit: 'days', n: 30 }, table).dueAt);
    expect(extended.dueAt).not.toBe(extendDue(recheck.dueAt, { unit: 'days', n: 60 }, table).dueAt);
    await handle.terminate('test done');
  });
});
