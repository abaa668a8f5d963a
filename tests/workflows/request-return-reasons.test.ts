import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotifications } from '../../db/notification-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { act, actorWith, auditOf, openTask, waitForState } from '../support/process-helpers';
import { requestInput, startRequest } from '../support/request-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Issue 10, missing: who may send a request (000:62, 004:48), and the return reasons the office
 * judges by hand — a department could settle it, the units concerned were not consulted.
 */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002: says nothing of who sends
const RZ: JurisdictionId = 'rizhao-2017'; // 004

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

describe('请示: who may send it, and the reasons the office judges by hand', () => {
  it('004:48 — an association sending directly is shown as not conforming and returned: 应由牵头部门或主管部门报送', async () => {
    expect(rulebookFor(RZ).requests.directSendersOnly).toEqual({ value: true, source: '004:48' });
    const office = await actorWith(h.db, RZ, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, RZ, { senderKind: 'association' }));
    const before = await waitForState(handle, (x) => x.tasks.length > 0);
    expect(before.details.conformity).toEqual([expect.objectContaining({ reason: 'indirect-sender', field: 'senderKind', rule: '004:48' })]);
    await expect(act(handle, { taskId: openTask(before, 'request.registration').id, action: 'accept', actor: office })).rejects.toThrow();
    const s = await act(handle, { taskId: openTask(before, 'request.registration').id, action: 'return', actor: office, data: { reasons: ['indirect-sender'] } });
    expect(s.status).toBe('returned');
  });

  it('000:62 — an internal office of a department may not send requests directly either; 002 sets no such rule', async () => {
    const js = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { senderKind: 'internal-office' }));
    expect((await waitForState(js, (x) => x.tasks.length > 0)).details.conformity).toEqual([expect.objectContaining({ reason: 'indirect-sender', rule: '000:62' })]);
    const lx = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, LX, { senderKind: 'internal-office' }));
    expect((await waitForState(lx, (x) => x.tasks.length > 0)).details.conformity).toEqual([]);
    await js.terminate('test done');
    await lx.terminate('test done');
  });

  it('a conforming request returned by hand — a matter the department can settle (000:61), the units concerned not consulted (000:62) — with the unit head told', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    const before = await waitForState(handle, (x) => x.tasks.length > 0);
    expect(before.details.conformity).toEqual([]);
    const s = await act(handle, { taskId: openTask(before, 'request.registration').id, action: 'return', actor: office, data: { reasons: ['department-can-solve', 'not-consulted'], note: '请与区财政局协商' } });
    expect(s.status).toBe('returned');
    expect(s.details.returned).toMatchObject({ reasons: ['department-can-solve', 'not-consulted'], note: '请与区财政局协商' });
    expect((await auditOf(handle)).find((e) => e.action === 'returned-to-sender')).toMatchObject({ rule: '000:63', detail: 'department-can-solve, not-consulted' });
    const told = await listNotifications(h.db, { recipientId: 'js.housing.head' });
    expect(told.find((n) => n.processId === handle.workflowId && n.kind === 'request-returned')?.body).toContain('属部门职权范围内可自行解决的事项');
  });
});
