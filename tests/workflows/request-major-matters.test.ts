import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { act, actorWith, auditOf, openTask } from '../support/process-helpers';
import { requestInput, startRequest, upToInstruction } from '../support/request-helpers';
import { SEED_PREFIX } from '../support/seed-prefix';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * 001:54: 公文及办理意见由政府办公室按照政府领导分工呈批 … 重大事项报区长审批. In the 请示 process
 * the office's proposal goes to the leader by portfolio, a major matter to the chief. Where the
 * rulebook has no such article (002, 004) a request marked major still goes by portfolio.
 */
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002: none
const RZ: JurisdictionId = 'rizhao-2017'; // 004: none

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

describe('请示: major matters to the chief (001:54)', () => {
  it('001:54 — a major matter from the housing bureau — the chief instructs, the task and its audit cite 001:54, the instruction records why it went to the chief', async () => {
    expect(rulebookFor(CS).requests.majorToChief).toEqual({ value: true, source: '001:54' });
    const office = await actorWith(h.db, CS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, CS, { major: true }));
    let s = await upToInstruction(handle, office, { handlingUnit: 'cs.housing', handlingLimitWorkingDays: 10 });
    const instruction = openTask(s, 'request.instruction');
    expect(instruction).toMatchObject({ assignees: [{ userId: 'cs.chief' }], rule: '001:54' });
    expect(instruction.dueAt).toBeUndefined(); // 001 sets no reading limit
    expect((await auditOf(handle)).find((e) => e.action === 'task-opened' && e.taskId === instruction.id)).toMatchObject({ rule: '001:54', detail: 'cs.chief' });
    // The vice chief in charge of housing is not the one asked: the chief's task only.
    expect(s.tasks.filter((t) => t.status === 'open').flatMap((t) => t.assignees.map((a) => a.userId))).toEqual(['cs.chief']);
    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: { userId: 'cs.chief', roles: ['chief'] }, data: { opinion: '同意，请区住建局抓紧办理。' } });
    expect(s.details.instruction).toMatchObject({ by: 'cs.chief', routedBy: 'major matter', handlingLimitWorkingDays: 10 });
    expect(openTask(s, 'request.handling').assignees).toEqual([{ userId: 'cs.housing.head' }]);
    await handle.terminate('test done');
  });

  it('001 — the same request not major — goes to the vice chief in charge of housing, by portfolio', async () => {
    const office = await actorWith(h.db, CS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, CS));
    let s = await upToInstruction(handle, office, { handlingUnit: 'cs.housing', handlingLimitWorkingDays: 10 });
    const instruction = openTask(s, 'request.instruction');
    expect(instruction.assignees).toEqual([{ userId: 'cs.vice-chief-yang' }]);
    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: { userId: 'cs.vice-chief-yang', roles: ['vice-chief'] }, data: { opinion: '同意。' } });
    expect(s.details.instruction).toMatchObject({ by: 'cs.vice-chief-yang', routedBy: 'by portfolio' });
    await handle.terminate('test done');
  });

  it.each([
    [LX, 'none:002', 'lx.vice-chief-xu', '002:50'],
    [RZ, 'none:004', 'rz.vice-chief-lin', 'docs2012:24'],
  ] as const)('%s (%s) — a request marked major — is not sent to the chief: the vice chief in charge, %s, instructs under %s', async (j, none, viceChief, rule) => {
    expect(rulebookFor(j).requests.majorToChief).toEqual({ value: false, source: none });
    const p = SEED_PREFIX[j];
    const office = await actorWith(h.db, j, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, j, { major: true }));
    let s = await upToInstruction(handle, office, { handlingUnit: `${p}.housing`, handlingLimitWorkingDays: 10 });
    const instruction = openTask(s, 'request.instruction');
    expect(instruction).toMatchObject({ assignees: [{ userId: viceChief }], rule });
    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: { userId: viceChief, roles: ['vice-chief'] }, data: { opinion: '同意。' } });
    expect(s.details).toMatchObject({ major: true, instruction: { by: viceChief, routedBy: 'by portfolio' } });
    await handle.terminate('test done');
  });
});
