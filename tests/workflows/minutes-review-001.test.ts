import { describe, expect } from 'vitest';
import { findUsers } from '../../db/directory-repository';
import { rulebookFor } from '../../domain/rulebooks';
import { cleanUp, fixAgenda, itOnOwnMeetingServer, membersOf, people, probeLog, queueProbe, rollCall, serverNow, skipPast, startMeeting, user } from '../support/meeting-helpers';
import { act, auditOf, openTask, waitForState } from '../support/process-helpers';
import { recordHistory } from '../support/histories';

/**
 * Issue 10, missing: 001:46 — 区政府常务会议 … 纪要由副区长审阅后，区长签发 … 会议纪要原则上在会议结束后2个工作日内印发.
 * The vice chiefs review the draft before the chief signs, and the signed minutes are issued.
 */
const CS = 'chaoyang-shuangta-2022' as const;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('001:46 — minutes reviewed by the vice chiefs, signed by the chief, issued', () => {
  itOnOwnMeetingServer('every vice chief reviews the draft before the chief’s signing task opens; signed, the minutes are issued within the 2-working-day limit', async (h) => {
    expect(rulebookFor(CS).meetings.minutesReviewedByViceChiefs).toEqual({ value: true, source: '001:46' });
    const { chief, secretary } = people(CS);
    const members = await membersOf(h, CS);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, CS, iso(now - 40 * 24 * HOUR));
    const startsAt = iso(now + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: CS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    let s = await rollCall(meeting, secretary, members);
    s = await act(meeting, { taskId: openTask(s, 'meeting.record-outcome').id, action: 'record', data: { outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过' }, actor: user(secretary) });
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '会议纪要：……' }, actor: user(secretary) });

    const viceChiefs = (await findUsers(h.db, { jurisdiction: CS, role: 'vice-chief' })).map((u) => u.id).sort();
    s = await waitForState(meeting, (x) => x.tasks.filter((t) => t.step === 'meeting.minutes-review' && t.status === 'open').length === viceChiefs.length);
    const reviews = s.tasks.filter((t) => t.step === 'meeting.minutes-review' && t.status === 'open');
    expect(reviews.map((t) => t.assignees[0].userId).sort()).toEqual(viceChiefs);
    expect(reviews.every((t) => t.rule === '001:46')).toBe(true);
    expect(s.tasks.some((t) => t.step === 'meeting.minutes-sign' && t.status === 'open')).toBe(false); // not before the review
    for (const t of reviews) s = await act(meeting, { taskId: t.id, action: 'review-minutes', data: { opinion: '同意' }, actor: user(t.assignees[0].userId) });

    s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.minutes-sign' && t.status === 'open'));
    await act(meeting, { taskId: openTask(s, 'meeting.minutes-sign').id, action: 'sign-minutes', actor: user(chief) });
    const done = await waitForState(meeting, (x) => x.status !== 'running');
    expect(done.status).toBe('completed');
    const trail = await auditOf(meeting);
    expect(trail.filter((e) => e.action === 'minutes-reviewed').map((e) => e.actorId).sort()).toEqual(viceChiefs);
    const issued = trail.find((e) => e.action === 'minutes-issued');
    expect(issued).toMatchObject({ rule: '001:46' });
    expect(Date.parse(issued!.at)).toBeLessThanOrEqual(Date.parse(done.deadlines.find((d) => d.id === 'minutes')!.dueAt));
    expect((await probeLog(item)).outcomes).toHaveLength(1);
    await cleanUp(h, meeting, item);
  });

  itOnOwnMeetingServer('001:47 with 001:46 — chaired by the executive vice chief: a member’s leave is the chair’s to grant; held, reviewed, signed and issued (recorded history)', async (h) => {
    const { chief, secretary } = people(CS);
    const chair = 'cs.exec-vice-chief-liu';
    const away = 'cs.vice-chief-huang';
    const members = await membersOf(h, CS);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, CS, iso(now - 40 * 24 * HOUR));
    const startsAt = iso(now + 2 * HOUR);
    const meeting = await startMeeting(h, { jurisdiction: CS, startsAt, chairId: chair });
    let s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.attendance' && t.status === 'open' && t.assignees[0].userId === away));
    const invitation = s.tasks.find((t) => t.step === 'meeting.attendance' && t.status === 'open' && t.assignees[0].userId === away)!;
    await act(meeting, { taskId: invitation.id, action: 'ask-leave', data: { reason: '赴市里开会' }, actor: user(away) });
    s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.leave' && t.status === 'open'));
    const leave = openTask(s, 'meeting.leave');
    expect(leave).toMatchObject({ rule: '001:47', assignees: [{ userId: chair }] }); // 向主持召开会议的政府领导同志请假
    s = await act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user(chair) });
    expect((s.details.attendance as Record<string, { response: string; decidedBy?: string }>)[away]).toMatchObject({ response: 'on-leave', decidedBy: chair });

    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    s = await rollCall(meeting, secretary, members.filter((m) => m !== away));
    s = await act(meeting, { taskId: openTask(s, 'meeting.record-outcome').id, action: 'record', data: { outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过' }, actor: user(secretary) });
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '会议纪要：……' }, actor: user(secretary) });
    s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.minutes-review' && t.status === 'open'));
    for (const t of s.tasks.filter((x) => x.step === 'meeting.minutes-review' && x.status === 'open')) s = await act(meeting, { taskId: t.id, action: 'review-minutes', data: { opinion: '同意' }, actor: user(t.assignees[0].userId) });
    s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.minutes-sign' && t.status === 'open'));
    const sign = openTask(s, 'meeting.minutes-sign');
    await act(meeting, { taskId: sign.id, action: 'sign-minutes', actor: user(sign.assignees[0].userId) });
    expect((await waitForState(meeting, (x) => x.status !== 'running')).status).toBe('completed');
    expect((await auditOf(meeting)).find((e) => e.action === 'minutes-issued')).toMatchObject({ rule: '001:46' });
    await recordHistory(meeting, 'standingMeeting-chaired-by-exec-vice-chief');
    await cleanUp(h, meeting, item);
  });
});
