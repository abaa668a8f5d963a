import { describe, expect } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { actorWith, auditOf, openTask, startTicket, stateOf, waitForState } from '../support/process-helpers';
import { SEED_PREFIX } from '../support/seed-prefix';
import { itOnOwnServer, skipPast } from '../support/time-skipping';

/** Rules the suites tested in one jurisdiction only, exercised where the other rulebooks state them. */
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const MINUTE = 60_000;

describe('countersign silence is deemed consent where the rules say so, at their limit', () => {
  for (const [j, n, rule] of [
    [CS, 7, '001:53'],
    [LX, 5, '002:51'],
  ] as const)
    itOnOwnServer(`${j}: no reply within ${n} working days (${rule}) — deemed consent at the due time, not a minute before`, async (h) => {
      const unit = `${SEED_PREFIX[j]}.housing`;
      const handle = await startDocument(h.env.client, h.taskQueue, documentInput(j, { countersignUnitIds: [unit] }));
      await driveDocument(handle, (s) => s.tasks.some((t) => t.step === 'document.countersign' && t.status === 'open'));
      const s = await stateOf(handle);
      const task = openTask(s, 'document.countersign');
      const deadline = s.deadlines.find((d) => d.id === task.deadlineId)!;
      expect(deadline).toMatchObject({ rule, limit: { unit: 'workingDays', n } });
      expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n }, await loadHolidayTable(h.db)).dueAt);
      await skipPast(h, deadline.dueAt, -MINUTE);
      expect(openTask(await stateOf(handle), 'document.countersign').id).toBe(task.id);
      await skipPast(h, deadline.dueAt);
      const settled = await waitForState(handle, (x) => x.tasks.find((t) => t.id === task.id)!.status === 'done');
      expect(settled.tasks.find((t) => t.id === task.id)!.outcome).toMatchObject({ action: 'deemed-consent', actorId: 'system', byRule: true });
      expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'countersign-deemed-consent', rule, detail: expect.stringContaining(unit) }));
      await handle.terminate('test done');
    });
});

describe('supervision: the criticism-and-interview note in 003', () => {
  itOnOwnServer('003:74 — a ticket overdue in Zhangdian — is escalated with a 批评约谈单 citing 003:74, the supervision office told', async (h) => {
    const office = await actorWith(h.db, ZD, 'supervision-office');
    const dueAt = new Date((await h.env.currentTimeMs()) + 3 * 86_400_000).toISOString();
    const handle = await startTicket(h.env.client, h.taskQueue, { jurisdiction: ZD, title: '背街小巷整治督办', source: 'leader-instruction', responsibleUnitId: 'zd.housing', dueAt, issuedBy: office.userId });
    await waitForState(handle, (x) => x.tasks.length > 0);
    await skipPast(h, dueAt, -MINUTE);
    expect((await stateOf(handle)).details.findings).toEqual([]);
    await skipPast(h, dueAt);
    const s = await waitForState(handle, (x) => (x.details.findings as unknown[]).length > 0);
    expect(openTask(s, 'ticket.execution')).toMatchObject({ overdue: true, escalated: true });
    expect(s.details.findings).toEqual([expect.objectContaining({ kind: 'criticism-note', rule: '003:74' })]);
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'criticism-note-issued', rule: '003:74' }));
    const told = await listNotifications(h.db, { recipientId: office.userId });
    expect(told.some((n) => n.processId === handle.workflowId && n.kind === 'criticism-note')).toBe(true);
    await handle.terminate('test done');
  });
});
