import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnits, listUsers } from '../../db/directory-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { GOVERNMENT_ADDRESSEE } from '../../domain/requests/conformity';
import { LEADER_ROLES, REQUESTING_UNIT_KINDS } from '../../domain/requests/parties';
import { rulebookFor } from '../../domain/rulebooks';
import type { Actor } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import type { IncomingRequestInput } from '../../workflows/incoming-request';
import { act, auditOf, openTask, rejectionOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * 000:64 区政府领导同志接到街道办事处、区政府部门径送审批的公文,不宜先作批示,应交由区政府办公室按程序处理 — a leader handed a
 * request directly passes it to the office: it is registered, checked and proposed like any other before anyone instructs on it.
 */
const JS: JurisdictionId = 'jinan-shizhong-2023';
const wang: Actor = { userId: 'js.vice-chief-wang', roles: ['vice-chief'] }; // housing is in 王建国's portfolio
const office: Actor = { userId: 'js.office.staff', roles: ['office-staff'] };

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

async function handedToLeader(j: JurisdictionId, leader: string): Promise<WorkflowHandle> {
  const units = (await listUnits(h.db, j)).filter((u) => REQUESTING_UNIT_KINDS.includes(u.kind)).map((u) => u.id);
  const leaders = (await listUsers(h.db, j)).filter((u) => u.roles.some((r) => LEADER_ROLES.includes(r))).map((u) => u.id);
  const input: IncomingRequestInput = {
    jurisdiction: j, fromUnitId: 'js.housing', signedBy: 'js.housing.head', subject: '关于老旧小区加装电梯补助资金的请示', matters: ['拨付补助资金'],
    contactPerson: '王敏', contactPhone: '0531-86080000', addressees: [GOVERNMENT_ADDRESSEE], urgency: 'ordinary', skipsLevel: false, topics: [], major: false,
    functionalUnits: {}, candidates: { units, leaders }, registeredBy: leader, receivedDirectlyBy: leader,
  };
  return h.env.client.workflow.start('incomingRequest', { taskQueue: h.taskQueue, workflowId: processId('incomingRequest', j, randomUUID()), args: [input] });
}

describe('请示 handed to a leader directly (requests.leaderPassesToOffice)', () => {
  it('000:64 — passed to the office: registration and proposal by the office come first; the leader can act on neither, and instructs only after them', async () => {
    expect(rulebookFor(JS).requests.leaderPassesToOffice).toEqual({ value: true, source: '000:64' });
    expect(rulebookFor('chaoyang-shuangta-2022').requests.leaderPassesToOffice).toEqual({ value: true, source: '001:54' });
    // The other texts have no such article: their requests reach a leader only through the office all the same (officeProposes).
    expect(rulebookFor('jinan-lixia-2023').requests.leaderPassesToOffice).toEqual({ value: false, source: 'none:002' });
    expect(rulebookFor('zibo-zhangdian-2022').requests.leaderPassesToOffice).toEqual({ value: false, source: 'none:003' });
    expect(rulebookFor('rizhao-2017').requests.leaderPassesToOffice).toEqual({ value: false, source: 'none:004' });

    const handle = await handedToLeader(JS, wang.userId);
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    expect(s.details.receivedDirectlyBy).toBe(wang.userId);
    const registration = openTask(s, 'request.registration');
    expect(registration.assignees.map((a) => a.userId)).toEqual(['js.office.staff']);
    expect(registration.title).toContain(`（${wang.userId}转来，000:64）`);
    expect(s.tasks.map((t) => t.step)).toEqual(['request.registration']);
    expect((await rejectionOf(act(handle, { taskId: registration.id, action: 'accept', actor: wang }))).type).toBe('Forbidden');
    const passed = (await auditOf(handle)).find((e) => e.action === 'passed-to-office');
    expect(passed).toMatchObject({ actorId: wang.userId, rule: '000:64' });

    s = await act(handle, { taskId: registration.id, action: 'accept', actor: office });
    const proposal = openTask(s, 'request.proposal');
    expect((await rejectionOf(act(handle, { taskId: proposal.id, action: 'propose', actor: wang, data: { proposal: '同意', handlingUnit: 'js.housing' } }))).type).toBe('Forbidden');
    s = await act(handle, { taskId: proposal.id, action: 'propose', actor: office, data: { proposal: '拟请分管副区长阅示', handlingUnit: 'js.housing', handlingLimitWorkingDays: 5 } });
    // Only now the leader's instruction, by portfolio.
    expect(openTask(s, 'request.instruction').assignees).toEqual([{ userId: wang.userId }]);
    await handle.terminate('test done');
  });
});
