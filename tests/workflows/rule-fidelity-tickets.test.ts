import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnits } from '../../db/directory-repository';
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
});
