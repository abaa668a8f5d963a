import type { Source } from '../domain/citation';
import { formatShanghaiChinese } from '../domain/calendar/shanghai-date';
import { MEETING_ATTENDANCE, MEETING_LEAVE } from '../domain/meetings/meeting-steps';
import { parseAction, parseOutcome, stepTask, type ActionData } from '../domain/steps';
import type { MeetingRules } from '../domain/meetings/rules';
import { activities } from './engine/activities-proxy';
import { reject, type FieldError } from './engine/failures';
import type { ProcessRuntime } from './engine/process-runtime';
import { isOpen, type TaskRecord } from './engine/task-record';
import { CHIEF, OFFICE_DIRECTOR } from './meeting-assignees';
import type { AssigneeSelector } from '../domain/directory';
import { ruleInForce } from './rules/rule-in-force';
import type { TaskActionInput } from './messages';

/** One member's answer to the invitation, as the meeting records it (details.attendance). */
export interface Attendance {
  userId: string;
  response: 'awaiting' | 'confirmed' | 'leave-requested' | 'on-leave' | 'leave-refused' | 'leave-undecided' | 'no-answer';
  reason?: string;
  /** Opinions on the items sent before the meeting (000:52, 002:44). */
  writtenOpinions?: { itemId: string; opinion: string }[];
  substitute?: { userId: string; status: 'awaiting-consent' | 'attends' | 'refused' | 'unknown'; rule: Source };
  answeredBy?: string;
  decidedBy?: string;
  /** A non-member invited to attend (列席, 003:55): asks leave as meetings.attendeeLeave says; never counts for quorum. */
  attendee?: true;
  /** The written leave report (书面请假报告) an attendee sent the office (003:55). */
  writtenReport?: string;
}

export interface SittingContext {
  rules: MeetingRules;
  members: string[];
  chiefIds: string[];
  startsAt: string;
  /** Who chairs the sitting: asked for leave where the rules say so (001:47). */
  chairId?: string;
  /** The items on the agenda now: written opinions must name one of them. */
  agendaItemIds: () => string[];
  /** Non-members invited to attend (列席人员); absent in meetings started before attendees were asked. */
  attendees?: string[];
}

/** Every member awaiting an answer: published before the first invitation goes out, so an early answer finds its record. */
export function awaitingAnswers(members: string[], attendees: string[] = []): Record<string, Attendance> {
  return Object.fromEntries([
    ...members.map((userId) => [userId, { userId, response: 'awaiting' }]),
    ...attendees.map((userId) => [userId, { userId, response: 'awaiting', attendee: true }]),
  ]);
}

/** Who decides an attendee's leave (meetings.attendeeLeave: 003:55 the office director, 000:52/002:44 the chief, 001:47 the chair). */
function attendeeLeaveDecider(rules: MeetingRules, chairId: string | undefined): AssigneeSelector[] {
  const { askedOf } = rules.attendeeLeave.value;
  if (askedOf === 'office-director') return OFFICE_DIRECTOR;
  if (askedOf === 'chair' && chairId) return [{ kind: 'users', userIds: [chairId] }];
  return CHIEF;
}

const ASKED_OF_ZH = { 'office-director': '办公室主任', chief: '区长', chair: '会议主持人' } as const;

/**
 * The article leave is asked under: the written-opinion or substitute clause where the rulebook
 * has one (000:52, 002:44, 004:42), else the one that names the members (003:49, 001:41).
 */
export function leaveRule(rules: MeetingRules): Source {
  const stated = [rules.writtenOpinionsWhenAbsent, rules.substituteNeedsConsent].find((r) => !r.source.startsWith('none:'));
  return stated?.source ?? rules.members.source;
}

/**
 * Invites every member to one sitting: each gets their own task to confirm or to ask the chief for
 * leave (请假), with written opinions and a named substitute where the rules allow them. `close`
 * ends the invitation when the meeting starts: unanswered tasks are cancelled, not left behind.
 */
export async function inviteMembers(rt: ProcessRuntime, ctx: SittingContext, attendance: Record<string, Attendance>) {
  const { rules } = ctx;
  const tasks: TaskRecord[] = [];
  const answers: Promise<void>[] = [];
  for (const member of ctx.members) {
    const task = await rt.openTask(
      {
        ...stepTask(MEETING_ATTENDANCE),
        title: `出席常务会议：${formatShanghaiChinese(ctx.startsAt)}（确认出席或向区长请假）`,
        // One task per member, named by id: a role selector would give one task to all of them.
        assignees: [{ kind: 'users', userIds: [member] }],
        timeoutRule: 'none',
        rule: rules.members.source,
      },
      { validate: (a) => checkLeaveRequest(a, member, ctx) },
    );
    tasks.push(task);
    answers.push(answer(task, attendance[member]));
  }
  // 列席人员: invited in their own task, and ask leave of whom meetings.attendeeLeave names (003:55: the office director).
  for (const attendee of ctx.attendees ?? []) {
    const task = await rt.openTask(
      {
        ...stepTask(MEETING_ATTENDANCE),
        title: `列席常务会议：${formatShanghaiChinese(ctx.startsAt)}（确认列席或向${ASKED_OF_ZH[rules.attendeeLeave.value.askedOf]}请假${rules.attendeeLeave.value.writtenReport ? '，附书面请假报告' : ''}）`,
        assignees: [{ kind: 'users', userIds: [attendee] }],
        timeoutRule: 'none',
        rule: rules.attendeeLeave.source,
      },
      { validate: (a) => checkAttendeeLeaveRequest(a, attendee, ctx) },
    );
    tasks.push(task);
    answers.push(answer(task, attendance[attendee]));
  }

  async function answer(task: TaskRecord, record: Attendance): Promise<void> {
    const out = parseOutcome(MEETING_ATTENDANCE, await rt.awaitTask(task));
    record.answeredBy = out.actorId;
    if (out.action === 'confirm') record.response = 'confirmed';
    if (out.action === 'ask-leave') await askLeave(record, out.data);
    if (record.response === 'awaiting') record.response = 'no-answer';
    // Others may still be open: the update that answered this one returns now.
    rt.settle();
  }

  async function askLeave(record: Attendance, data: ActionData<typeof MEETING_ATTENDANCE, 'ask-leave'>): Promise<void> {
    const rule = record.attendee ? rules.attendeeLeave.source : leaveRule(rules);
    Object.assign(record, { response: 'leave-requested', reason: data.reason, writtenOpinions: data.writtenOpinions, ...(data.writtenReport ? { writtenReport: data.writtenReport } : {}) });
    if (data.substituteId) {
      const known = await activities('check the substitute').userExists({ jurisdiction: rt.init.jurisdiction, userId: data.substituteId });
      record.substitute = { userId: data.substituteId, status: known ? 'awaiting-consent' : 'unknown', rule: rules.substituteNeedsConsent.source };
    }
    rt.audit({ actorId: record.answeredBy!, action: 'leave-requested', rule, detail: `${record.userId}: ${data.reason}${data.writtenOpinions?.length ? `; ${data.writtenOpinions.length} written opinion(s)` : ''}` });
    if (!record.attendee && ctx.chiefIds.includes(record.userId)) {
      // The chief asks nobody: his absence is noted, and the chair is whoever he named (003:49, 001:41).
      record.response = 'on-leave';
      if (record.substitute?.status === 'awaiting-consent') record.substitute.status = 'attends';
      return;
    }
    // 001:47: 向主持召开会议的政府领导同志请假 — the chair decides, unless it is the chair who asks.
    const toChair = !record.attendee && ruleInForce(rt.init.jurisdiction, 'meetings.leaveAskedOf', rules.leaveAskedOf.value) === 'chair' && !!ctx.chairId && ctx.chairId !== record.userId;
    const decider = record.attendee ? attendeeLeaveDecider(rules, ctx.chairId) : toChair ? [{ kind: 'users' as const, userIds: [ctx.chairId!] }] : CHIEF;
    const decision = parseOutcome(
      MEETING_LEAVE,
      await rt.runTask(
        {
          ...stepTask(MEETING_LEAVE),
          title: `${record.userId}${record.attendee ? '（列席）' : ''}请假（${formatShanghaiChinese(ctx.startsAt)}的常务会议）：${data.reason}`,
          assignees: decider,
          timeoutRule: 'none',
          rule: toChair ? rules.leaveAskedOf.source : rule,
        },
        { validate: (a) => checkLeaveDecision(a, record, rules) },
      ),
    );
    record.decidedBy = decision.actorId;
    if (decision.action === 'refuse-leave') record.response = 'leave-refused';
    else if (decision.action !== 'grant-leave') record.response = 'leave-undecided';
    else {
      record.response = 'on-leave';
      if (record.substitute?.status === 'awaiting-consent') {
        const consent = !rules.substituteNeedsConsent.value || decision.data.substituteAccepted === true;
        record.substitute.status = consent ? 'attends' : 'refused';
      }
    }
    if (record.substitute?.status === 'awaiting-consent') record.substitute.status = 'refused';
    const action = record.response === 'on-leave' ? 'leave-granted' : record.response;
    rt.audit({ actorId: decision.actorId, onBehalfOf: decision.onBehalfOf, action, rule, detail: record.substitute ? `${record.userId}; substitute ${record.substitute.userId}: ${record.substitute.status} (${record.substitute.rule})` : record.userId });
    // 003:55 汇总后向区长报告: the office director's decision on an attendee's leave is reported to the chief.
    if (record.attendee && rules.attendeeLeave.value.askedOf === 'office-director')
      await activities('notify: attendee leave reported to the chief').notify({
        recipientIds: ctx.chiefIds,
        processId: rt.id,
        kind: 'attendee-leave-reported',
        subject: `[${formatShanghaiChinese(ctx.startsAt)}的常务会议] 列席人员请假`,
        body: `${record.userId}：${record.response === 'on-leave' ? '已准假' : '未准假'}（${data.reason}；书面请假报告：${data.writtenReport ?? '无'}；${rules.attendeeLeave.source}）`,
        dedupeKey: `${rt.id}/${ctx.startsAt}/attendee-leave/${record.userId}`,
      });
  }

  return {
    /** The meeting starts: invitations and leave requests still open are closed unanswered. */
    async close(reason: string): Promise<void> {
      for (const task of rt.tasks) if (isOpen(task) && (task.view.step === MEETING_ATTENDANCE.id || task.view.step === MEETING_LEAVE.id)) rt.cancelTask(task, reason);
      await Promise.all(answers);
    },
  };
}

/** Written opinions only where the rules provide them; only on items of this agenda; a substitute is not a member. */
function checkLeaveRequest(message: TaskActionInput, member: string, ctx: SittingContext): void {
  const a = parseAction(MEETING_ATTENDANCE, message);
  if (a.action !== 'ask-leave') return;
  const errors: FieldError[] = [];
  const opinions = a.data.writtenOpinions ?? [];
  if (a.data.writtenOpinions !== undefined && !ctx.rules.writtenOpinionsWhenAbsent.value)
    errors.push({ field: 'data.writtenOpinions', reason: `these rules provide no written opinions from an absent member (${ctx.rules.writtenOpinionsWhenAbsent.source})` });
  else
    opinions.forEach((o, i) => {
      if (!ctx.agendaItemIds().includes(o.itemId)) errors.push({ field: `data.writtenOpinions.${i}.itemId`, reason: `not on this agenda; one of: ${ctx.agendaItemIds().join(', ') || 'none'}` });
    });
  const substitute = a.data.substituteId;
  if (substitute === member) errors.push({ field: 'data.substituteId', reason: 'a member cannot substitute for themselves' });
  else if (substitute !== undefined && ctx.members.includes(substitute))
    errors.push({ field: 'data.substituteId', reason: `${substitute} is a member and attends in their own right (${ctx.rules.members.source})` });
  if (errors.length) reject.badRequest('invalid leave request', errors);
}

/** 003:55: an attendee's leave comes with a written report; attendees send no opinions on the items (000:52, 002:44 give those to members). */
function checkAttendeeLeaveRequest(message: TaskActionInput, attendee: string, ctx: SittingContext): void {
  const a = parseAction(MEETING_ATTENDANCE, message);
  if (a.action !== 'ask-leave') return;
  const errors: FieldError[] = [];
  const { writtenReport } = ctx.rules.attendeeLeave.value;
  if (writtenReport && a.data.writtenReport === undefined)
    errors.push({ field: 'data.writtenReport', reason: `an attendee asks leave with a written leave report to the office (书面请假报告, ${ctx.rules.attendeeLeave.source})` });
  if (a.data.writtenOpinions !== undefined)
    errors.push({ field: 'data.writtenOpinions', reason: `written opinions on the items are the members' (${ctx.rules.writtenOpinionsWhenAbsent.source}); an attendee (列席人员) sends none` });
  if (a.data.substituteId === attendee) errors.push({ field: 'data.substituteId', reason: 'an attendee cannot substitute for themselves' });
  if (errors.length) reject.badRequest('invalid leave request', errors);
}

/** The chief's consent to a substitute is asked where the rules require it (000:52, 004:42), and only then. */
function checkLeaveDecision(message: TaskActionInput, record: Attendance, rules: MeetingRules): void {
  const a = parseAction(MEETING_LEAVE, message);
  if (a.action !== 'grant-leave') return;
  const given = a.data.substituteAccepted;
  const asked = record.substitute?.status === 'awaiting-consent' && rules.substituteNeedsConsent.value;
  if (asked && given === undefined)
    reject.badRequest('consent to the substitute', [{ field: 'data.substituteAccepted', reason: `${record.substitute!.userId} attends only with the chief's consent (${rules.substituteNeedsConsent.source})` }]);
  if (!asked && given !== undefined)
    reject.badRequest('no substitute to consent to', [
      {
        field: 'data.substituteAccepted',
        reason: record.substitute ? `no consent is asked for a substitute here (${rules.substituteNeedsConsent.source})` : 'no substitute was named',
      },
    ]);
}
