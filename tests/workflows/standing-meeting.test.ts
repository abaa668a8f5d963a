import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { createMeetingActivities } from '../../activities/meeting-activities';
import { getMeeting, getQueuedItem, removeAgendaItem, type QueuedItem } from '../../db/meeting-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { cutoffBefore } from '../../domain/meetings/lead-time';
import { rulebookFor } from '../../domain/rulebooks';
import type { ProcessState } from '../../workflows/engine/types';
import { leaveRule, type Attendance } from '../../workflows/meeting-attendance';
import { recordHistory } from '../support/histories';
import { cleanUp, decideAndSign, fixAgenda, isAt, itOnOwnMeetingServer, membersOf, people, probeLog, queueProbe, rollCall, serverNow, skipPast, startMeeting, startMeetingServer, user } from '../support/meeting-helpers';
import { act, auditOf, openTask, stateOf, waitForState } from '../support/process-helpers';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const RZ: JurisdictionId = 'rizhao-2017'; // 004
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** Ready long before the cut-off of a meeting a few hours away (10 working days at most, 003:54). */
const LONG_AGO = 40 * DAY;

let shared: Awaited<ReturnType<typeof startMeetingServer>>;
beforeAll(async () => {
  shared = await startMeetingServer();
});
afterAll(async () => shared?.stop());

const fieldsOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as { details?: unknown[] }).details?.[0] as { field: string; reason: string }[];
};

const agendaOf = (s: ProcessState) => (s.details.agenda as QueuedItem[]).map((i) => i.itemId);
const leaveRuleOf = (j: JurisdictionId) => leaveRule(rulebookFor(j).meetings);
const attendanceOf = (s: ProcessState) => s.details.attendance as Record<string, Attendance>;
/** The flow at rest with the agenda frozen: the chief's agenda task and every invitation are open. */
const frozenWith = (members: number) => (s: ProcessState) => isAt('meeting.fix-agenda')(s) && s.tasks.filter((t) => t.step === 'meeting.attendance').length === members;
/** The chief's open leave task, once the request has opened it. */
const leaveTask = async (meeting: WorkflowHandle) => openTask(await waitForState(meeting, isAt('meeting.leave')), 'meeting.leave');
const openAttendance = (s: ProcessState, member: string) => s.tasks.find((t) => t.step === 'meeting.attendance' && t.status === 'open' && t.assignees[0].userId === member)!;

describe('standing meeting (常务会议): agenda, attendance, quorum, minutes', () => {
  itOnOwnMeetingServer('000:50 — the agenda freezes at the cut-off, 5 working days before: an item ready before it is on the agenda and told; one ready after stays in the queue', async (h) => {
    const now = (await serverNow(h)).getTime();
    const table = await loadHolidayTable(h.db);
    const lead = rulebookFor(JS).meetings.leadTime!;
    expect(lead).toEqual({ value: { unit: 'workingDays', n: 5 }, source: '000:50' });
    // A meeting 8 days out; a day later for each holiday that would put its cut-off within a day.
    let startsAt = iso(now + 8 * DAY);
    while (Date.parse(cutoffBefore(startsAt, lead.value, table).dueAt) < now + DAY) startsAt = iso(Date.parse(startsAt) + DAY);
    const cutoffAt = cutoffBefore(startsAt, lead.value, table).dueAt;
    const early = await queueProbe(h, JS, iso(now), '早报议题');
    const late = await queueProbe(h, JS, iso(Date.parse(cutoffAt) + 60_000), '迟报议题');
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });

    const members = await membersOf(h, JS);
    // The invitations go out at once; the agenda waits for the cut-off.
    let s = await waitForState(meeting, (x) => x.tasks.filter((t) => t.step === 'meeting.attendance').length === members.length);
    expect(s.step).toBe('scheduled');
    expect(s.tasks.filter((t) => t.step === 'meeting.attendance').map((t) => t.assignees[0].userId).sort()).toEqual([...members].sort());
    expect(s.details.cutoffAt).toBe(cutoffAt);
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ startsAt, cutoffAt, status: 'scheduled' });
    expect(await getQueuedItem(h.db, early.workflowId)).toMatchObject({ meetingId: null }); // nothing is taken before the cut-off

    await skipPast(h, cutoffAt, HOUR);
    s = await waitForState(meeting, isAt('meeting.fix-agenda'));
    expect(await h.env.currentTimeMs()).toBeLessThan(Date.parse(startsAt));
    expect(agendaOf(s)).toEqual([early.workflowId]);
    expect(s.links).toEqual([{ relation: 'agenda-item', processId: early.workflowId, type: 'agendaItem' }]);
    expect(await getQueuedItem(h.db, early.workflowId)).toMatchObject({ meetingId: meeting.workflowId });
    expect(await getQueuedItem(h.db, late.workflowId)).toMatchObject({ meetingId: null });
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ status: 'frozen' });
    expect((await probeLog(early)).scheduled).toEqual([{ meetingId: meeting.workflowId, startsAt }]);
    expect((await probeLog(late)).scheduled).toEqual([]);
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'agenda-frozen', rule: '000:50' }));
    // An item ready now hears that it missed this meeting: a frozen agenda is never an item's next meeting.
    const queued = await createMeetingActivities({ db: h.db }).queueAgendaItem({ itemId: 'agenda.late-comer', jurisdiction: JS, title: '后报议题', leadUnit: 'js.housing', readyAt: iso(await h.env.currentTimeMs()) });
    expect(queued).toEqual({ next: undefined, missed: [{ id: meeting.workflowId, startsAt, cutoffAt }] });
    await removeAgendaItem(h.db, 'agenda.late-comer');
    // The chief's agenda task is due when the meeting starts.
    expect(openTask(s, 'meeting.fix-agenda')).toMatchObject({ dueAt: startsAt, rule: '000:50', assignees: [{ userId: 'js.chief' }] });
    await cleanUp(h, meeting, early, late);
  });

  itOnOwnMeetingServer('000:46 — 3 of the 6 members is no quorum: the office sets a new date, the agenda stays and its item hears the date; 4 of 6 then hold the meeting', async (h) => {
    const { chief, secretary, director } = people(JS);
    const members = await membersOf(h, JS);
    expect(members).toHaveLength(6); // chief, 4 vice chiefs, office director (000:46)
    const now = (await serverNow(h)).getTime();
    const startsAt = iso(now + HOUR); // its cut-off has passed: the agenda freezes at once
    const item = await queueProbe(h, JS, iso(now - LONG_AGO));
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    let s = await rollCall(meeting, secretary, members.slice(0, 3));
    expect(s.step).toBe('no-quorum');
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'no-quorum', rule: '000:46', detail: expect.stringContaining('3 of 6') }));
    expect(s.tasks.some((t) => t.step === 'meeting.record-outcome')).toBe(false); // no decisions without quorum
    const reschedule = openTask(s, 'meeting.reschedule');
    expect(reschedule.assignees).toEqual([{ userId: director }]);
    expect(await fieldsOf(act(meeting, { taskId: reschedule.id, action: 'reschedule', data: { startsAt: iso(now) }, actor: user(director) }))).toEqual([expect.objectContaining({ field: 'data.startsAt' })]);

    const newStart = iso((await h.env.currentTimeMs()) + 2 * DAY);
    s = await act(meeting, { taskId: reschedule.id, action: 'reschedule', data: { startsAt: newStart }, actor: user(director) });
    expect(s.details.startsAt).toBe(newStart);
    expect(agendaOf(s)).toEqual([item.workflowId]);
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ startsAt: newStart, status: 'frozen' });
    expect(await getQueuedItem(h.db, item.workflowId)).toMatchObject({ meetingId: meeting.workflowId });
    expect((await probeLog(item)).scheduled.map((x) => x.startsAt)).toEqual([startsAt, newStart]);
    s = await waitForState(meeting, (x) => x.tasks.filter((t) => t.step === 'meeting.attendance' && t.status === 'open').length === 6);

    await skipPast(h, newStart);
    s = await rollCall(meeting, secretary, members.slice(0, 4));
    expect(s.step).toBe('deliberation');
    expect((s.details.sittings as { quorate: boolean }[]).map((x) => x.quorate)).toEqual([false, true]);
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ status: 'held' });
    s = await decideAndSign(meeting, JS);
    expect(s.status).toBe('completed');
    await recordHistory(meeting, 'standingMeeting-rescheduled-v2');
  });

  for (const [j, count, needed, rule] of [
    [CS, 5, 3, 'policy:quorum'],
    [ZD, 6, 4, '003:49'],
    [RZ, 6, 4, '004:38'],
  ] as const)
    itOnOwnMeetingServer(`${j}: ${count} members, ${needed} present is a quorum (${rule})`, async (h) => {
      const members = await membersOf(h, j);
      expect(members).toHaveLength(count);
      const startsAt = iso((await h.env.currentTimeMs()) + HOUR);
      const meeting = await startMeeting(h, { jurisdiction: j, startsAt });
      // In 004 (no lead time) the agenda freezes at the start, so the chief fixes it at the opening.
      await skipPast(h, startsAt);
      await fixAgenda(meeting, people(j).chief);
      const s = await rollCall(meeting, people(j).secretary, members.slice(0, needed));
      expect((s.details.sittings as { quorate: boolean }[]).map((x) => x.quorate)).toEqual([true]);
      expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'quorum', rule, detail: expect.stringContaining(`${needed} of ${count}`) }));
      expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ status: 'held' });
      await cleanUp(h, meeting);
    });

  it('000:50 — the chief leaves an item off the agenda: it goes back to the queue and is told why; an item not on the agenda is refused', async () => {
    const { h } = shared;
    const now = (await serverNow(h)).getTime();
    const kept = await queueProbe(h, JS, iso(now - LONG_AGO - DAY), '保留议题');
    const dropped = await queueProbe(h, JS, iso(now - LONG_AGO), '撤下议题');
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt: iso(now + 2 * HOUR) });
    let s = await waitForState(meeting, isAt('meeting.fix-agenda'));
    expect(agendaOf(s)).toEqual([kept.workflowId, dropped.workflowId]);
    const fix = openTask(s, 'meeting.fix-agenda');
    expect(await fieldsOf(act(meeting, { taskId: fix.id, action: 'fix-agenda', data: { remove: [{ itemId: 'agenda.nope', reason: 'x' }] }, actor: user('js.chief') }))).toEqual([
      expect.objectContaining({ field: 'data.remove.0.itemId' }),
    ]);
    s = await fixAgenda(meeting, 'js.chief', [{ itemId: dropped.workflowId, reason: '条件尚不成熟' }]);
    expect(agendaOf(s)).toEqual([kept.workflowId]);
    expect(s.details.removed).toEqual([expect.objectContaining({ itemId: dropped.workflowId, reason: '条件尚不成熟', by: 'js.chief' })]);
    expect(await getQueuedItem(h.db, dropped.workflowId)).toMatchObject({ meetingId: null });
    expect(await getQueuedItem(h.db, kept.workflowId)).toMatchObject({ meetingId: meeting.workflowId });
    expect((await probeLog(dropped)).released).toEqual([{ meetingId: meeting.workflowId, reason: 'left off the agenda by the chief: 条件尚不成熟' }]); // told the chief's reason
    expect((await probeLog(kept)).released).toEqual([]);
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'item-removed', rule: '000:50', detail: expect.stringContaining('条件尚不成熟') }));
    await cleanUp(h, meeting, kept, dropped);
  });

  it('000:52 — a member asks the chief for leave and sends written opinions on the items; an opinion on an item not on the agenda is refused', async () => {
    const { h } = shared;
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, JS, iso(now - LONG_AGO));
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt: iso(now + 2 * HOUR) });
    let s = await waitForState(meeting, frozenWith(6));
    const vice = 'js.vice-chief-zhang';
    const task = openAttendance(s, vice);
    expect(await fieldsOf(act(meeting, { taskId: task.id, action: 'ask-leave', data: { reason: '外出', writtenOpinions: [{ itemId: 'agenda.nope', opinion: '同意' }] }, actor: user(vice) }))).toEqual([
      expect.objectContaining({ field: 'data.writtenOpinions.0.itemId' }),
    ]);
    s = await act(meeting, { taskId: task.id, action: 'ask-leave', data: { reason: '赴省里开会', writtenOpinions: [{ itemId: item.workflowId, opinion: '同意，建议加强资金监管' }] }, actor: user(vice) });
    const leave = await leaveTask(meeting);
    expect(leave).toMatchObject({ rule: '000:52', assignees: [{ userId: 'js.chief' }] });
    s = await act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user('js.chief') });
    expect(attendanceOf(s)[vice]).toMatchObject({ response: 'on-leave', reason: '赴省里开会', writtenOpinions: [{ itemId: item.workflowId, opinion: '同意，建议加强资金监管' }], decidedBy: 'js.chief' });
    s = await act(meeting, { taskId: openAttendance(s, 'js.vice-chief-chen').id, action: 'confirm', actor: user('js.vice-chief-chen') });
    expect(attendanceOf(s)['js.vice-chief-chen'].response).toBe('confirmed');
    await cleanUp(h, meeting, item);
  });

  it('003 — written opinions from an absent member are refused (none:003); leave itself is asked of the chief', async () => {
    const { h } = shared;
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, ZD, iso(now - LONG_AGO));
    const meeting = await startMeeting(h, { jurisdiction: ZD, startsAt: iso(now + 2 * HOUR) });
    const s = await waitForState(meeting, frozenWith(6));
    const task = openAttendance(s, 'zd.vice-chief-guo');
    const errors = await fieldsOf(act(meeting, { taskId: task.id, action: 'ask-leave', data: { reason: '出差', writtenOpinions: [{ itemId: item.workflowId, opinion: '同意' }] }, actor: user('zd.vice-chief-guo') }));
    expect(errors).toEqual([{ field: 'data.writtenOpinions', reason: expect.stringContaining('none:003') }]);
    const asked = await act(meeting, { taskId: task.id, action: 'ask-leave', data: { reason: '出差' }, actor: user('zd.vice-chief-guo') });
    expect(asked.tasks.find((t) => t.id === task.id)?.outcome?.action).toBe('ask-leave');
    expect((await leaveTask(meeting)).assignees).toEqual([{ userId: 'zd.chief' }]);
    await cleanUp(h, meeting, item);
  });

  it('001:47 — leave is asked of whoever chairs (向主持召开会议的政府领导同志请假): the executive vice chief chairing decides it; in 003 the chief does even then (003:55: 须向区长请假)', async () => {
    const { h } = shared;
    expect(rulebookFor(CS).meetings.leaveAskedOf).toEqual({ value: 'chair', source: '001:47' });
    expect(rulebookFor(ZD).meetings.leaveAskedOf).toEqual({ value: 'chief', source: '003:55' });
    const now = (await serverNow(h)).getTime();
    const invited = (member: string) => (s: ProcessState) => isAt('meeting.fix-agenda')(s) && !!openAttendance(s, member);
    for (const [j, chair, member, decider, rule] of [
      [CS, 'cs.exec-vice-chief-liu', 'cs.vice-chief-huang', 'cs.exec-vice-chief-liu', '001:47'],
      [ZD, 'zd.exec-vice-chief-zhu', 'zd.vice-chief-guo', 'zd.chief', leaveRuleOf(ZD)],
    ] as const) {
      const item = await queueProbe(h, j, iso(now - LONG_AGO));
      const meeting = await startMeeting(h, { jurisdiction: j, startsAt: iso(now + 2 * HOUR), chairId: chair });
      const s = await waitForState(meeting, invited(member));
      await act(meeting, { taskId: openAttendance(s, member).id, action: 'ask-leave', data: { reason: '赴市里开会' }, actor: user(member) });
      const leave = await leaveTask(meeting);
      expect(leave, j).toMatchObject({ rule, assignees: [{ userId: decider }] });
      const granted = await act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user(decider) });
      expect(attendanceOf(granted)[member], j).toMatchObject({ response: 'on-leave', decidedBy: decider });
      await cleanUp(h, meeting, item);
    }
  });

  // On a server of its own: on the shared one the items and meetings earlier tests leave in 003 kept it from ever reaching the filing step.
  itOnOwnMeetingServer('003:54 — each item is filed with the party committee by its lead unit (主办部门 … 向区委报备) by the cut-off, 3 working days before the meeting, on an escalating task', async (h) => {
    const now = (await serverNow(h)).getTime();
    const startsAt = iso(now + 2 * HOUR);
    const item = await queueProbe(h, ZD, iso(now - LONG_AGO));
    const meeting = await startMeeting(h, { jurisdiction: ZD, startsAt });
    // The cut-off has passed (the meeting is 2 hours away): the task is born overdue and escalates
    // at once. Act only once it has: an update that reaches the time-skipping test server while that
    // workflow task is in flight was seen to wait for good (twice in loaded CI runs; the dev server
    // has no such gap — the e2e suites send updates into busy processes all the time).
    let s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.party-committee-filing' && t.status === 'open' && t.escalated === true));
    const filing = openTask(s, 'meeting.party-committee-filing');
    const cut = cutoffBefore(startsAt, { unit: 'workingDays', n: 3 }, await loadHolidayTable(h.db));
    expect(filing).toMatchObject({ rule: '003:54', dueAt: cut.dueAt });
    expect(filing.assignees.map((a) => a.userId)).toContain('zd.housing.head'); // the lead unit, not the office
    expect(filing.assignees.map((a) => a.userId)).not.toContain('zd.office.staff');
    s = await act(meeting, { taskId: filing.id, action: 'file', data: { reference: '区委办备〔2026〕12号' }, actor: user('zd.housing.head') });
    s = await waitForState(meeting, (x) => (x.details.partyCommitteeFilings as unknown[] | undefined)?.length === 1);
    expect(s.details.partyCommitteeFilings).toEqual([expect.objectContaining({ itemId: item.workflowId, by: 'zd.housing.head', reference: '区委办备〔2026〕12号' })]);
    await cleanUp(h, meeting, item);
  });

  it('004:42 — a substitute attends only with the chief’s consent, given when leave is granted; a member cannot be named as one', async () => {
    const { h } = shared;
    const meeting = await startMeeting(h, { jurisdiction: RZ, startsAt: iso((await serverNow(h)).getTime() + 2 * HOUR) });
    // No lead time in 004: the agenda freezes at the start, the invitations are out before.
    let s = await waitForState(meeting, (x) => x.step === 'scheduled' && x.tasks.filter((t) => t.step === 'meeting.attendance').length === 6);
    const [lin, luo] = ['rz.vice-chief-lin', 'rz.vice-chief-luo'];
    expect(await fieldsOf(act(meeting, { taskId: openAttendance(s, lin).id, action: 'ask-leave', data: { reason: '出差', substituteId: luo }, actor: user(lin) }))).toEqual([
      expect.objectContaining({ field: 'data.substituteId' }),
    ]);
    s = await act(meeting, { taskId: openAttendance(s, lin).id, action: 'ask-leave', data: { reason: '出差', substituteId: 'rz.office.deputy-liang' }, actor: user(lin) });
    const leave = await leaveTask(meeting);
    expect(leave.rule).toBe('004:42');
    expect(await fieldsOf(act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user('rz.chief') }))).toEqual([
      { field: 'data.substituteAccepted', reason: expect.stringContaining('004:42') },
    ]);
    s = await act(meeting, { taskId: leave.id, action: 'grant-leave', data: { substituteAccepted: false }, actor: user('rz.chief') });
    expect(attendanceOf(s)[lin]).toMatchObject({ response: 'on-leave', substitute: { userId: 'rz.office.deputy-liang', status: 'refused', rule: '004:42' } });

    s = await act(meeting, { taskId: openAttendance(s, luo).id, action: 'ask-leave', data: { reason: '外出', substituteId: 'rz.office.deputy-xie' }, actor: user(luo) });
    s = await act(meeting, { taskId: (await leaveTask(meeting)).id, action: 'grant-leave', data: { substituteAccepted: true }, actor: user('rz.chief') });
    expect(attendanceOf(s)[luo].substitute).toMatchObject({ userId: 'rz.office.deputy-xie', status: 'attends' });
    await cleanUp(h, meeting);
  });

  it('001 — no consent is asked for a substitute where the rules are silent (none:001); a refused leave refuses the substitute too', async () => {
    const { h } = shared;
    const meeting = await startMeeting(h, { jurisdiction: CS, startsAt: iso((await serverNow(h)).getTime() + 2 * HOUR) });
    let s = await waitForState(meeting, frozenWith(5));
    const [huang, zhao] = ['cs.vice-chief-huang', 'cs.vice-chief-zhao'];
    s = await act(meeting, { taskId: openAttendance(s, huang).id, action: 'ask-leave', data: { reason: '出差', substituteId: 'cs.office.deputy-xu' }, actor: user(huang) });
    let leave = await leaveTask(meeting);
    expect(await fieldsOf(act(meeting, { taskId: leave.id, action: 'grant-leave', data: { substituteAccepted: true }, actor: user('cs.chief') }))).toEqual([
      { field: 'data.substituteAccepted', reason: expect.stringContaining('none:001') },
    ]);
    s = await act(meeting, { taskId: leave.id, action: 'grant-leave', actor: user('cs.chief') });
    expect(attendanceOf(s)[huang].substitute).toMatchObject({ status: 'attends', rule: 'none:001' });
    s = await act(meeting, { taskId: openAttendance(s, zhao).id, action: 'ask-leave', data: { reason: '调研', substituteId: 'cs.office.deputy-xu' }, actor: user(zhao) });
    leave = await leaveTask(meeting);
    s = await act(meeting, { taskId: leave.id, action: 'refuse-leave', data: { reason: '议题涉及分管领域，须出席' }, actor: user('cs.chief') });
    expect(attendanceOf(s)[zhao]).toMatchObject({ response: 'leave-refused', substitute: { status: 'refused' } });
    await cleanUp(h, meeting);
  });

  it('a chair who may not chair: the executive vice chief in 000 (none:000) fails the start', async () => {
    const { h } = shared;
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt: iso((await serverNow(h)).getTime() + 2 * HOUR), chairId: 'js.exec-vice-chief-li' });
    const err = await meeting.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String(err.cause?.message)).toContain('none:000');
  });

  itOnOwnMeetingServer('001:46 — the minutes are due 2 working days after the meeting; late, the office director is told (escalation)', async (h) => {
    const { chief, secretary, director } = people(CS);
    const members = await membersOf(h, CS);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, CS, iso(now - LONG_AGO));
    const startsAt = iso(now + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: CS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    let s = await rollCall(meeting, secretary, members);
    s = await act(meeting, { taskId: openTask(s, 'meeting.record-outcome').id, action: 'record', data: { outcome: 'deferred', decision: '进一步研究', viceChiefOpinion: '建议暂缓' }, actor: user(secretary) });
    const draft = openTask(s, 'meeting.minutes-draft');
    const deadline = s.deadlines.find((d) => d.id === 'minutes')!;
    expect(deadline).toMatchObject({ rule: '001:46', limit: { unit: 'workingDays', n: 2 }, startAt: s.details.endedAt });
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 2 }, await loadHolidayTable(h.db)).dueAt);
    expect(draft).toMatchObject({ dueAt: deadline.dueAt, rule: '001:46' });
    await skipPast(h, deadline.dueAt, -60_000);
    expect(openTask(await stateOf(meeting), 'meeting.minutes-draft').escalated).toBe(false); // a minute before the limit
    await skipPast(h, deadline.dueAt);
    s = await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.minutes-draft' && t.escalated));
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'escalated', rule: '001:46', detail: director }));
    expect((await listNotifications(h.db, { recipientId: director })).some((n) => n.kind === 'overdue' && n.processId === meeting.workflowId)).toBe(true);
    expect((await probeLog(item)).outcomes).toEqual([]);
    await cleanUp(h, meeting, item);
  });

  itOnOwnMeetingServer('000 — held and minuted: unanswered invitations close at the start; outcomes reach the items only once the chief signs the minutes (000:53), returned minutes first', async (h) => {
    const { chief, secretary } = people(JS);
    const members = await membersOf(h, JS);
    const now = (await serverNow(h)).getTime();
    const item = await queueProbe(h, JS, iso(now - LONG_AGO));
    const startsAt = iso(now + HOUR);
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await fixAgenda(meeting, chief);
    let s = await waitForState(meeting, (x) => x.tasks.filter((t) => t.step === 'meeting.attendance').length === 6);
    await act(meeting, { taskId: openAttendance(s, 'js.vice-chief-wang').id, action: 'confirm', actor: user('js.vice-chief-wang') });
    await skipPast(h, startsAt);
    s = await rollCall(meeting, secretary, members);
    const attendance = attendanceOf(s);
    expect(attendance['js.vice-chief-wang'].response).toBe('confirmed');
    expect(attendance['js.vice-chief-zhang'].response).toBe('no-answer');
    expect(s.tasks.filter((t) => t.step === 'meeting.attendance' && t.status === 'cancelled')).toHaveLength(5);

    const record = openTask(s, 'meeting.record-outcome');
    const refusedFields = async (data: Record<string, unknown>) => (await fieldsOf(act(meeting, { taskId: record.id, action: 'record', data, actor: user(secretary) }))).map((e) => e.field);
    expect(await refusedFields({ outcome: 'approved', decision: '同意' })).toEqual(['data.viceChiefOpinion']);
    expect(await refusedFields({ outcome: 'approved', decision: '同意', viceChiefOpinion: '同意', majorRevision: true })).toEqual(['data.majorRevision']); // 000 sets no such limit
    expect(await refusedFields({ outcome: 'deferred', decision: '缓议', viceChiefOpinion: '缓议', supervisionDueAt: iso(now + 30 * DAY) })).toEqual(['data.supervisionDueAt']);
    const supervisionDueAt = iso(now + 30 * DAY);
    s = await act(meeting, { taskId: record.id, action: 'record', data: { outcome: 'approved', decision: '原则同意，由区住建局组织实施', viceChiefOpinion: '分管副区长：建议通过', supervisionDueAt }, actor: user(secretary) });
    expect(openTask(s, 'meeting.minutes-draft').dueAt).toBeUndefined(); // 000 sets no limit for the minutes
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '纪要初稿' }, actor: user(secretary) });
    const sign = openTask(s, 'meeting.minutes-sign');
    expect(sign).toMatchObject({ rule: '000:53', assignees: [{ userId: chief }] });
    s = await act(meeting, { taskId: sign.id, action: 'return-minutes', data: { reason: '补充议定事项的责任单位' }, actor: user(chief) });
    expect(openTask(s, 'meeting.minutes-draft').title).toContain('补充议定事项的责任单位');
    expect((await probeLog(item)).outcomes).toEqual([]); // decided, but not released before the minutes are signed
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '纪要第二稿' }, actor: user(secretary) });
    expect((await probeLog(item)).outcomes).toEqual([]);
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-sign').id, action: 'sign-minutes', actor: user(chief) });

    expect(s.status).toBe('completed');
    expect(s.details.minutes).toMatchObject({ text: '纪要第二稿', version: 2, signedBy: chief, returns: [expect.objectContaining({ reason: '补充议定事项的责任单位' })] });
    const heard = await item.result();
    expect(heard.outcomes).toEqual([
      {
        meetingId: meeting.workflowId,
        outcome: 'approved',
        decision: '原则同意，由区住建局组织实施',
        viceChiefOpinion: '分管副区长：建议通过',
        supervisionDueAt,
        minutesSignedAt: (s.details.minutes as { signedAt: string }).signedAt,
        minutesSignedBy: chief,
      },
    ]);
    expect(await getMeeting(h.db, meeting.workflowId)).toMatchObject({ status: 'closed' });
    const trail = (await auditOf(meeting)).map((e) => e.action);
    expect(trail.indexOf('outcomes-released')).toBeGreaterThan(trail.indexOf('minutes-signed'));
    await recordHistory(meeting, 'standingMeeting-held');
  });
});
