import { describe, expect } from 'vitest';
import { getMeeting, getQueuedItem } from '../../db/meeting-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import type { Attendance } from '../../workflows/meeting-attendance';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { recordHistory } from '../support/histories';
import { cleanUp, decideAndSign, fixAgenda, isAt, itOnOwnMeetingServer, membersOf, people, probeLog, queueProbe, rollCall, serverNow, skipPast, startMeeting, user } from '../support/meeting-helpers';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForAudit, waitForState } from '../support/process-helpers';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const RZ: JurisdictionId = 'rizhao-2017'; // 004
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** Ready long before the cut-off of a meeting a few hours away. */
const LONG_AGO = 40 * 86_400_000;

const attendanceOf = (s: ProcessState) => s.details.attendance as Record<string, Attendance>;
const openAttendance = (s: ProcessState, member: string) => s.tasks.find((t) => t.step === 'meeting.attendance' && t.status === 'open' && t.assignees[0].userId === member)!;
const invitedAll = (n: number) => (s: ProcessState) => s.tasks.filter((t) => t.step === 'meeting.attendance' && t.status === 'open').length === n;

describe('standing meeting (常务会议): paths run to the end', () => {
  itOnOwnMeetingServer('000:52 — a vice chief on leave sends a written opinion; the meeting is held without him, 5 of 6 a quorum, minuted and signed', async (h) => {
    const { chief, secretary } = people(JS);
    const members = await membersOf(h, JS);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, JS, iso(now - LONG_AGO));
    const startsAt = iso(now + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await fixAgenda(meeting, chief);
    let s = await waitForState(meeting, invitedAll(members.length));
    const vice = 'js.vice-chief-zhang';
    await act(meeting, { taskId: openAttendance(s, vice).id, action: 'ask-leave', data: { reason: '赴省里开会', writtenOpinions: [{ itemId: item.workflowId, opinion: '同意' }] }, actor: user(vice) });
    s = await waitForState(meeting, isAt('meeting.leave'));
    s = await act(meeting, { taskId: openTask(s, 'meeting.leave').id, action: 'grant-leave', actor: user(chief) });
    expect(attendanceOf(s)[vice]).toMatchObject({ response: 'on-leave', decidedBy: chief, writtenOpinions: [{ itemId: item.workflowId, opinion: '同意' }] });

    await skipPast(h, startsAt);
    s = await rollCall(meeting, secretary, members.filter((m) => m !== vice));
    expect(s.step).toBe('deliberation');
    expect(s.details.sittings).toEqual([expect.objectContaining({ quorate: true, present: members.filter((m) => m !== vice) })]);
    expect((s.details.sittings as { attendance: Record<string, Attendance> }[])[0].attendance[vice].response).toBe('on-leave');
    s = await decideAndSign(meeting, JS);
    expect(s.status).toBe('completed');
    expect((await auditOf(meeting)).map((e) => e.action)).toEqual(expect.arrayContaining(['leave-requested', 'leave-granted', 'quorum', 'minutes-signed', 'outcomes-released']));
    await recordHistory(meeting, 'standingMeeting-leave');
    await cleanUp(h, item);
  });

  itOnOwnMeetingServer('000:46 — no quorum, the office calls the meeting off: its items go back to the queue and are told why; the meeting ends cancelled', async (h) => {
    const { chief, secretary, director } = people(JS);
    const members = await membersOf(h, JS);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, JS, iso(now - LONG_AGO));
    const startsAt = iso(now + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    let s = await rollCall(meeting, secretary, members.slice(0, 3));
    expect(s.step).toBe('no-quorum');
    const reschedule = openTask(s, 'meeting.reschedule');
    expect(await rejectionOf(act(meeting, { taskId: reschedule.id, action: 'cancel-meeting', data: {}, actor: user(director) }))).toMatchObject({ type: 'BadRequest', fields: [expect.objectContaining({ field: 'data.reason' })] });
    s = await act(meeting, { taskId: reschedule.id, action: 'cancel-meeting', data: { reason: '主要领导临时公出' }, actor: user(director) });
    const final = (await meeting.result()) as ProcessState;
    expect(final.status).toBe('cancelled');
    expect(final.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ status: 'cancelled' });
    expect(await getQueuedItem(h.db, item.workflowId)).toMatchObject({ meetingId: null });
    expect((await probeLog(item)).released).toEqual([{ meetingId: meeting.workflowId, reason: 'meeting called off: 主要领导临时公出' }]);
    expect((await probeLog(item)).outcomes).toEqual([]);
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'meeting-cancelled', rule: '000:46', actorId: director }));
    await recordHistory(meeting, 'standingMeeting-cancelled');
    await cleanUp(h, item);
  });

  itOnOwnMeetingServer('002 — a meeting held in Lixia: agenda frozen 3 working days before (002:40), minutes signed by the chief (002:45), no limit on the minutes, the outcome released to the item', async (h) => {
    const { chief, secretary } = people(LX);
    const members = await membersOf(h, LX);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, LX, iso(now - LONG_AGO));
    const startsAt = iso(now + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: LX, startsAt });
    let s = await waitForState(meeting, isAt('meeting.fix-agenda'));
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'agenda-frozen', rule: '002:40' }));
    expect(openTask(s, 'meeting.fix-agenda')).toMatchObject({ rule: '002:40', assignees: [{ userId: chief }] });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    s = await rollCall(meeting, secretary, members);
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'quorum', rule: 'policy:quorum' }));
    s = await act(meeting, { taskId: openTask(s, 'meeting.record-outcome').id, action: 'record', data: { outcome: 'approved', decision: '原则同意', viceChiefOpinion: '分管副区长：建议通过' }, actor: user(secretary) });
    const draft = openTask(s, 'meeting.minutes-draft');
    expect(draft.dueAt).toBeUndefined(); // 002 sets no limit for the minutes
    expect(s.deadlines.some((d) => d.id === 'minutes')).toBe(false);
    s = await act(meeting, { taskId: draft.id, action: 'submit-minutes', data: { text: '会议纪要' }, actor: user(secretary) });
    const sign = openTask(s, 'meeting.minutes-sign');
    expect(sign).toMatchObject({ rule: '002:45', assignees: [{ userId: chief }] });
    s = await act(meeting, { taskId: sign.id, action: 'sign-minutes', actor: user(chief) });
    expect(s.status).toBe('completed');
    const heard = await item.result();
    expect(heard.outcomes).toEqual([expect.objectContaining({ meetingId: meeting.workflowId, outcome: 'approved', minutesSignedBy: chief })]);
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ status: 'closed' });
  });

  itOnOwnMeetingServer('the chief’s own leave — asks nobody: noted on leave at once, no leave task opens', async (h) => {
    const { chief } = people(JS);
    const members = await membersOf(h, JS);
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt: iso((await serverNow(h)).getTime() + 2 * DAY) });
    let s = await waitForState(meeting, invitedAll(members.length));
    s = await act(meeting, { taskId: openAttendance(s, chief).id, action: 'ask-leave', data: { reason: '赴市里开会' }, actor: user(chief) });
    expect(attendanceOf(s)[chief]).toMatchObject({ response: 'on-leave', reason: '赴市里开会' });
    s = await stateOf(meeting);
    expect(s.tasks.some((t) => t.step === 'meeting.leave')).toBe(false);
    await cleanUp(h, meeting);
  });

  itOnOwnMeetingServer('roll call — a non-member or a member listed twice — is refused naming the entry, and nothing is recorded', async (h) => {
    const { chief, secretary } = people(JS);
    const members = await membersOf(h, JS);
    const startsAt = iso((await serverNow(h)).getTime() + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    const s = await waitForState(meeting, isAt('meeting.roll-call'));
    const roll = openTask(s, 'meeting.roll-call');
    const refused = await rejectionOf(act(meeting, { taskId: roll.id, action: 'record-attendance', data: { present: [members[0], 'js.housing.head', members[0]] }, actor: user(secretary) }));
    expect(refused.type).toBe('BadRequest');
    expect(refused.fields.map((f) => f.field)).toEqual(['data.present.1', 'data.present.2']);
    const after = await stateOf(meeting);
    expect(openTask(after, 'meeting.roll-call').id).toBe(roll.id);
    expect((after.details.sittings as { present?: string[] }[])[0].present).toBeUndefined();
    await cleanUp(h, meeting);
  });
  itOnOwnMeetingServer('004 — the chief takes a real agenda item off the agenda at the opening: the item hears it, waits again, and is back in the queue', async (h) => {
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(RZ));
    await driveAgendaItem(item, awaitingMeeting);
    await waitForState(item, (x) => x.step === 'awaiting-meeting');
    const startsAt = iso((await serverNow(h)).getTime() + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: RZ, startsAt });
    await skipPast(h, startsAt); // 004 has no lead time: the agenda freezes at the start
    let s = await waitForState(meeting, isAt('meeting.fix-agenda'));
    expect((s.details.agenda as { itemId: string }[]).map((i) => i.itemId)).toEqual([item.workflowId]);
    await waitForState(item, (x) => x.step === 'scheduled');
    s = await fixAgenda(meeting, 'rz.chief', [{ itemId: item.workflowId, reason: '条件尚不成熟' }]);
    expect(s.details.removed).toEqual([expect.objectContaining({ itemId: item.workflowId, reason: '条件尚不成熟', by: 'rz.chief' })]);
    const trail = await waitForAudit(item, 'taken-off-agenda');
    expect(trail).toContainEqual(expect.objectContaining({ action: 'taken-off-agenda', detail: `${meeting.workflowId}: left off the agenda by the chief: 条件尚不成熟` }));
    expect((await waitForState(item, (x) => x.step === 'awaiting-meeting')).status).toBe('running');
    expect(await getQueuedItem(h.db, item.workflowId)).toMatchObject({ meetingId: null });
    await cleanUp(h, meeting, item);
  });
});
