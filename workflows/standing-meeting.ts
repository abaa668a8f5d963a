import { ApplicationFailure, getExternalWorkflowHandle, patched, setHandler, sleep } from '@temporalio/workflow';
import type { QueuedItem } from '../db/meeting-repository';
import type { Cited, Source } from '../domain/citation';
import { formatShanghai, formatShanghaiChinese } from '../domain/calendar/shanghai-date';
import type { JurisdictionId } from '../domain/jurisdictions';
import { describeLimit, type Limit } from '../domain/limit';
import { chairRefusal } from '../domain/meetings/chair';
import { MEETING_FIX_AGENDA, MEETING_PARTY_COMMITTEE_FILING, MEETING_RESCHEDULE, MEETING_ROLL_CALL } from '../domain/meetings/meeting-steps';
import { parseAction, parseOutcome, stepTask } from '../domain/steps';
import { hasQuorum } from '../domain/meetings/quorum';
import { meetingTitle } from '../domain/meetings/title';
import { rulebookFor } from '../domain/rulebooks';
import { activities } from './engine/activities-proxy';
import { ruleInForce } from './rules/rule-in-force';
import { reject, type FieldError } from './engine/failures';
import { ProcessRuntime } from './engine/process-runtime';
import { isOpen, type TaskRecord } from './engine/task-record';
import type { ProcessState } from './engine/types';
import { CHIEF, OFFICE, OFFICE_DIRECTOR, SECRETARY } from './meeting-assignees';
import { awaitingAnswers, inviteMembers, type Attendance } from './meeting-attendance';
import { draftAndSignMinutes, recordOutcomes, type RecordedOutcome } from './meeting-decisions';
import { agendaItemJoinedSignal, agendaOutcomeSignal, agendaReleasedSignal, agendaScheduledSignal, type AgendaOutcome } from './meeting-messages';
import type { TaskActionInput } from './messages';

/** A standing meeting (常务会议) as the office convenes it (POST /v1/meetings). */
export interface StandingMeetingInput {
  jurisdiction: JurisdictionId;
  /** ISO instant the meeting starts. */
  startsAt: string;
  /** The chief, or the executive vice chief where the chief may delegate the chair (003:49, 001:41). */
  chairId: string;
  startedBy: string;
  /** Non-members the office invites to attend (列席人员, e.g. the heads of the units reporting items): they ask leave as meetings.attendeeLeave says (003:55). */
  attendeeIds?: string[];
}

/**
 * 常务会议: scheduled → agenda frozen at the lead-time cut-off → the chief fixes the agenda;
 * members confirm or ask for leave → roll call and quorum (else a new date) → an outcome per item →
 * minutes drafted and signed by the chief → the outcomes go to the items. Ends `completed`, or
 * `cancelled` when the office calls it off after a meeting without quorum.
 * @throws ApplicationFailure (BadRequest, non-retryable) when the chair may not chair (the API checks first).
 */
export async function standingMeeting(input: StandingMeetingInput): Promise<ProcessState> {
  const rulebook = rulebookFor(input.jurisdiction);
  const rules = rulebook.meetings;
  const rt = new ProcessRuntime({ type: 'standingMeeting', jurisdiction: input.jurisdiction, title: meetingTitle(rulebook, input.startsAt), startedBy: input.startedBy });
  rt.install();
  /** Where the text sets no lead time, the rule cited is its silence, never an invented article. */
  const leadRule: Source = rules.leadTime?.source ?? `none:${rulebook.seed}`;
  const chiefConsent: Source = rules.reviewChain.find((s) => s.role === 'chief')?.rule ?? rules.members.source;
  let startsAt = input.startsAt;
  const agenda: QueuedItem[] = [];
  const removed: { itemId: string; title: string; reason: string; by: string; at: string }[] = [];
  const outcomes: Record<string, RecordedOutcome> = {};
  const sittings: { startsAt: string; attendance: Record<string, Attendance>; present?: string[]; quorate?: boolean; recordedBy?: string }[] = [];
  const background: Promise<void>[] = [];
  Object.assign(rt.details, { startsAt, chairId: input.chairId, members: [], agenda, removed, sittings, outcomes, minutes: null });
  /** Deliberation has begun: the agenda takes no more items. */
  let deliberating = false;
  // 002:40, 003:54: an item that reached the office by the cut-off but finished its review after the
  // agenda froze is owed a place on it, until the meeting deliberates.
  setHandler(agendaItemJoinedSignal, async (item) => {
    if (agenda.some((i) => i.itemId === item.itemId)) return;
    if (deliberating) {
      await releaseItems([item.itemId], 'the meeting had already begun deliberating');
      return;
    }
    agenda.push({ ...item, jurisdiction: input.jurisdiction, meetingId: rt.id });
    rt.addLink({ relation: 'agenda-item', processId: item.itemId, type: 'agendaItem' });
    rt.audit({ actorId: 'system', action: 'item-joined', rule: rules.leadTimeMeasuredAt.source, detail: `${item.itemId}: reached the office ${formatShanghai(item.readyAt)}, by the cut-off ${formatShanghai(String(rt.details.cutoffAt))}` });
    await tellItems([item.itemId], 'agenda-scheduled', (id) => getExternalWorkflowHandle(id).signal(agendaScheduledSignal, { meetingId: rt.id, startsAt }));
  });

  const members = await activities('who sits on the standing meeting').meetingMembers({ jurisdiction: input.jurisdiction, roles: rules.members.value });
  const memberIds = members.map((m) => m.userId);
  rt.details.members = memberIds;
  const attendeeIds = input.attendeeIds ?? [];
  if (attendeeIds.length) rt.details.attendees = attendeeIds;
  const chair = members.find((m) => m.userId === input.chairId);
  const refusal = chair ? chairRefusal(rules, chair.roles) : `${input.chairId} does not sit on the standing meeting (${rules.members.source})`;
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'BadRequest');
  const memberAttendees = attendeeIds.filter((id) => memberIds.includes(id));
  if (memberAttendees.length) throw ApplicationFailure.nonRetryable(`${memberAttendees.join(', ')} sit on the standing meeting (${rules.members.source}), not attend it (列席)`, 'BadRequest');

  // 1. The meeting is recorded with its cut-off; items ready by then make it (000:50, 002:40, 003:54, 001:41).
  rt.setStep('scheduled');
  const registered = await activities('record the meeting and its agenda cut-off').registerMeeting({ id: rt.id, jurisdiction: input.jurisdiction, startsAt });
  rt.details.cutoffAt = registered.cutoffAt;
  const provisional = registered.provisional ? ' — provisional: the holiday calendar of that year is not loaded' : '';
  rt.audit({ actorId: input.startedBy, action: 'meeting-scheduled', rule: leadRule, detail: `starts ${formatShanghai(startsAt)}; agenda closes ${formatShanghai(registered.cutoffAt)}${leadText(rules.leadTime)}${provisional}` });
  // Members are invited (会议通知) at once: leave is asked before the meeting, whatever its lead time.
  const chiefIds = members.filter((m) => m.roles.includes('chief')).map((m) => m.userId);
  let invitation = await invite();
  await sleepUntil(registered.cutoffAt);

  // 2. The agenda freezes: the items ready by the cut-off are claimed and told.
  rt.setStep('agenda-frozen');
  agenda.push(...(await activities('freeze the agenda').claimAgendaItems({ meetingId: rt.id, jurisdiction: input.jurisdiction, cutoffAt: registered.cutoffAt })));
  await activities('mark the meeting frozen').setMeetingStatus({ id: rt.id, status: 'frozen' });
  for (const item of agenda) rt.addLink({ relation: 'agenda-item', processId: item.itemId, type: 'agendaItem' });
  rt.audit({ actorId: 'system', action: 'agenda-frozen', rule: leadRule, detail: `${agenda.length} item(s) ready by ${formatShanghai(registered.cutoffAt)}: ${agenda.map((i) => i.itemId).join(', ') || 'none'}` });
  await tellItems(agenda.map((i) => i.itemId), 'agenda-scheduled', (id) => getExternalWorkflowHandle(id).signal(agendaScheduledSignal, { meetingId: rt.id, startsAt }));
  if (rules.partyCommitteeFiling) background.push(fileWithPartyCommittee(rules.partyCommitteeFiling));

  // 3. The chief fixes the agenda (000:50: 区长确定议题), before the meeting opens — at the opening where
  // the agenda froze at the start (004: no lead time), so no deadline that is already past.
  const beforeStart = Date.parse(startsAt) > Date.now();
  if (beforeStart) await rt.setDeadline({ id: 'agenda', label: '会前确定议题', rule: chiefConsent, startAt: rt.now(), dueAt: startsAt });
  const agendaFixed = fixAgenda(
    await rt.openTask(
      {
        ...stepTask(MEETING_FIX_AGENDA),
        title: `确定议题：${formatShanghaiChinese(startsAt)}的常务会议`,
        assignees: CHIEF,
        escalateTo: OFFICE_DIRECTOR,
        ...(beforeStart ? { deadlineId: 'agenda', timeoutRule: 'escalate' as const } : { timeoutRule: 'none' as const }),
        rule: chiefConsent,
      },
      { validate: checkRemovals },
    ),
  );

  // 4–5. At the start the invitations close and the secretary calls the roll; without quorum, a new date.
  for (;;) {
    await sleepUntil(startsAt);
    await invitation.close('the meeting has started');
    rt.setStep('opening');
    await agendaFixed;

    rt.setStep('roll-call');
    const roll = parseOutcome(
      MEETING_ROLL_CALL,
      await rt.runTask(
        {
          ...stepTask(MEETING_ROLL_CALL),
          title: `点名：${formatShanghaiChinese(startsAt)}的常务会议`,
          assignees: SECRETARY,
          timeoutRule: 'none',
          rule: rules.quorum.source,
        },
        { validate: checkRollCall },
      ),
    );
    const present = roll.data?.present ?? [];
    // Only members count (应到人数 includes those on leave); substitutes attend but make no quorum.
    const sitting = sittings[sittings.length - 1];
    Object.assign(sitting, { present, quorate: hasQuorum(present.length, members.length), recordedBy: roll.actorId });
    rt.audit({ actorId: roll.actorId, action: sitting.quorate ? 'quorum' : 'no-quorum', rule: rules.quorum.source, detail: `${present.length} of ${members.length} members present; more than half needed` });
    if (sitting.quorate) break;
    if (!(await reschedule())) return closeMeeting('cancelled', rules.quorum.source);
    invitation = await invite();
  }

  // 6. The meeting decides each item; the vice chief in charge speaks first (001:41).
  await activities('mark the meeting held').setMeetingStatus({ id: rt.id, status: 'held' });
  rt.setStep('deliberation');
  deliberating = true;
  Object.assign(outcomes, await recordOutcomes(rt, rules, rulebook.seed, agenda, { chairId: input.chairId, rule: rulebook.decisions.chiefSpeaksLast.source }));
  const endedAt = rt.now();
  rt.details.endedAt = endedAt;

  // 7. Minutes (纪要): drafted by the office, signed by the chief (000:53, 002:45, 003:56) — within 2 working days in 001:46.
  const signed = await draftAndSignMinutes(rt, rules, endedAt, input.jurisdiction);

  // 8. Only now do the items learn their outcome: what the minutes record is what was decided.
  rt.setStep('outcomes-released');
  await tellItems(agenda.map((i) => i.itemId), 'agenda-outcome', (id) =>
    getExternalWorkflowHandle(id).signal(agendaOutcomeSignal, { ...withoutRecord(outcomes[id]), meetingId: rt.id, minutesSignedAt: signed.at, minutesSignedBy: signed.actorId }),
  );
  rt.audit({ actorId: 'system', action: 'outcomes-released', rule: rules.minutesSignedBy.source, detail: agenda.map((i) => `${i.itemId}: ${outcomes[i.itemId].outcome}`).join('; ') || 'no items' });
  return closeMeeting('completed', rules.minutesSignedBy.source);

  // ---- steps ------------------------------------------------------------------------------

  /** Invites every member to the sitting at `startsAt`; a new date is a new sitting with new answers. */
  async function invite(): Promise<Awaited<ReturnType<typeof inviteMembers>>> {
    const attendance = awaitingAnswers(memberIds, attendeeIds);
    sittings.push({ startsAt, attendance });
    rt.details.attendance = attendance;
    return inviteMembers(rt, { rules, members: memberIds, chiefIds, chairId: input.chairId, startsAt, agendaItemIds: () => agenda.map((i) => i.itemId), ...(attendeeIds.length ? { attendees: attendeeIds } : {}) }, attendance);
  }

  async function sleepUntil(at: string): Promise<void> {
    rt.settle();
    const ms = Date.parse(at) - Date.now();
    if (ms > 0) await sleep(ms);
  }

  /** Signals the item workflows; one that is gone (withdrawn, terminated) is audited, and the meeting goes on. */
  async function tellItems(itemIds: string[], what: string, send: (itemId: string) => Promise<void>): Promise<void> {
    await Promise.all(
      itemIds.map(async (id) => {
        try {
          await send(id);
        } catch (err) {
          rt.audit({ actorId: 'system', action: 'item-not-reached', detail: `${id} (${what}): ${(err as Error).message}` });
        }
      }),
    );
  }

  async function releaseItems(itemIds: string[], reason: string | ((itemId: string) => string)): Promise<void> {
    if (!itemIds.length) return;
    await activities('give the items back to the queue').releaseAgendaItems({ meetingId: rt.id, itemIds });
    await tellItems(itemIds, 'agenda-released', (id) => getExternalWorkflowHandle(id).signal(agendaReleasedSignal, { meetingId: rt.id, reason: typeof reason === 'string' ? reason : reason(id) }));
  }

  /** 003:54: the agenda is also filed with the party committee, 3 working days before the meeting. */
  async function fileWithPartyCommittee(filing: Cited<Limit>): Promise<void> {
    const cut = await activities('party-committee filing cut-off').meetingFilingCutoff({ jurisdiction: input.jurisdiction, startsAt });
    await rt.setDeadline({ id: 'party-committee-filing', label: `会前报区委备案（${filing.source}）`, rule: filing.source, startAt: rt.now(), dueAt: cut.cutoffAt });
    const filedBy = ruleInForce(input.jurisdiction, 'meetings.partyCommitteeFiledBy', rules.partyCommitteeFiledBy?.value ?? 'office');
    if (filedBy === 'lead-unit') return eachLeadUnitFiles(filing);
    const out = parseOutcome(
      MEETING_PARTY_COMMITTEE_FILING,
      await rt.runTask({
        ...stepTask(MEETING_PARTY_COMMITTEE_FILING),
        title: `报区委备案：${formatShanghaiChinese(startsAt)}常务会议的议题`,
        assignees: OFFICE,
        escalateTo: OFFICE_DIRECTOR,
        deadlineId: 'party-committee-filing',
        timeoutRule: 'escalate',
        rule: filing.source,
      }),
    );
    if (out.action !== 'file') return;
    rt.details.partyCommitteeFiling = { at: out.at, by: out.actorId, reference: out.data.reference ?? null };
    rt.audit({ actorId: out.actorId, action: 'filed-with-party-committee', rule: filing.source, detail: out.data.reference || undefined });
    rt.settle();
  }

  /** 003:54: each item's lead unit files it with the party committee, by the same cut-off; late, the office director is told. */
  async function eachLeadUnitFiles(filing: Cited<Limit>): Promise<void> {
    const items = [...agenda];
    const tasks = await Promise.all(
      items.map((item) =>
        rt.openTask({
          ...stepTask(MEETING_PARTY_COMMITTEE_FILING),
          title: `报区委备案：${item.title}（${formatShanghaiChinese(startsAt)}常务会议）`,
          assignees: [
            { kind: 'role', role: 'department-head', unitId: item.leadUnit },
            { kind: 'role', role: 'department-staff', unitId: item.leadUnit },
          ],
          escalateTo: OFFICE_DIRECTOR,
          deadlineId: 'party-committee-filing',
          timeoutRule: 'escalate',
          rule: filing.source,
        }),
      ),
    );
    const filings: { itemId: string; at: string; by: string; reference: string | null }[] = [];
    rt.details.partyCommitteeFilings = filings;
    for (const [i, out] of (await rt.awaitAll(tasks)).entries()) {
      const filed = parseOutcome(MEETING_PARTY_COMMITTEE_FILING, out);
      if (filed.action !== 'file') continue;
      filings.push({ itemId: items[i].itemId, at: filed.at, by: filed.actorId, reference: filed.data.reference ?? null });
      rt.audit({ actorId: filed.actorId, action: 'filed-with-party-committee', rule: filing.source, detail: `${items[i].itemId}${filed.data.reference ? `: ${filed.data.reference}` : ''}` });
    }
    rt.settle();
  }

  function checkRemovals(message: TaskActionInput): void {
    const remove = parseAction(MEETING_FIX_AGENDA, message).data.remove ?? [];
    const errors: FieldError[] = [];
    remove.forEach((r, i) => {
      if (!agenda.some((item) => item.itemId === r.itemId)) errors.push({ field: `data.remove.${i}.itemId`, reason: `not on this agenda; one of: ${agenda.map((x) => x.itemId).join(', ') || 'none'}` });
      else if (remove.findIndex((x) => x.itemId === r.itemId) !== i) errors.push({ field: `data.remove.${i}.itemId`, reason: 'listed twice' });
    });
    if (errors.length) reject.badRequest('invalid agenda', errors);
  }

  /** Items the chief leaves off go back to the queue and are told why; the rest is the agenda. */
  async function fixAgenda(task: TaskRecord): Promise<void> {
    const out = parseOutcome(MEETING_FIX_AGENDA, await rt.awaitTask(task));
    if (out.action !== 'fix-agenda') return;
    const { remove = [] } = out.data;
    for (const r of remove) {
      const [item] = agenda.splice(agenda.findIndex((x) => x.itemId === r.itemId), 1);
      removed.push({ itemId: item.itemId, title: item.title, reason: r.reason, by: out.actorId, at: out.at });
      rt.audit({ actorId: out.actorId, onBehalfOf: out.onBehalfOf, action: 'item-removed', rule: chiefConsent, detail: `${item.itemId}: ${r.reason}` });
    }
    // The item's lead unit is told the chief's own reason, not only that it was left off (new runs only).
    const toldWhy = remove.length > 0 && patched('item-told-why-left-off');
    const why = (itemId: string) => `left off the agenda by the chief: ${remove.find((r) => r.itemId === itemId)?.reason ?? ''}`;
    await releaseItems(remove.map((r) => r.itemId), toldWhy ? why : 'left off the agenda by the chief');
    rt.details.agendaFixed = { at: out.at, by: out.actorId };
    rt.audit({ actorId: out.actorId, onBehalfOf: out.onBehalfOf, action: 'agenda-fixed', rule: chiefConsent, detail: agenda.map((i) => i.itemId).join(', ') || 'no items' });
    rt.settle();
  }

  function checkRollCall(message: TaskActionInput): void {
    const { present } = parseAction(MEETING_ROLL_CALL, message).data;
    const errors: FieldError[] = [];
    present.forEach((id, i) => {
      if (!memberIds.includes(id)) errors.push({ field: `data.present.${i}`, reason: `${id} is not a member (${rules.members.source}); members: ${memberIds.join(', ')}` });
      else if (present.indexOf(id) !== i) errors.push({ field: `data.present.${i}`, reason: 'listed twice' });
    });
    if (errors.length) reject.badRequest('invalid roll call', errors);
  }

  /** No quorum (000:46): the office sets a new date, keeping the agenda — or calls the meeting off. */
  async function reschedule(): Promise<boolean> {
    rt.setStep('no-quorum');
    const next = parseOutcome(
      MEETING_RESCHEDULE,
      await rt.runTask(
        {
          ...stepTask(MEETING_RESCHEDULE),
          title: `改期：${formatShanghaiChinese(startsAt)}的常务会议不足法定人数`,
          assignees: OFFICE_DIRECTOR,
          timeoutRule: 'none',
          rule: rules.quorum.source,
        },
        {
          validate: (message) => {
            const a = parseAction(MEETING_RESCHEDULE, message);
            if (a.action === 'reschedule' && !(Date.parse(a.data.startsAt) > Date.now()))
              reject.badRequest('the new date has passed', [{ field: 'data.startsAt', reason: `later than now (${rt.now()})` }]);
          },
        },
      ),
    );
    if (next.action === 'cancel-meeting') {
      const reason = `meeting called off: ${next.data.reason}`;
      rt.audit({ actorId: next.actorId, action: 'meeting-cancelled', rule: rules.quorum.source, detail: reason });
      await releaseItems(agenda.map((i) => i.itemId), reason);
      await activities('mark the meeting cancelled').setMeetingStatus({ id: rt.id, status: 'cancelled' });
      return false;
    }
    const previous = startsAt;
    if (next.action !== 'reschedule') return false;
    startsAt = new Date(next.data.startsAt).toISOString();
    rt.details.startsAt = startsAt;
    const moved = await activities('move the meeting').rescheduleMeeting({ id: rt.id, jurisdiction: input.jurisdiction, startsAt });
    // The agenda stays frozen: the moved meeting takes no new items, so it must not look open to them.
    await activities('keep the agenda frozen').setMeetingStatus({ id: rt.id, status: 'frozen' });
    rt.details.cutoffAt = moved.cutoffAt;
    rt.setStep('rescheduled');
    rt.audit({ actorId: next.actorId, action: 'rescheduled', rule: rules.quorum.source, detail: `${formatShanghai(previous)} → ${formatShanghai(startsAt)}; the agenda stays` });
    const filing = rt.tasks.find((t) => t.view.step === 'meeting.party-committee-filing' && isOpen(t));
    if (filing && rules.partyCommitteeFiling) {
      const cut = await activities('party-committee filing cut-off').meetingFilingCutoff({ jurisdiction: input.jurisdiction, startsAt });
      await rt.setDeadline({ id: 'party-committee-filing', label: '改期后会前报区委备案', rule: rules.partyCommitteeFiling.source, startAt: rt.now(), dueAt: cut.cutoffAt });
    }
    await tellItems(agenda.map((i) => i.itemId), 'agenda-scheduled', (id) => getExternalWorkflowHandle(id).signal(agendaScheduledSignal, { meetingId: rt.id, startsAt }));
    return true;
  }

  async function closeMeeting(status: 'completed' | 'cancelled', rule: Source): Promise<ProcessState> {
    if (status === 'completed') await activities('mark the meeting closed').setMeetingStatus({ id: rt.id, status: 'closed' });
    // The filing task (003:54) may still be open: closed here, so its watcher ends before the process does.
    for (const task of rt.tasks) rt.cancelTask(task, `meeting ${status}`);
    await Promise.all(background);
    return rt.finish(status, rule);
  }
}

function leadText(lead: Cited<Limit> | null): string {
  return lead ? ` (${describeLimit(lead.value)} before, ${lead.source})` : ' (no lead time in these rules: items ready by the start)';
}

function withoutRecord(o: RecordedOutcome): Omit<AgendaOutcome, 'meetingId' | 'minutesSignedAt' | 'minutesSignedBy'> {
  const { recordedBy: _by, at: _at, ...outcome } = o;
  return outcome;
}
