import { condition, getExternalWorkflowHandle, ParentClosePolicy, patched, setHandler, startChild } from '@temporalio/workflow';
import { formatShanghaiChinese } from '../domain/calendar/shanghai-date';
import type { Source } from '../domain/citation';
import type { AssigneeSelector } from '../domain/directory';
import type { DisclosureAttribute, Direction, IssuerKind } from '../domain/documents/attributes';
import { issuedNumberOf } from '../domain/documents/issued-number';
import type { DocumentKind } from '../domain/documents/kinds';
import type { DocumentScope } from '../domain/documents/length';
import type { JurisdictionId } from '../domain/jurisdictions';
import { describeLimit, describeLimitZh } from '../domain/limit';
import { applicationViolations } from '../domain/meetings/materials';
import { INADMISSIBLE_REASONS, PREREQUISITE_KINDS, type LeadTimeMoment, type PrerequisiteKind, type ReviewStep } from '../domain/meetings/rules';
import { rulebookFor } from '../domain/rulebooks';
import { missingEvidence, type DecisionEvidence } from '../domain/decisions/evidence';
import { activities } from './engine/activities-proxy';
import {
  AGENDA_ADMISSIBILITY,
  AGENDA_ATTENDING_SIGNATURE,
  AGENDA_CHIEF_DECISION,
  AGENDA_CONSENT,
  AGENDA_COORDINATION_NOTE,
  AGENDA_COUNTERSIGN,
  AGENDA_LEGALITY_REVIEW,
  AGENDA_OPINION,
  AGENDA_PREREQUISITES,
  AGENDA_REVIEW,
  AGENDA_REVISION,
  AGENDA_SUPERVISION_NOTICE,
  AGENDA_VICE_CHIEF_COORDINATION,
} from '../domain/meetings/item-steps';
import { parseAction, parseOutcome, stepTask } from '../domain/steps';
import { runCountersignRound } from './engine/countersign';
import { reject } from './engine/failures';
import { ProcessRuntime } from './engine/process-runtime';
import type { ProcessState } from './engine/types';
import type { TaskRecord } from './engine/task-record';
import { processId } from './ids';
import { ruleInForce } from './rules/rule-in-force';
import { agendaItemJoinedSignal, agendaOutcomeSignal, agendaReleasedSignal, agendaScheduledSignal, type AgendaOutcome } from './meeting-messages';
import type { OfficialDocumentInput } from './official-document';
import { signingAssignees } from './signing-assignees';
import { spawnSupervisionTicket } from './spawn-supervision-ticket';
import { WORKFLOW_TASK_TIMEOUT } from './workflow-task-timeout';
import type { TextRef } from '../domain/documents/text-ref';

/** The draft a decided item issues (a document the meeting approves is issued within 5 working days, 000:53). */
export interface ItemDocument {
  issuer: IssuerKind;
  kind: DocumentKind;
  title: string;
  /** The text, as items started before issue 11 carry it. */
  body?: string;
  /** The text kept in the database (POST /v1/agenda-items stores it): handed to the document process as it is. */
  bodyRef?: TextRef;
  scope: DocumentScope;
  disclosure: DisclosureAttribute;
  disclosureReason?: string;
  addressees: string[];
  direction?: Direction;
}

/** An application for the standing meeting (议题申报单, 002:40). */
export interface AgendaItemInput {
  jurisdiction: JurisdictionId;
  title: string; // the matter to decide
  reasons: string; // why it needs the meeting (002:41)
  materials: string;
  options: string[];
  leadUnitId: string;
  applicantId: string;
  attendingUnitIds: string[];
  countersignUnitIds: string[];
  majorDecision: boolean;
  fairCompetitionReview?: boolean;
  normativeDocument: boolean;
  /** The justice bureau (司法局 / 法制办) that reviews legality; the API finds it in the directory. */
  justiceUnitId: string;
  confidential?: boolean;
  document?: ItemDocument;
  startedBy: string;
  /**
   * Set when a major decision (重大行政决策) starts its item: the procedures it completed come as
   * evidence, no task asks for them, and the outcome goes back to the decision, which owns the
   * follow-up (publication, supervision). The only way an item is a major decision (decree713:25).
   */
  decision?: { processId: string; evidence: DecisionEvidence[] };
}

const prerequisiteName = (kind: PrerequisiteKind) => PREREQUISITE_KINDS.find((k) => k.id === kind)!.zh;

type Stage = { kind: 'waiting' } | { kind: 'scheduled'; meetingId: string; startsAt: string };

/** 议题: admissibility → pre-coordination → prerequisites → review chain → queue → meeting → follow-up. */
export async function agendaItem(input: AgendaItemInput): Promise<ProcessState> {
  const rt = new ProcessRuntime({ type: 'agendaItem', jurisdiction: input.jurisdiction, title: input.title, leadUnit: input.leadUnitId, startedBy: input.startedBy });
  rt.install();
  const rules = rulebookFor(input.jurisdiction).meetings;
  const countersignRules = rulebookFor(input.jurisdiction).documents.countersign;
  const application = { materials: input.materials, options: input.options, version: 1 };
  /** When the application (last) reached the office: the moment 002:40 and 003:54 measure the lead time at. */
  let receivedAt = rt.now();
  let stage: Stage = { kind: 'waiting' };
  /** The meeting the item was last scheduled for. */
  let meeting: { id: string; startsAt: string } | undefined;
  /** Read through a function: the signal handlers change it while the flow waits. */
  const currentStage = (): Stage => stage;
  let outcome: AgendaOutcome | undefined;
  setHandler(agendaScheduledSignal, ({ meetingId, startsAt }) => {
    stage = { kind: 'scheduled', meetingId, startsAt };
    // A meeting moved for want of quorum (000:46) tells its items the new date: the item follows it, so
    // the follow-up limits (000:53: 会议结束后5个工作日内) count from the sitting that decides. Items
    // started before this kept the first date.
    if (meeting?.id === meetingId && meeting.startsAt !== startsAt && patched('item-follows-rescheduled-meeting')) {
      meeting = { id: meetingId, startsAt };
      rt.details.meeting = meeting;
    }
    if (!rt.links.some((l) => l.processId === meetingId)) rt.addLink({ relation: 'meeting', processId: meetingId, type: 'standingMeeting' });
    rt.audit({ actorId: 'system', action: 'scheduled', detail: `${meetingId} at ${startsAt}` });
  });
  setHandler(agendaReleasedSignal, ({ meetingId, reason }) => {
    if (stage.kind === 'scheduled' && stage.meetingId === meetingId) stage = { kind: 'waiting' };
    rt.audit({ actorId: 'system', action: 'taken-off-agenda', detail: `${meetingId}: ${reason}` });
  });
  setHandler(agendaOutcomeSignal, (o) => {
    outcome = o;
  });
  if (input.decision) rt.addLink({ relation: 'spawned-by', processId: input.decision.processId, type: 'majorDecision' });
  const prerequisites: { kind: PrerequisiteKind; reference: string; by: string; at: string }[] = [];
  const reviews: { role: string; act: string; by: string; onBehalfOf?: string; opinion?: string; at: string; rule: Source }[] = [];
  Object.assign(rt.details, {
    reasons: input.reasons,
    application,
    attendingUnitIds: input.attendingUnitIds,
    majorDecision: input.majorDecision,
    normativeDocument: input.normativeDocument,
    prerequisites,
    reviews,
  });
  const leadHead: AssigneeSelector[] = [{ kind: 'role', role: 'department-head', unitId: input.leadUnitId }];
  const applicant: AssigneeSelector[] = [{ kind: 'users', userIds: [input.applicantId] }, ...leadHead];
  const OFFICE: AssigneeSelector[] = [{ kind: 'role', role: 'office-staff' }, { kind: 'role', role: 'office-deputy-director' }];
  const tellApplicant = async (kind: string, subject: string, body: string) =>
    activities(`tell the applicant: ${kind}`).notify({ recipientIds: [input.applicantId], processId: rt.id, kind, subject: `[${input.title}] ${subject}`, body, dedupeKey: `${rt.id}/${kind}/${rt.trail.entries.length}` });

  // 0. 002:40: 需由相关部门（单位）列席的，应由列席部门（单位）主要负责人签署意见 — the application reaches the
  // office with each attending unit's head's signature, so the lead time counts from the last of them.
  if (input.attendingUnitIds.length && ruleInForce(input.jurisdiction, 'meetings.attendingHeadsSign', rules.attendingHeadsSign.value)) {
    await attendingHeadsSign();
    receivedAt = rt.now();
  }

  // 1. Admissibility (002:41, 000:51, 001:41, 003:54).
  rt.setStep('admissibility');
  const admission = parseOutcome(
    AGENDA_ADMISSIBILITY,
    await rt.runTask(
      {
        ...stepTask(AGENDA_ADMISSIBILITY),
        title: `议题受理审查：${input.title}`,
        assignees: OFFICE,
        timeoutRule: 'none',
        rule: rules.admissibility[0]?.source ?? rules.reviewChain[0].rule,
      },
      {
        validate: (message) => {
          const a = parseAction(AGENDA_ADMISSIBILITY, message);
          if (a.action === 'reject' && !rules.admissibility.some((r) => r.value === a.data.reason))
            reject.badRequest('not a reason the rules give', [{ field: 'data.reason', reason: `one of: ${rules.admissibility.map((r) => `${r.value} (${r.source})`).join(', ')}` }]);
        },
      },
    ),
  );
  if (admission.action === 'reject') {
    const { explanation } = admission.data;
    const reason = rules.admissibility.find((r) => r.value === admission.data.reason)!;
    rt.details.rejection = { reason: reason.value, rule: reason.source, explanation, by: admission.actorId, at: admission.at };
    rt.audit({ actorId: admission.actorId, action: 'inadmissible', rule: reason.source, detail: `${reason.value}: ${explanation}` });
    await tellApplicant('agenda-rejected', '议题未予受理', `${INADMISSIBLE_REASONS.find((r) => r.id === reason.value)?.zh ?? reason.value}（${reason.source}）：${explanation}`);
    return rt.finish('refused', reason.source);
  }

  // 2. Pre-coordination with the units concerned (000:51, 003:53), on the countersign mechanism of documents.
  if (input.countersignUnitIds.length && !(await preCoordinate())) return rt.finish('refused', rules.coordination.source);

  // 3. Prerequisites (000:51, 002:40; decree713:25; 003:53, 001:41).
  if (!(await prerequisitesRecorded())) return rt.finish('refused', 'decree713:25');

  // 4. The review chain, ending with the chief's consent; an item the chief does not approve is never scheduled (001:41).
  for (;;) {
    const review = await reviewAlongTheChain();
    if (review === 'approved') break;
    if (review === 'not-approved') return rt.finish('refused', rules.reviewChain[rules.reviewChain.length - 1].rule);
    await revise(review.reason);
  }

  // 5–6. The queue, the meeting and its outcome; deferred items wait for the next meeting.
  for (;;) {
    await waitForMeeting();
    await condition(() => outcome !== undefined);
    const decided = outcome!;
    outcome = undefined;
    rt.details.outcome = decided;
    rt.audit({ actorId: decided.minutesSignedBy, action: `outcome-${decided.outcome}`, rule: rules.minutesSignedBy.source, detail: `${decided.meetingId}: ${decided.decision}` });
    if (decided.outcome === 'deferred') continue;
    await activities('leave the agenda queue').removeAgendaItem({ itemId: rt.id });
    if (decided.outcome === 'not-approved') return rt.finish('closed', rules.minutesSignedBy.source);
    // A major decision's item hands the outcome back: the decision publishes and supervises it.
    if (input.decision) return rt.finish('completed', rules.minutesSignedBy.source);
    await followUp(decided);
    return rt.finish('completed', rules.minutesSignedBy.source);
  }

  // ---- steps ------------------------------------------------------------------------------

  /** Each attending unit's head signs an opinion on the application (a signature each, not a list of names). */
  async function attendingHeadsSign(): Promise<void> {
    rt.setStep('attending-signatures');
    const rule = rules.attendingHeadsSign.source;
    const opened: TaskRecord[] = [];
    for (const unitId of input.attendingUnitIds)
      opened.push(
        await rt.openTask({
          ...stepTask(AGENDA_ATTENDING_SIGNATURE),
          title: `列席单位签署意见（${unitId}）：${input.title}`,
          assignees: [{ kind: 'role', role: 'department-head', unitId }],
          controllers: leadHead,
          timeoutRule: 'none',
          rule,
        }),
      );
    const outcomes = await rt.awaitAll(opened);
    rt.details.attendingSignatures = input.attendingUnitIds.map((unitId, i) => {
      const out = parseOutcome(AGENDA_ATTENDING_SIGNATURE, outcomes[i]);
      return { unitId, by: out.actorId, onBehalfOf: out.onBehalfOf, opinion: out.data?.opinion, at: out.at, rule };
    });
    rt.audit({ actorId: 'system', action: 'attending-units-signed', rule, detail: input.attendingUnitIds.join(', ') });
  }

  async function preCoordinate(): Promise<boolean> {
    rt.setStep('pre-coordination');
    const replies = await runCountersignRound(rt, {
      round: 1,
      subject: input.title,
      unitIds: input.countersignUnitIds,
      limit: countersignRules.replyLimit,
      silenceIsConsent: countersignRules.silenceIsConsent,
      escalateToUnitId: input.leadUnitId,
      step: AGENDA_COUNTERSIGN,
      headsOnly: ruleInForce(input.jurisdiction, 'meetings.preCoordinationSignedByHead', rules.preCoordinationSignedByHead.value),
    });
    rt.details.countersign = replies;
    const objections = replies.filter((r) => r.verdict === 'disagree');
    if (!objections.length) return true;
    const rule = rules.coordination.source;
    // Disagreement: a coordination note with each side's grounds → the vice chief in charge → the chief.
    const note = parseOutcome(
      AGENDA_COORDINATION_NOTE,
      await rt.runTask({
        ...stepTask(AGENDA_COORDINATION_NOTE),
        title: `协调说明（${objections.map((o) => o.unitId).join('、')}有不同意见）：${input.title}`,
        assignees: leadHead,
        timeoutRule: 'none',
        rule,
      }),
    );
    rt.details.coordination = { objections: objections.map((o) => ({ unitId: o.unitId, grounds: o.text })), leadGrounds: note.data?.grounds, proposal: note.data?.proposal };
    rt.setStep('vice-chief-coordination');
    const viceChief = parseOutcome(
      AGENDA_VICE_CHIEF_COORDINATION,
      await rt.runTask({
        ...stepTask(AGENDA_VICE_CHIEF_COORDINATION),
        title: `协调议题分歧：${input.title}`,
        assignees: [{ kind: 'leaderInCharge', unitId: input.leadUnitId }],
        timeoutRule: 'none',
        rule,
      }),
    );
    if (viceChief.action === 'resolved') {
      rt.audit({ actorId: viceChief.actorId, onBehalfOf: viceChief.onBehalfOf, action: 'coordinated', rule, detail: viceChief.data.resolution });
      return true;
    }
    rt.setStep('chief-decision');
    const chief = parseOutcome(
      AGENDA_CHIEF_DECISION,
      await rt.runTask({
        ...stepTask(AGENDA_CHIEF_DECISION),
        title: `确定议题分歧：${input.title}`,
        assignees: [{ kind: 'role', role: 'chief' }],
        timeoutRule: 'none',
        rule,
      }),
    );
    rt.details.chiefDecision = { decision: chief.data?.decision, proceed: chief.data?.proceed, by: chief.actorId, at: chief.at };
    return chief.data?.proceed === true;
  }

  async function prerequisitesRecorded(): Promise<boolean> {
    const required = new Set<PrerequisiteKind>();
    let rule: Source | undefined;
    if (input.majorDecision) {
      rules.prerequisites.majorDecision.value.forEach((k) => required.add(k));
      if (input.fairCompetitionReview) required.add('fair-competition-review');
      rule = rules.prerequisites.majorDecision.source;
    }
    const normative = input.normativeDocument ? ruleInForce(input.jurisdiction, 'meetings.prerequisites.normativeDocument', rules.prerequisites.normativeDocument) : null;
    if (normative) {
      normative.value.forEach((k) => required.add(k));
      rule ??= normative.source;
    }
    if (!required.size || !rule) return true;
    if (input.decision) return evidenceComplete([...required], rule);
    rt.setStep('prerequisites');
    const recorded = prerequisites;
    const byLeadUnit: PrerequisiteKind[] = [...required].filter((k) => k !== 'legality-review');
    if (byLeadUnit.length) {
      await rt.runTask(
        {
          ...stepTask(AGENDA_PREREQUISITES),
          title: `登记前置程序（${byLeadUnit.map(prerequisiteName).join('、')}）：${input.title}`,
          assignees: applicant,
          timeoutRule: 'none',
          rule,
        },
        {
          validate: (message) => {
            const a = parseAction(AGENDA_PREREQUISITES, message);
            if (a.action === 'record' && !byLeadUnit.includes(a.data.kind))
              reject.badRequest('not a procedure this item needs from the lead unit', [{ field: 'data.kind', reason: `one of: ${byLeadUnit.join(', ')}` }]);
            const missing = byLeadUnit.filter((k) => !recorded.some((r) => r.kind === k));
            if (a.action === 'confirm' && missing.length) reject.conflict(`still missing (${rule}): ${missing.join(', ')}`);
          },
          onAction: (message) => {
            const a = parseAction(AGENDA_PREREQUISITES, message);
            if (a.action === 'record') recorded.push({ kind: a.data.kind, reference: a.data.reference, by: message.actor.userId, at: rt.now() });
          },
        },
      );
    }
    if (!required.has('legality-review')) return true;
    // The justice bureau's legality review; a draft found unlawful may not go to discussion (decree713:25).
    const legality = parseOutcome(
      AGENDA_LEGALITY_REVIEW,
      await rt.runTask({
        ...stepTask(AGENDA_LEGALITY_REVIEW),
        title: `合法性审查：${input.title}`,
        assignees: [{ kind: 'role', role: 'department-head', unitId: input.justiceUnitId }, { kind: 'role', role: 'department-staff', unitId: input.justiceUnitId }],
        timeoutRule: 'none',
        rule: normative ? normative.source : rule,
      }),
    );
    const opinion = String(legality.data?.opinion);
    recorded.push({ kind: 'legality-review', reference: opinion, by: legality.actorId, at: legality.at });
    if (legality.data?.lawful) return true;
    rt.audit({ actorId: legality.actorId, action: 'found-unlawful', rule: 'decree713:25', detail: opinion });
    await tellApplicant('agenda-unlawful', '合法性审查未通过', `${opinion}（decree713:25）`);
    return false;
  }

  /** The decision's evidence is recorded as the prerequisites; anything missing or failed keeps the item from the meeting (decree713:25). */
  async function evidenceComplete(required: PrerequisiteKind[], rule: Source): Promise<boolean> {
    const evidence = input.decision!.evidence;
    for (const e of evidence) prerequisites.push({ kind: e.kind, reference: e.conclusion, by: e.by, at: e.at });
    rt.details.evidence = evidence;
    const missing = missingEvidence(required, evidence);
    if (!missing.length) return true;
    rt.audit({ actorId: 'system', action: 'prerequisites-missing', rule: 'decree713:25', detail: `${missing.join(', ')} (${rule})` });
    return false;
  }

  /** 'approved', 'not-approved' (the chief), or returned with a reason for the lead unit to revise. */
  async function reviewAlongTheChain(): Promise<'approved' | 'not-approved' | { reason: string }> {
    for (const [i, step] of rules.reviewChain.entries()) {
      rt.setStep(`review-${i + 1}-${step.role}`);
      const { role } = step;
      const outcomes = role === 'all-vice-chiefs' ? await everyViceChiefSigns(step) : [await reviewStep(step, role)];
      for (const out of outcomes) {
        if (out.action === 'not-approve') {
          rt.audit({ actorId: out.actorId, onBehalfOf: out.onBehalfOf, action: 'not-approved-by-chief', rule: step.rule, detail: out.data.reason });
          await tellApplicant('agenda-not-approved', '区长不同意提交会议', `${out.data.reason}（${step.rule}）`);
          return 'not-approved';
        }
        if (out.action === 'return') return { reason: out.data.reason };
        reviews.push({ role: step.role, act: step.act, by: out.actorId, onBehalfOf: out.onBehalfOf, opinion: out.data?.opinion, at: out.at, rule: step.rule });
      }
    }
    return 'approved';
  }

  async function reviewStep(step: ReviewStep, role: Exclude<ReviewStep['role'], 'all-vice-chiefs'>) {
    const declared = step.act === 'consent' ? AGENDA_CONSENT : AGENDA_REVIEW;
    const out = await rt.runTask({
      ...stepTask(declared),
      title: `${step.act === 'consent' ? '同意上会' : '审核议题'}：${input.title}`,
      assignees: signingAssignees(role, input.leadUnitId),
      timeoutRule: 'none',
      rule: step.rule,
    });
    return step.act === 'consent' ? parseOutcome(AGENDA_CONSENT, out) : parseOutcome(AGENDA_REVIEW, out);
  }

  /** 002:40: every vice chief reads the item and signs an opinion; all at once. */
  async function everyViceChiefSigns(step: ReviewStep) {
    const viceChiefs = await rt.resolve([{ kind: 'role', role: 'vice-chief' }]);
    const tasks = await Promise.all(
      [...new Set(viceChiefs)].map((userId) =>
        rt.openTask({
          ...stepTask(AGENDA_OPINION),
          title: `阅签：${input.title}`,
          assignees: [{ kind: 'users', userIds: [userId] }],
          timeoutRule: 'none',
          rule: step.rule,
        }),
      ),
    );
    return (await rt.awaitAll(tasks)).map((out) => parseOutcome(AGENDA_OPINION, out));
  }

  async function revise(reason: string): Promise<void> {
    rt.setStep('revision');
    const out = parseOutcome(
      AGENDA_REVISION,
      await rt.runTask(
        {
          ...stepTask(AGENDA_REVISION),
          title: `修改议题申报材料：${reason}`,
          assignees: applicant,
          timeoutRule: 'none',
          rule: rules.reviewChain[0].rule,
        },
        {
          validate: (message) => {
            const { data } = parseAction(AGENDA_REVISION, message);
            const errors = applicationViolations(rules, data.materials, data.options ?? application.options);
            if (errors.length) reject.badRequest('the application breaks the rules', errors.map((e) => ({ field: `data.${e.field}`, reason: e.reason })));
          },
        },
      ),
    );
    if (out.action !== 'resubmit') return;
    application.materials = out.data.materials;
    application.options = out.data.options ?? application.options;
    application.version++;
    receivedAt = rt.now();
    rt.audit({ actorId: out.actorId, action: 'application-revised', rule: rules.reviewChain[0].rule, detail: `version ${application.version}: ${out.data.note}` });
  }

  /** Joins the queue; tells the applicant which meeting's cut-off it missed (lead time) and waits to be scheduled. */
  async function waitForMeeting(): Promise<void> {
    rt.setStep('awaiting-meeting');
    stage = { kind: 'waiting' };
    // The moment the lead time measures (000:50, 001:41: reviewed and consented; 002:40, 003:54: arrival at the office).
    const measuredAt: LeadTimeMoment = ruleInForce(input.jurisdiction, 'meetings.leadTimeMeasuredAt', rules.leadTimeMeasuredAt.value);
    const reviewedAt = rt.now();
    const readyAt = measuredAt === 'arrival-at-office' ? receivedAt : reviewedAt;
    const queued = await activities('join the agenda queue').queueAgendaItem({
      itemId: rt.id,
      jurisdiction: input.jurisdiction,
      title: input.title,
      leadUnit: input.leadUnitId,
      readyAt,
      ...(input.decision ? { majorDecision: true } : {}),
      ...(measuredAt === 'arrival-at-office' ? { reviewedAt } : {}),
    });
    rt.details.queue = { readyAt, measuredAt, next: queued.next ?? null, missed: queued.missed, joined: queued.joined ?? null };
    const lead = rules.leadTime;
    for (const missed of queued.missed) {
      const why = lateReason(missed, readyAt, reviewedAt, measuredAt);
      rt.audit({ actorId: 'system', action: 'missed-cutoff', rule: lead?.source, detail: `${missed.id}: ${why}` });
      await tellApplicant('agenda-late', '未赶上本次会议的截止时间，顺延至下次会议', why);
    }
    if (queued.joined) await joinTheFrozenAgenda(queued.joined.id, readyAt);
    for (;;) {
      rt.settle();
      await condition(() => currentStage().kind === 'scheduled' || outcome !== undefined);
      if (outcome) return;
      const at = currentStage();
      if (at.kind !== 'scheduled') continue;
      rt.setStep('scheduled');
      meeting = { id: at.meetingId, startsAt: at.startsAt };
      rt.details.meeting = meeting;
      await condition(() => currentStage().kind !== 'scheduled' || outcome !== undefined);
      if (outcome) return;
      rt.setStep('awaiting-meeting'); // taken off the agenda: back in the queue for the next one
    }
  }

  /** Why the item waits for a later meeting, as the office writes it: Shanghai times, Chinese first. */
  function lateReason(missed: { startsAt: string; cutoffAt: string }, readyAt: string, reviewedAt: string, measuredAt: LeadTimeMoment): string {
    const lead = rules.leadTime;
    const meeting = formatShanghaiChinese(missed.startsAt);
    if (measuredAt === 'arrival-at-office' && missed.cutoffAt >= readyAt)
      return `议题于${formatShanghaiChinese(readyAt)}报送区政府办公室，审核至${formatShanghaiChinese(reviewedAt)}完成，${meeting}召开的常务会议已开始，顺延至下次会议（reached the office in time; its review ended after that meeting began${lead ? `, ${lead.source}` : ''}）`;
    const moment = measuredAt === 'arrival-at-office' ? '报送区政府办公室' : '审核完毕';
    const limit = lead ? `（会前${describeLimitZh(lead.value)}，${lead.source}）` : '';
    return `议题于${formatShanghaiChinese(readyAt)}${moment}，晚于${meeting}召开的常务会议的议题截止时间${formatShanghaiChinese(missed.cutoffAt)}${limit}，顺延至下次会议（ready after the cut-off${lead ? `: ${describeLimit(lead.value)} before, ${lead.source}` : ''}; it waits for the next meeting）`;
  }

  /** The item reached the office in time but its review ended after the agenda froze: the meeting is told to take it. */
  async function joinTheFrozenAgenda(meetingId: string, readyAt: string): Promise<void> {
    try {
      await getExternalWorkflowHandle(meetingId).signal(agendaItemJoinedSignal, { itemId: rt.id, title: input.title, leadUnit: input.leadUnitId, readyAt, ...(input.decision ? { majorDecision: true } : {}) });
      rt.audit({ actorId: 'system', action: 'joined-frozen-agenda', rule: rules.leadTimeMeasuredAt.source, detail: `${meetingId}: reached the office ${formatShanghaiChinese(readyAt)}, by the cut-off` });
    } catch (err) {
      // The meeting is gone (called off, ended): back in the queue for the next one.
      await activities('back to the queue').releaseAgendaItems({ meetingId, itemIds: [rt.id] });
      rt.audit({ actorId: 'system', action: 'join-failed', rule: rules.leadTimeMeasuredAt.source, detail: `${meetingId}: ${(err as Error).message}` });
    }
  }

  async function followUp(decided: AgendaOutcome): Promise<void> {
    rt.setStep('follow-up');
    const meetingAt = meeting?.startsAt ?? decided.minutesSignedAt;
    const waits: Promise<void>[] = [];
    if (input.document) waits.push(issueTheDocument(input.document, decided, meetingAt));
    if (ruleInForce(input.jurisdiction, 'meetings.superviseDecisions', rules.superviseDecisions.value)) await superviseTheDecision(decided);
    if (ruleInForce(input.jurisdiction, 'meetings.publishDecisions', rules.publishDecisions.value)) {
      const published = !input.confidential;
      const rule = rules.publishDecisions.source;
      // Onto the public list (GET /public/decisions), not only the audit trail; items started before this kept the audit line alone.
      if (published && patched('decisions-on-public-list'))
        await activities('publish the decision').publishDecision({ itemId: rt.id, jurisdiction: input.jurisdiction, meetingId: decided.meetingId, title: input.title, decision: decided.decision, outcome: decided.outcome, rule, decidedAt: decided.minutesSignedAt, publishedAt: rt.now() });
      rt.details.decisionPublished = published;
      rt.audit({ actorId: 'system', action: published ? 'decision-published' : 'decision-not-published', rule, detail: published ? decided.decision : 'confidential' });
    }
    await Promise.all(waits);
  }

  /** The approved document goes through the official-document process, with the 5 (or 10) working-day limit watched here. */
  async function issueTheDocument(doc: ItemDocument, decided: AgendaOutcome, meetingAt: string): Promise<void> {
    const limit = decided.majorRevision && rules.majorRevisionLimit ? rules.majorRevisionLimit : rules.documentIssueLimit;
    const workflowId = processId('officialDocument', input.jurisdiction, `${rt.id}.decision`);
    const documentInput: OfficialDocumentInput = {
      jurisdiction: input.jurisdiction,
      ...doc,
      leadUnitId: input.leadUnitId,
      drafterId: input.applicantId,
      urgency: 'ordinary',
      countersignUnitIds: [],
      decidedAtStandingMeeting: true,
      startedBy: `process:${rt.id}`,
      parent: { processId: rt.id, type: 'agendaItem' },
    };
    const child = await startChild('officialDocument', { workflowId, args: [documentInput], parentClosePolicy: ParentClosePolicy.ABANDON, workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT, staticSummary: `公文 (decided at ${decided.meetingId}): ${doc.title}` });
    rt.addLink({ relation: 'spawned', processId: workflowId, type: 'officialDocument' });
    rt.audit({ actorId: 'system', action: 'document-started', rule: limit?.source, detail: workflowId });
    if (!limit) return;
    await rt.setDeadline({ id: 'document-issue', label: `印发会议决定的公文${decided.majorRevision ? '（重大修改）' : ''}`, rule: limit.source, startAt: meetingAt, limit: limit.value });
    let finished: ProcessState | undefined;
    const done = child.result().then((s) => {
      finished = s;
    });
    const dueMs = Date.parse(rt.findDeadline('document-issue')!.dueAt) - Date.now();
    if (!(await condition(() => finished !== undefined, Math.max(dueMs, 1)))) {
      rt.audit({ actorId: 'system', action: 'document-overdue', rule: limit.source, detail: `${workflowId} not issued by ${rt.findDeadline('document-issue')!.dueAt}` });
      const recipients = await rt.resolve([...leadHead, { kind: 'role', role: 'office-director' }]);
      await activities('tell: document overdue').notify({ recipientIds: recipients, processId: rt.id, kind: 'overdue', subject: `[${input.title}] 会议决定的公文尚未印发`, body: `应于${formatShanghaiChinese(rt.findDeadline('document-issue')!.dueAt)}前印发（${limit.source}）`, dedupeKey: `${rt.id}/document-overdue` });
    }
    await done;
    const number = issuedNumberOf(finished!.details);
    rt.audit({ actorId: 'system', action: finished!.status === 'completed' ? 'document-issued' : `document-${finished!.status}`, rule: limit.source, detail: `${workflowId}${number !== undefined ? ` ${number}` : ''}` });
  }

  /** Every decided matter becomes a supervision notice to the lead unit (000:54, 001:61, 002:47, 003:57, 004:53). */
  async function superviseTheDecision(decided: AgendaOutcome): Promise<void> {
    let dueAt = decided.supervisionDueAt;
    if (!dueAt) {
      // The meeting set no deadline: the supervision office fixes the notice's own.
      const notice = parseOutcome(
        AGENDA_SUPERVISION_NOTICE,
        await rt.runTask({
          ...stepTask(AGENDA_SUPERVISION_NOTICE),
          title: `确定督办时限：${input.title}`,
          assignees: [{ kind: 'role', role: 'supervision-office' }],
          timeoutRule: 'none',
          rule: rules.superviseDecisions.source,
        }),
      );
      dueAt = new Date(String(notice.data?.dueAt)).toISOString();
    }
    await spawnSupervisionTicket(rt, { jurisdiction: input.jurisdiction, title: `会议议定事项: ${input.title}`, description: decided.decision, source: 'meeting-decision', responsibleUnitId: input.leadUnitId, dueAt }, `${rt.id}.decision`);
  }
}

