import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAbsence, getUser, setAbsenceApproval } from '../../db/directory-repository';
import { listNotifications } from '../../db/notification-repository';
import type { LeaveApprovalInput } from '../../workflows/leave-approval';
import { startTestApi, type TestApi } from './api-harness';

/**
 * 001:71: 政府各部门主要负责离朝外出,需事先征得政府分管领导同意,一般应提前2天(不含出行当日)向政府办公室报备,由政府办公室向长报告,
 * 经批准后方可离开 … 以上领导干部外出返回后,须按请假程序向批准领导销假. Recording a department head's absence starts its
 * leave approval (onLeaveApprovalNeeded; the workflow is tested in tests/workflows/leave-approval.test.ts), and reporting back
 * tells the leader who approved it.
 */
let api: TestApi;
const started: LeaveApprovalInput[] = [];
const ended: { processId: string; reason: string }[] = [];
beforeAll(async () => {
  api = await startTestApi({
    onLeaveApprovalNeeded: async (input) => {
      started.push(input);
      return { processId: `leave.${input.jurisdiction}.${input.absenceId}${input.correctionOf ? `.${started.length}` : ''}` };
    },
    onLeaveApprovalWithdrawn: async (processId, reason) => {
      ended.push({ processId, reason });
    },
  });
});
afterAll(async () => api?.close());

const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();

describe('请假审批 over HTTP — a department head’s absence asks approval where the rules say so', () => {
  it('001:71 — recording it starts the approval (分管副区长同意 → 区长批准), pending, with the notice checked against 2 days', async () => {
    const head = (await getUser(api.db, 'cs.housing.head'))!;
    const reply = await api.call('POST', '/v1/directory/absences', { token: await api.tokenFor(head), body: { userId: head.id, from: inDays(1), to: inDays(3), reason: '赴省住建厅参加培训' } });
    expect(reply.status).toBe(201);
    expect(reply.body.approval).toEqual({ processId: `leave.chaoyang-shuangta-2022.${reply.body.id}`, status: 'pending', rule: '001:71' });
    expect(reply.body.approvalSteps).toEqual([
      { approver: 'vice-chief-in-charge', label: '分管副区长同意' },
      { approver: 'chief', label: '区长批准' },
    ]);
    // Reported 1 day ahead: late against 001:71's 2 days, and the approvers see it on their task.
    expect(reply.body.leaveNotice).toMatchObject({ requiredDaysAhead: 2, daysAhead: 1, met: false, source: '001:71' });
    expect(started.at(-1)).toEqual({
      jurisdiction: 'chaoyang-shuangta-2022', absenceId: reply.body.id, userId: head.id, name: head.name, unitId: 'cs.housing',
      from: reply.body.from, to: reply.body.to, reason: '赴省住建厅参加培训', leaveNotice: reply.body.leaveNotice, recordedBy: head.id,
    });
  });

  it('none:000, none:003 — a department head’s absence there starts no approval; a vice chief’s in 001 neither (001:71 names department heads)', async () => {
    const before = started.length;
    for (const id of ['js.housing.head', 'zd.housing.head', 'cs.vice-chief-huang']) {
      const person = (await getUser(api.db, id))!;
      const body = { userId: id, from: inDays(5), to: inDays(6), reason: '休假', ...(id.startsWith('zd.') ? { standInUserId: 'zd.housing.staff' } : {}) };
      const reply = await api.call('POST', '/v1/directory/absences', { token: await api.tokenFor(person), body });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      expect(reply.body.approval).toBeUndefined();
      expect(reply.body.approvalSteps).toBeUndefined();
    }
    expect(started.length).toBe(before);
  });

  it('001:71 向批准领导销假 — back from an approved absence, the leader who approved (here the executive vice chief for the chief) is told', async () => {
    const head = (await getUser(api.db, 'cs.finance.head'))!;
    const token = await api.tokenFor(head);
    const recorded = await api.call('POST', '/v1/directory/absences', { token, body: { userId: head.id, from: new Date(Date.now() - 3_600_000).toISOString(), to: inDays(2), reason: '赴京对接项目' } });
    expect(recorded.status).toBe(201);
    // As the approval process records it once the executive vice chief approved on the chief's behalf (代行准假权).
    await setAbsenceApproval(api.db, recorded.body.id, { processId: recorded.body.approval.processId, status: 'approved', rule: '001:71', decidedBy: 'cs.exec-vice-chief-liu', onBehalfOf: 'cs.chief' });
    const back = await api.call('POST', `/v1/directory/absences/${recorded.body.id}/report-back`, { token });
    expect(back.status).toBe(200);
    expect(back.body.reportedBackTo).toBe('cs.exec-vice-chief-liu');
    const told = (await listNotifications(api.db, { recipientId: 'cs.exec-vice-chief-liu' })).filter((n) => n.kind === 'leave-reported-back');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ processId: recorded.body.approval.processId, subject: `[销假] ${head.name}已返回` });
    expect(told[0].body).toContain('001:71');
    expect((await listNotifications(api.db, { recipientId: 'cs.chief' })).filter((n) => n.kind === 'leave-reported-back')).toEqual([]);
    expect((await getAbsence(api.db, recorded.body.id))?.reportedBackAt).toBe(back.body.reportedBackAt);
  });

  it('withdrawn while its approval is pending — the approval is told to end (its approvers’ tasks go); an approved one is not', async () => {
    const head = (await getUser(api.db, 'cs.justice.head'))!;
    const token = await api.tokenFor(head);
    const pending = await api.call('POST', '/v1/directory/absences', { token, body: { userId: head.id, from: inDays(4), to: inDays(5), reason: '休假' } });
    expect((await api.call('DELETE', `/v1/directory/absences/${pending.body.id}`, { token })).status).toBe(200);
    expect(ended).toEqual([{ processId: pending.body.approval.processId, reason: `${head.id}的请假已撤销（休假）` }]);
    const approved = await api.call('POST', '/v1/directory/absences', { token, body: { userId: head.id, from: inDays(8), to: inDays(9), reason: '出差' } });
    await setAbsenceApproval(api.db, approved.body.id, { processId: approved.body.approval.processId, status: 'approved', rule: '001:71', decidedBy: 'cs.chief' });
    expect((await api.call('DELETE', `/v1/directory/absences/${approved.body.id}`, { token })).status).toBe(200);
    expect(ended).toHaveLength(1);
  });

  it('001:71 — its period corrected: approval is asked anew for the corrected period and the pending one ends; a corrected reason asks nothing', async () => {
    const head = (await getUser(api.db, 'cs.lingfeng.head'))!;
    const token = await api.tokenFor(head);
    const recorded = await api.call('POST', '/v1/directory/absences', { token, body: { userId: head.id, from: inDays(4), to: inDays(5), reason: '出差' } });
    const first: string = recorded.body.approval.processId;
    const endedBefore = ended.length;
    const corrected = await api.call('PATCH', `/v1/directory/absences/${recorded.body.id}`, { token, body: { to: inDays(7) } });
    expect(corrected.status).toBe(200);
    expect(ended.slice(endedBefore)).toEqual([{ processId: first, reason: `${head.id}的请假已更正，按更正后的时间重新审批` }]);
    expect(started.at(-1)).toMatchObject({ absenceId: recorded.body.id, from: recorded.body.from, to: corrected.body.to, correctionOf: first });
    expect(corrected.body.approval).toEqual({ processId: `leave.chaoyang-shuangta-2022.${recorded.body.id}.${started.length}`, status: 'pending', rule: '001:71' });
    expect((await getAbsence(api.db, recorded.body.id))?.approval).toEqual(corrected.body.approval);

    const startedBefore = started.length;
    const reason = await api.call('PATCH', `/v1/directory/absences/${recorded.body.id}`, { token, body: { reason: '赴省厅出差' } });
    expect(reason.status).toBe(200);
    expect(started.length).toBe(startedBefore);
    expect(reason.body.approval).toEqual(corrected.body.approval);
  });

  it('an absence still pending approval reports back to nobody in particular (no approver yet)', async () => {
    const head = (await getUser(api.db, 'cs.education.head'))!;
    const token = await api.tokenFor(head);
    const recorded = await api.call('POST', '/v1/directory/absences', { token, body: { userId: head.id, from: new Date(Date.now() - 3_600_000).toISOString(), to: inDays(1), reason: '就医' } });
    const back = await api.call('POST', `/v1/directory/absences/${recorded.body.id}/report-back`, { token });
    expect(back.status).toBe(200);
    expect(back.body.reportedBackTo).toBeUndefined();
  });
});
