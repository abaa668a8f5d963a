import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { agendaOutcomeSignal, agendaScheduledSignal } from '../../workflows/meeting-messages';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { fixAgenda, itOnOwnMeetingServer, membersOf, people, queueProbe, rollCall, startMeeting, user } from '../support/meeting-helpers';
import { act, actorWith, auditOf, openTask, startTicket, stateOf, waitForAudit, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The workflow suites' date-sensitive scenarios, started on hard days of the calendar instead of
 * whatever day the suite runs: each waits for the due time the process reports and checks the
 * consequence a minute before (nothing yet) and a minute after (it happened).
 *
 * The time-skipping test server starts at the wall clock and only skips forward (it has no
 * start-time option), so each hard day is the first of its kind still ahead of the server's
 * clock: the 2026 date while it is ahead, else the same day of a later year. A list that has run
 * out fails, rather than quietly testing an ordinary day.
 */
const HARD_DAYS: { name: string; dates: string[] }[] = [
  // 除夕 2026, 2027, 2028: the Spring Festival holiday (and its working weekends) begins.
  { name: 'the eve of Spring Festival', dates: ['2026-02-16', '2027-02-05', '2028-01-25'] },
  { name: '30 September, before the National Day holiday', dates: ['2026-09-30', '2027-09-30', '2028-09-30'] },
  { name: '31 December, across the year end', dates: ['2026-12-31', '2027-12-31', '2028-12-31'] },
];

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

/** Moves the server's clock to 09:00 Beijing time on the first of the dates still ahead of it. */
async function startOn(h: Pick<TimeSkippingHarness, 'env'>, dates: string[]): Promise<string> {
  const now = await h.env.currentTimeMs();
  const day = dates.find((d) => Date.parse(`${d}T09:00:00+08:00`) > now + MINUTE);
  if (!day) throw new Error(`every date of ${dates.join(', ')} has passed: add the next year's`);
  await skipPast(h, `${day}T09:00:00+08:00`, 0);
  return day;
}

/** The test server's clock, not the wall clock: after the skip they are far apart. */
const serverIso = async (h: TimeSkippingHarness, plusMs = 0) => iso((await h.env.currentTimeMs()) + plusMs);

describe.each(HARD_DAYS)('started on $name', ({ dates }) => {
  itOnOwnServer('000:62 — a countersign reply due in 5 working days — is deemed consent only once the due time the process reports has passed', async (h) => {
    await startOn(h, dates);
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { countersignUnitIds: ['js.housing'] }));
    await driveDocument(handle, (s) => s.tasks.some((t) => t.step === 'document.countersign' && t.status === 'open'));
    const s = await stateOf(handle);
    const task = openTask(s, 'document.countersign');
    const deadline = s.deadlines.find((d) => d.id === task.deadlineId)!;
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 5 }, await loadHolidayTable(h.db)).dueAt);
    await skipPast(h, deadline.dueAt, -MINUTE);
    expect(openTask(await stateOf(handle), 'document.countersign').id).toBe(task.id);
    await skipPast(h, deadline.dueAt);
    const settled = await waitForState(handle, (x) => x.tasks.find((t) => t.id === task.id)!.status === 'done');
    expect(settled.tasks.find((t) => t.id === task.id)!.outcome).toMatchObject({ action: 'deemed-consent', byRule: true });
    await handle.terminate('test done');
  });

  itOnOwnServer('001:63 — an ordinary supervision ticket due in 7 days — is overdue and escalated only after its reported due time', async (h) => {
    await startOn(h, dates);
    const finance = (await actorWith(h.db, CS, 'department-head', 'cs.finance')).userId;
    const office = await actorWith(h.db, CS, 'supervision-office');
    const handle = await startTicket(h.env.client, h.taskQueue, { jurisdiction: CS, title: '节前安全检查督办', source: 'leader-instruction', responsibleUnitId: 'cs.finance', complexity: 'ordinary', issuedBy: office.userId });
    const s = await waitForState(handle, (x) => x.tasks.length > 0);
    const deadline = s.deadlines.find((d) => d.id === 'ticket')!;
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, deadline.limit!, await loadHolidayTable(h.db)).dueAt);
    await skipPast(h, deadline.dueAt, -MINUTE);
    expect(openTask(await stateOf(handle), 'ticket.execution')).toMatchObject({ overdue: false, escalated: false });
    await skipPast(h, deadline.dueAt);
    const late = await waitForState(handle, (x) => x.tasks.some((t) => t.escalated));
    expect(openTask(late, 'ticket.execution')).toMatchObject({ overdue: true, escalated: true, assignees: expect.arrayContaining([{ userId: finance }]) });
    await handle.terminate('test done');
  });

  itOnOwnServer('000:53 — a decided document not issued within 5 working days of the meeting — is flagged only after the reported due time', async (h) => {
    await startOn(h, dates);
    const doc = { issuer: 'office' as const, kind: 'notice' as const, title: '关于节日期间值班的通知', body: '各街道：……', scope: 'specific-task' as const, disclosure: 'not-public' as const, disclosureReason: '内部', addressees: [] };
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { document: doc }));
    await driveAgendaItem(handle, awaitingMeeting);
    const meetingId = `meeting.${JS}.${randomUUID()}`;
    await handle.signal(agendaScheduledSignal, { meetingId, startsAt: await serverIso(h, HOUR) });
    await waitForState(handle, (x) => x.step === 'scheduled');
    await handle.signal(agendaOutcomeSignal, { meetingId, outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', minutesSignedAt: await serverIso(h), minutesSignedBy: 'js.chief', supervisionDueAt: await serverIso(h, 60 * 24 * HOUR) });
    const s = await waitForState(handle, (x) => x.deadlines.some((d) => d.id === 'document-issue'));
    const issue = s.deadlines.find((d) => d.id === 'document-issue')!;
    expect(issue.dueAt).toBe(computeDue(issue.startAt, { unit: 'workingDays', n: 5 }, await loadHolidayTable(h.db)).dueAt);
    await skipPast(h, issue.dueAt, -MINUTE);
    expect((await auditOf(handle)).some((e) => e.action === 'document-overdue')).toBe(false);
    await skipPast(h, issue.dueAt);
    expect(await waitForAudit(handle, 'document-overdue')).toContainEqual(expect.objectContaining({ action: 'document-overdue', rule: '000:53' }));
    for (const l of (await stateOf(handle)).links.filter((x) => x.relation === 'spawned')) await h.env.client.workflow.getHandle(l.processId).terminate('test done');
    await handle.terminate('test done');
  });

  itOnOwnMeetingServer('001:46 — minutes due 2 working days after the meeting — are escalated only after the reported due time', async (h) => {
    await startOn(h, dates);
    const { chief, secretary } = people(CS);
    const item = await queueProbe(h, CS, await serverIso(h, -40 * 24 * HOUR));
    const startsAt = await serverIso(h, HOUR);
    const meeting = await startMeeting(h, { jurisdiction: CS, startsAt });
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    let s: ProcessState = await rollCall(meeting, secretary, await membersOf(h, CS));
    s = await act(meeting, { taskId: openTask(s, 'meeting.record-outcome').id, action: 'record', data: { outcome: 'deferred', decision: '进一步研究', viceChiefOpinion: '建议暂缓' }, actor: user(secretary) });
    const deadline = s.deadlines.find((d) => d.id === 'minutes')!;
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 2 }, await loadHolidayTable(h.db)).dueAt);
    await skipPast(h, deadline.dueAt, -MINUTE);
    expect(openTask(await stateOf(meeting), 'meeting.minutes-draft').escalated).toBe(false);
    await skipPast(h, deadline.dueAt);
    await waitForState(meeting, (x) => x.tasks.some((t) => t.step === 'meeting.minutes-draft' && t.escalated));
    await meeting.terminate('test done');
    await item.terminate('test done');
  });
});
