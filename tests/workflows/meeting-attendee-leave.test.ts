import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotifications } from '../../db/notification-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { zhReason } from '../../domain/field-messages';
import type { ProcessState } from '../../workflows/engine/types';
import type { Attendance } from '../../workflows/meeting-attendance';
import { cleanUp, isAt, queueProbe, serverNow, startMeeting, startMeetingServer, user } from '../support/meeting-helpers';
import { act, openTask, rejectionOf, waitForState } from '../support/process-helpers';

/**
 * 003:55 区政府常务会议、区长办公会议列席人员确因特殊情况不能列席的，须事先向区政府办公室主任请假，并同时向区政府办公室写出书面请假报告，
 * 汇总后向区长报告 — a non-member attendee (列席人员) asks the office director, in writing, and the chief is told; members ask the
 * chief (003:55) or the chair (001:47). 000:52: 其他与会人员或列席人员请假的，由区政府办公室汇总后向区长报告，未经同意不得缺席 — the chief.
 */
const JS: JurisdictionId = 'jinan-shizhong-2023';
const ZD: JurisdictionId = 'zibo-zhangdian-2022';
const HOUR = 3_600_000;
const LONG_AGO = 40 * 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let shared: Awaited<ReturnType<typeof startMeetingServer>>;
beforeAll(async () => {
  shared = await startMeetingServer();
});
afterAll(async () => shared?.stop());

const attendanceOf = (s: ProcessState) => s.details.attendance as Record<string, Attendance>;
const openAttendance = (s: ProcessState, person: string) => s.tasks.find((t) => t.step === 'meeting.attendance' && t.status === 'open' && t.assignees[0].userId === person);
const leaveTask = async (meeting: WorkflowHandle) => openTask(await waitForState(meeting, isAt('meeting.leave')), 'meeting.leave');
const fieldsOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { details?: unknown[] }).details?.[0] as { field: string; reason: string }[];
};

describe('列席人员请假 — a non-member attendee’s leave from the standing meeting (meetings.attendeeLeave)', () => {
  it('003:55 — asked of the office director with a written leave report (书面请假报告), the chief told; without the report 400 naming data.writtenReport', async () => {
    const { h } = shared;
    expect(rulebookFor(ZD).meetings.attendeeLeave).toEqual({ value: { askedOf: 'office-director', writtenReport: true }, source: '003:55' });
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, ZD, iso(now - LONG_AGO));
    const head = 'zd.housing.head';
    const meeting = await startMeeting(h, { jurisdiction: ZD, startsAt: iso(now + 2 * HOUR), attendeeIds: [head] });
    let s = await waitForState(meeting, (x) => isAt('meeting.fix-agenda')(x) && !!openAttendance(x, head));
    const invitation = openAttendance(s, head)!;
    expect(invitation.rule).toBe('003:55');
    expect(invitation.title).toContain('向办公室主任请假，附书面请假报告');
    expect(attendanceOf(s)[head]).toEqual({ userId: head, response: 'awaiting', attendee: true });
    expect(s.details.members).not.toContain(head);

    const missing = await fieldsOf(act(meeting, { taskId: invitation.id, action: 'ask-leave', data: { reason: '赴省厅汇报' }, actor: user(head) }));
    expect(missing).toEqual([{ field: 'data.writtenReport', reason: expect.stringContaining('003:55') }]);
    // Read in Chinese beside the field, the article kept.
    expect(zhReason(missing[0].reason)).toBe('列席人员请假，须同时向办公室写出书面请假报告（书面请假报告, 003:55）');
    expect(await fieldsOf(act(meeting, { taskId: invitation.id, action: 'ask-leave', data: { reason: '赴省厅汇报', writtenReport: '书面请假报告', writtenOpinions: [{ itemId: item.workflowId, opinion: '同意' }] }, actor: user(head) }))).toEqual([
      { field: 'data.writtenOpinions', reason: expect.stringContaining('列席人员') },
    ]);
    await act(meeting, { taskId: invitation.id, action: 'ask-leave', data: { reason: '赴省厅汇报', writtenReport: '因赴省住建厅汇报老旧小区改造工作，不能列席，特此请假。' }, actor: user(head) });
    const leave = await leaveTask(meeting);
    expect(leave).toMatchObject({ rule: '003:55', assignees: [{ userId: 'zd.office.director' }] });
    expect(leave.title).toContain('（列席）请假');
    // Not the chief's to decide (members ask the chief; attendees the office director).
    expect((await rejectionOf(act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user('zd.chief') }))).type).toBe('Forbidden');
    s = await act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user('zd.office.director') });
    expect(attendanceOf(s)[head]).toMatchObject({ response: 'on-leave', decidedBy: 'zd.office.director', attendee: true, writtenReport: '因赴省住建厅汇报老旧小区改造工作，不能列席，特此请假。' });
    // 汇总后向区长报告.
    const told = (await listNotifications(h.db, { recipientId: 'zd.chief' })).filter((n) => n.processId === meeting.workflowId && n.kind === 'attendee-leave-reported');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('已准假');
    expect(told[0].body).toContain('003:55');

    // A member's leave in the same meeting still goes to the chief (003:55: 区政府领导同志…须向区长请假).
    const member = 'zd.vice-chief-guo';
    await act(meeting, { taskId: openAttendance(s, member)!.id, action: 'ask-leave', data: { reason: '赴市里开会' }, actor: user(member) });
    expect(await leaveTask(meeting)).toMatchObject({ assignees: [{ userId: 'zd.chief' }] });
    await cleanUp(h, meeting, item);
  });

  it('000:52 — an attendee asks the chief, no written report required; 001:47 the chair; a member named as an attendee fails the start', async () => {
    const { h } = shared;
    expect(rulebookFor(JS).meetings.attendeeLeave).toEqual({ value: { askedOf: 'chief', writtenReport: false }, source: '000:52' });
    expect(rulebookFor('chaoyang-shuangta-2022').meetings.attendeeLeave).toEqual({ value: { askedOf: 'chair', writtenReport: false }, source: '001:47' });
    expect(rulebookFor('jinan-lixia-2023').meetings.attendeeLeave).toEqual({ value: { askedOf: 'chief', writtenReport: false }, source: '002:44' });
    expect(rulebookFor('rizhao-2017').meetings.attendeeLeave).toEqual({ value: { askedOf: 'chief', writtenReport: false }, source: 'none:004' });
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, JS, iso(now - LONG_AGO));
    const head = 'js.housing.head';
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt: iso(now + 2 * HOUR), attendeeIds: [head] });
    const s = await waitForState(meeting, (x) => !!openAttendance(x, head));
    await act(meeting, { taskId: openAttendance(s, head)!.id, action: 'ask-leave', data: { reason: '外出招商' }, actor: user(head) });
    expect(await leaveTask(meeting)).toMatchObject({ rule: '000:52', assignees: [{ userId: 'js.chief' }] });
    await cleanUp(h, meeting, item);

    // 001:47 (向主持召开会议的政府领导同志请假): the executive vice chief chairing decides an attendee's leave too.
    const csItem = await queueProbe(h, 'chaoyang-shuangta-2022', iso(now - LONG_AGO));
    const csMeeting = await startMeeting(h, { jurisdiction: 'chaoyang-shuangta-2022', startsAt: iso(now + 2 * HOUR), chairId: 'cs.exec-vice-chief-liu', attendeeIds: ['cs.housing.head'] });
    const cs = await waitForState(csMeeting, (x) => !!openAttendance(x, 'cs.housing.head'));
    await act(csMeeting, { taskId: openAttendance(cs, 'cs.housing.head')!.id, action: 'ask-leave', data: { reason: '外出' }, actor: user('cs.housing.head') });
    expect(await leaveTask(csMeeting)).toMatchObject({ rule: '001:47', assignees: [{ userId: 'cs.exec-vice-chief-liu' }] });
    await cleanUp(h, csMeeting, csItem);

    const wrong = await startMeeting(h, { jurisdiction: JS, startsAt: iso(now + 2 * HOUR), attendeeIds: ['js.vice-chief-zhang'] });
    const failure = await wrong.result().then(() => undefined, (e) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(String((failure as WorkflowFailedError).cause?.message)).toContain('列席');
  });
});
