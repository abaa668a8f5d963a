import type { QueuedItem } from '../db/meeting-repository';
import { MEETING_MINUTES_DRAFT, MEETING_MINUTES_REVIEW, MEETING_MINUTES_SIGN, MEETING_RECORD_OUTCOME } from '../domain/meetings/meeting-steps';
import type { JurisdictionId } from '../domain/jurisdictions';
import { ruleInForce } from './rules/rule-in-force';
import { collectiveDecisionViolations } from '../domain/decisions/collective-decision';
import { DECIDING_OUTCOMES } from '../domain/meetings/outcomes';
import { parseAction, parseOutcome, stepTask } from '../domain/steps';
import type { MeetingRules } from '../domain/meetings/rules';
import { reject, type FieldError } from './engine/failures';
import type { ProcessRuntime } from './engine/process-runtime';
import type { TaskOutcome, TaskSpec } from './engine/types';
import { CHIEF, OFFICE_DIRECTOR, SECRETARY } from './meeting-assignees';
import type { AgendaOutcome } from './meeting-messages';
import type { TaskActionInput } from './messages';

/** What the secretary records for an item: the outcome the item hears once the minutes are signed. */
export type RecordedOutcome = Omit<AgendaOutcome, 'meetingId' | 'minutesSignedAt' | 'minutesSignedBy'> & { recordedBy: string; at: string };

/**
 * One task per item, all open at once; the meeting ends when every outcome is recorded. The vice
 * chief in charge speaks first (001:41), so the record needs that opinion too.
 */
export async function recordOutcomes(
  rt: ProcessRuntime,
  rules: MeetingRules,
  seed: string,
  agenda: QueuedItem[],
  collective?: { chairId: string; rule: string },
): Promise<Record<string, RecordedOutcome>> {
  const tasks = [];
  for (const item of agenda)
    tasks.push(
      await rt.openTask(
        {
          ...stepTask(MEETING_RECORD_OUTCOME),
          // A major decision's record needs every member's view, the chief's last (decree713:30): the secretary is told so.
          title: `议定：${item.title}（${item.leadUnit}）${item.majorDecision && collective ? `——重大行政决策：逐一记录组成人员意见，区长最后发表意见（${collective.rule}）` : ''}`,
          assignees: SECRETARY,
          timeoutRule: 'none',
          rule: rules.members.source,
        },
        { validate: (a) => checkOutcome(a, rules, seed, item.majorDecision && collective ? collective : undefined) },
      ),
    );
  const decided = await rt.awaitAll(tasks);
  const outcomes: Record<string, RecordedOutcome> = {};
  agenda.forEach((item, i) => {
    const out = parseOutcome(MEETING_RECORD_OUTCOME, decided[i]);
    // Only the meeting's end cancels these tasks, and then no outcome is released.
    if (out.action !== 'record') return;
    outcomes[item.itemId] = { ...out.data, recordedBy: out.actorId, at: out.at };
    rt.audit({ actorId: out.actorId, action: 'outcome-recorded', rule: rules.members.source, detail: `${item.itemId}: ${out.data.outcome} (released once the minutes are signed)` });
  });
  return outcomes;
}

/** A supervision deadline or a major revision only for a decided matter; a major revision only where the rules set its limit (003:57). */
function checkOutcome(message: TaskActionInput, rules: MeetingRules, seed: string, collective?: { chairId: string; rule: string }): void {
  const { data } = parseAction(MEETING_RECORD_OUTCOME, message);
  const errors: FieldError[] = [];
  // A major decision: views recorded, the chief last and deciding, against the majority only with a reason (decree713:30).
  if (collective)
    errors.push(
      ...collectiveDecisionViolations({ views: data.views, outcome: data.outcome, chiefId: collective.chairId, againstMajorityReason: data.againstMajorityReason, rule: collective.rule }),
    );
  const deciding = DECIDING_OUTCOMES.includes(data.outcome);
  if (data.majorRevision === true && !deciding) errors.push({ field: 'data.majorRevision', reason: 'only an approved item is revised' });
  else if (data.majorRevision === true && !rules.majorRevisionLimit)
    errors.push({ field: 'data.majorRevision', reason: `these rules set no limit for a major revision (none:${seed}; 003:57 has one)` });
  if (data.supervisionDueAt !== undefined) {
    if (!deciding) errors.push({ field: 'data.supervisionDueAt', reason: 'only a decided matter is supervised (000:54)' });
    else if (!(Date.parse(data.supervisionDueAt) > Date.now())) errors.push({ field: 'data.supervisionDueAt', reason: 'later than now' });
  }
  if (errors.length) reject.badRequest('invalid outcome', errors);
}

/**
 * Minutes (纪要): the secretary drafts, the chief signs (000:53, 002:45, 003:56) or returns them
 * with a reason and the office redrafts. Where the rules set a limit (001:46: 2 working days from
 * the meeting) both steps run on it and a late one is escalated to the office director.
 */
export async function draftAndSignMinutes(rt: ProcessRuntime, rules: MeetingRules, endedAt: string, jurisdiction?: JurisdictionId): Promise<TaskOutcome> {
  const limit = rules.minutesLimit;
  // 001:46: 纪要由副区长审阅后，区长签发 (meetings started before this read it without the review).
  const reviewed = jurisdiction ? ruleInForce(jurisdiction, 'meetings.minutesReviewedByViceChiefs', rules.minutesReviewedByViceChiefs.value) : false;
  if (limit) await rt.setDeadline({ id: 'minutes', label: '会议纪要印发时限', rule: limit.source, startAt: endedAt, limit: limit.value });
  const clock = limit ? { deadlineId: 'minutes', timeoutRule: 'escalate' as const, escalateTo: OFFICE_DIRECTOR } : { timeoutRule: 'none' as const };
  const record: { text: string; version: number; draftedBy: string; returns: { reason: string; by: string; at: string }[]; signedAt?: string; signedBy?: string } = {
    text: '',
    version: 0,
    draftedBy: '',
    returns: [],
  };
  rt.details.minutes = record;
  for (;;) {
    rt.setStep('minutes');
    const last = record.returns[record.returns.length - 1];
    const draft = parseOutcome(
      MEETING_MINUTES_DRAFT,
      await rt.runTask({
        ...stepTask(MEETING_MINUTES_DRAFT),
        title: last ? `修改会议纪要：${last.reason}` : '起草会议纪要',
        assignees: SECRETARY,
        rule: rules.minutesSignedBy.source,
        ...clock,
      }),
    );
    Object.assign(record, { text: draft.data?.text ?? '', version: record.version + 1, draftedBy: draft.actorId });
    if (reviewed) await viceChiefsReview(rt, rules, record, clock);
    rt.setStep('minutes-signing');
    const signed = await rt.runTask({
      ...stepTask(MEETING_MINUTES_SIGN),
      title: `签发会议纪要（第${record.version}稿）`,
      assignees: CHIEF,
      rule: rules.minutesSignedBy.source,
      ...clock,
    });
    const sign = parseOutcome(MEETING_MINUTES_SIGN, signed);
    if (sign.action === 'sign-minutes') {
      Object.assign(record, { signedAt: sign.at, signedBy: sign.actorId });
      rt.audit({ actorId: sign.actorId, onBehalfOf: sign.onBehalfOf, action: 'minutes-signed', rule: rules.minutesSignedBy.source, detail: `version ${record.version}` });
      // 001:46: 会议纪要原则上在会议结束后2个工作日内印发 — signed, the minutes go out at once.
      if (limit) rt.audit({ actorId: 'system', action: 'minutes-issued', rule: limit.source, detail: `version ${record.version}` });
      return signed;
    }
    if (sign.action !== 'return-minutes') return signed;
    const { reason } = sign.data;
    record.returns.push({ reason, by: sign.actorId, at: sign.at });
    rt.audit({ actorId: sign.actorId, onBehalfOf: sign.onBehalfOf, action: 'minutes-returned', rule: rules.minutesSignedBy.source, detail: reason });
  }
}

/** 001:46: every vice chief reads the draft (side by side) and may add an opinion; the chief signs after. */
async function viceChiefsReview(
  rt: ProcessRuntime,
  rules: MeetingRules,
  record: { version: number; reviews?: { by: string; opinion?: string; at: string; version: number }[] },
  clock: Pick<TaskSpec, 'timeoutRule'> & Partial<Pick<TaskSpec, 'deadlineId' | 'escalateTo'>>,
): Promise<void> {
  rt.setStep('minutes-review');
  const reviews = (record.reviews ??= []);
  const viceChiefs = [...new Set(await rt.resolve([{ kind: 'role', role: 'vice-chief' }]))];
  const tasks = await Promise.all(
    viceChiefs.map((userId) =>
      rt.openTask({ ...stepTask(MEETING_MINUTES_REVIEW), title: `审阅会议纪要（第${record.version}稿）`, assignees: [{ kind: 'users', userIds: [userId] }], rule: rules.minutesReviewedByViceChiefs.source, ...clock }),
    ),
  );
  for (const out of await rt.awaitAll(tasks)) {
    const review = parseOutcome(MEETING_MINUTES_REVIEW, out);
    if (review.action !== 'review-minutes') continue;
    reviews.push({ by: review.actorId, opinion: review.data.opinion, at: review.at, version: record.version });
    rt.audit({ actorId: review.actorId, onBehalfOf: review.onBehalfOf, action: 'minutes-reviewed', rule: rules.minutesReviewedByViceChiefs.source, detail: review.data.opinion ?? `version ${record.version}` });
  }
}
