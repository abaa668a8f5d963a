import { ApplicationFailure } from '@temporalio/workflow';
import type { Source } from '../domain/citation';
import type { AssigneeSelector } from '../domain/directory';
import { isUrgent, type Urgency } from '../domain/documents/attributes';
import type { JurisdictionId } from '../domain/jurisdictions';
import { conformityViolations, RETURN_REASON_LABELS, topicsNeedingOpinion, type RequestForm, type SenderKind } from '../domain/requests/conformity';
import {
  REQUEST_FUNCTIONAL_OPINION,
  REQUEST_HANDLING,
  REQUEST_INSTRUCTION,
  REQUEST_PROPOSAL,
  REQUEST_REGISTRATION,
  REQUEST_REPLY,
} from '../domain/requests/steps';
import { parseAction, parseOutcome, stepTask, type ActionData } from '../domain/steps';
import { topicName, type RequestTopic } from '../domain/requests/topics';
import { rulebookFor } from '../domain/rulebooks';
import { activities } from './engine/activities-proxy';
import { reject, type FieldError } from './engine/failures';
import { ProcessRuntime } from './engine/process-runtime';
import { ruleInForce } from './rules/rule-in-force';
import type { TaskRecord } from './engine/task-record';
import type { ProcessState } from './engine/types';
import { spawnSupervisionTicket } from './spawn-supervision-ticket';

/** A request for instructions (请示) as a unit submits it or the office registers it on receipt. */
export interface IncomingRequestInput {
  jurisdiction: JurisdictionId;
  fromUnitId: string;
  /** The unit's head who signed it (主要负责人签发); told when it is returned or answered. */
  signedBy: string;
  subject: string;
  matters: string[];
  contactPerson?: string;
  contactPhone?: string;
  /** 'government', or a leader's user id when it is addressed to a leader personally. */
  addressees: string[];
  urgency: Urgency;
  skipsLevel: boolean;
  /** Who sent it, where not a unit itself (000:62, 004:48); absent in requests started before this was asked. */
  senderKind?: SenderKind;
  topics: RequestTopic[];
  /** A major matter goes to the chief where the rulebook says so (001:54, 003:60). */
  major: boolean;
  /** The functional department for each topic that needs its opinion (004:48); the API fills the defaults. */
  functionalUnits: Partial<Record<RequestTopic, string>>;
  /**
   * The units that may handle it and the leaders who may instruct, as the directory had them at
   * registration: an update validator cannot ask the directory, and a mistyped unit must be a 400,
   * not a task nobody can be found for.
   */
  candidates: { units: string[]; leaders: string[] };
  registeredBy: string;
  /** The leader a unit handed the request to directly (径送), who passes it to the office instead of instructing on it first (000:64). */
  receivedDirectlyBy?: string;
}

const OFFICE_STAFF: AssigneeSelector = { kind: 'role', role: 'office-staff' };
const OFFICE_DIRECTOR: AssigneeSelector = { kind: 'role', role: 'office-director' };
const OFFICE_HANDLERS: AssigneeSelector[] = [OFFICE_STAFF, { kind: 'role', role: 'office-deputy-director' }];
const unitHead = (unitId: string): AssigneeSelector => ({ kind: 'role', role: 'department-head', unitId });

type Proposal = ActionData<typeof REQUEST_PROPOSAL, 'propose'>;

/**
 * 请示: registration and conformity check → (functional opinion, 004:48) → proposal → instruction →
 * forwarding and handling → reply. Ends `returned` when the office sends it back, else `completed`.
 * @throws ApplicationFailure (BadRequest, non-retryable) at the start when a topic that needs a
 * functional department's opinion names none — the API fills them, so only a direct start can.
 */
export async function incomingRequest(input: IncomingRequestInput): Promise<ProcessState> {
  const rt = new ProcessRuntime({ type: 'incomingRequest', jurisdiction: input.jurisdiction, title: input.subject, leadUnit: input.fromUnitId, startedBy: input.registeredBy });
  rt.install();
  const rulebook = rulebookFor(input.jurisdiction);
  const rules = rulebook.requests;
  const form: RequestForm = { ...(input.senderKind ? { senderKind: input.senderKind } : {}), matters: input.matters, addressees: input.addressees, skipsLevel: input.skipsLevel, contactPerson: input.contactPerson, contactPhone: input.contactPhone };
  const opinionTopics = topicsNeedingOpinion(input.topics, rules);
  const missing = opinionTopics.filter((t) => !input.functionalUnits[t]);
  if (missing.length) throw ApplicationFailure.nonRetryable(`name the functional department for ${missing.join(', ')} (${rules.functionalOpinionTopics?.source})`, 'BadRequest');

  const delayExplanations: { at: string; by: string; reason: string; withinLimit: boolean }[] = [];
  Object.assign(rt.details, {
    fromUnitId: input.fromUnitId,
    signedBy: input.signedBy,
    matters: input.matters,
    addressees: input.addressees,
    contactPerson: input.contactPerson ?? null,
    contactPhone: input.contactPhone ?? null,
    urgency: input.urgency,
    skipsLevel: form.skipsLevel,
    topics: input.topics,
    major: input.major,
    conformity: [],
    functionalOpinions: [],
    delayExplanations,
  });
  let violations = conformityViolations(form, rules);
  rt.details.conformity = violations;
  rt.audit({ actorId: input.registeredBy, action: 'received', rule: rules.officeReturns.source, detail: `from ${input.fromUnitId}, signed by ${input.signedBy}` });
  // 000:64 不宜先作批示,应交由区政府办公室按程序处理: the leader's part ends here; the office registers, checks and proposes
  // as for any request, and only then does a leader instruct. Where the text has no such article, through the office all the same.
  const passedRule = rules.leaderPassesToOffice.value ? rules.leaderPassesToOffice.source : rules.officeProposes.source;
  if (input.receivedDirectlyBy) {
    rt.details.receivedDirectlyBy = input.receivedDirectlyBy;
    rt.audit({ actorId: input.receivedDirectlyBy, action: 'passed-to-office', rule: passedRule, detail: `received directly from ${input.fromUnitId}; no instruction before the office's proposal` });
  }

  /** The requesting unit hears of a return or an answer through its head, who signed the request. */
  const tellRequester = (kind: string, subject: string, body: string) =>
    activities(`notify: ${kind}`).notify({ recipientIds: [input.signedBy], processId: rt.id, kind, subject: `[${input.subject}] ${subject}`, body, dedupeKey: `${rt.id}/${kind}` });

  // 1. The office registers the request and checks its form; a non-conforming one goes back (000:63, 001:51).
  rt.setStep('registration');
  const registration = parseOutcome(
    REQUEST_REGISTRATION,
    await rt.runTask(
      {
        ...stepTask(REQUEST_REGISTRATION, ['accept', 'return', 'set-skips-level']),
        title: `登记初审：${input.subject}${input.receivedDirectlyBy ? `（${input.receivedDirectlyBy}转来，${passedRule}）` : ''}`,
        assignees: [OFFICE_STAFF],
        controllers: [OFFICE_DIRECTOR],
        timeoutRule: 'none',
        rule: rules.officeReturns.source,
      },
      {
        validate: (message) => {
          if (message.action === 'accept' && violations.length)
            reject.conflict(`the request does not conform — ${violations.map((v) => `${v.reason} (${v.rule})`).join(', ')}: return it`);
        },
        onAction: (message) => {
          const action = parseAction(REQUEST_REGISTRATION, message);
          if (action.action !== 'set-skips-level') return;
          form.skipsLevel = action.data.skipsLevel;
          rt.details.skipsLevel = form.skipsLevel;
          violations = conformityViolations(form, rules);
          rt.details.conformity = violations;
        },
      },
    ),
  );
  if (registration.action === 'return') {
    const { reasons, note } = registration.data;
    rt.details.returned = { at: registration.at, by: registration.actorId, reasons, note: note ?? null };
    rt.audit({ actorId: registration.actorId, onBehalfOf: registration.onBehalfOf, action: 'returned-to-sender', rule: rules.officeReturns.source, detail: reasons.join(', ') });
    await tellRequester('request-returned', '请示被退回', `退回理由：${reasons.map((r) => RETURN_REASON_LABELS[r]).join('、')}${note ? `——${note}` : ''}（${rules.officeReturns.source}）`);
    return rt.finish('returned', rules.officeReturns.source);
  }

  // 2. Money, staffing, trips abroad, fee waivers, awards: the functional department's opinion first (004:48).
  if (opinionTopics.length) {
    rt.setStep('functional-opinion');
    rt.details.functionalOpinions = await functionalOpinions(rt, input, opinionTopics, rules.functionalOpinionTopics!.source);
  }

  // 3. The office drafts the proposed handling (拟办意见) and picks the handling unit.
  rt.setStep('proposal');
  const proposed = parseOutcome(
    REQUEST_PROPOSAL,
    await rt.runTask(
      {
        ...stepTask(REQUEST_PROPOSAL),
        title: `拟办：${input.subject}`,
        assignees: OFFICE_HANDLERS,
        timeoutRule: 'none',
        rule: rules.officeProposes.source,
      },
      { validate: (message) => checkProposal(parseAction(REQUEST_PROPOSAL, message).data, input) },
    ),
  );
  if (proposed.action !== 'propose') return rt.finish('cancelled');
  const proposal = proposed.data;
  rt.details.proposal = { ...proposal, at: proposed.at, by: proposed.actorId };

  // 4. The leader's instruction (批示), within the reading limit where the rules set one (000:71).
  rt.setStep('instruction');
  const leader = leaderFor(proposal);
  const handlingRule = rules.handlingWithinLimit.value ? rules.handlingWithinLimit.source : rules.forwardedByOffice.source;
  const urgent = isUrgent(input.urgency);
  const reading = urgent ? ruleInForce(input.jurisdiction, 'documents.readingLimits.urgent', rulebook.documents.readingLimits.urgent) : rulebook.documents.readingLimits.ordinary;
  if (reading) await rt.setDeadline({ id: 'reading', label: `阅批时限（${urgent ? '紧急' : '常规'}）`, rule: reading.source, startAt: rt.now(), limit: reading.value });
  const instructed = parseOutcome(
    REQUEST_INSTRUCTION,
    await rt.runTask(
      {
        ...stepTask(REQUEST_INSTRUCTION),
        title: `批示：${input.subject}`,
        assignees: [leader.selector],
        controllers: [OFFICE_DIRECTOR],
        escalateTo: [OFFICE_DIRECTOR],
        deadlineId: reading ? 'reading' : undefined,
        timeoutRule: reading ? 'escalate' : 'none',
        rule: leader.rule,
      },
      {
        validate: (message) => {
          const action = parseAction(REQUEST_INSTRUCTION, message);
          if (action.data.handlingLimitWorkingDays === undefined && proposal.handlingLimitWorkingDays === undefined)
            reject.badRequest('no handling limit', [{ field: 'data.handlingLimitWorkingDays', reason: `the office proposed none: state the limit the handling unit works to (${handlingRule})` }]);
        },
      },
    ),
  );
  // Only cancelling the process ends these tasks without their action (no timeout decides them).
  if (instructed.action !== 'instruct') return rt.finish('cancelled');
  const instruction = instructed;
  const limit = instruction.data.handlingLimitWorkingDays ?? proposal.handlingLimitWorkingDays!;
  // The name and date of the instruction (签署姓名和日期, 000:64) are the actor's and the time of the action.
  rt.details.instruction = {
    by: instruction.actorId,
    onBehalfOf: instruction.onBehalfOf ?? null,
    at: instruction.at,
    opinion: instruction.data.opinion,
    handlingLimitWorkingDays: limit,
    startSupervision: instruction.data.startSupervision === true,
    routedBy: leader.why,
  };

  // 5. The office forwards the instruction to the handling unit (转办) and follows it up.
  rt.setStep('handling');
  const handlingDeadline = await rt.setDeadline(
    { id: 'handling', label: `办理时限（批示，${limit}个工作日）`, rule: handlingRule, startAt: rt.now(), limit: { unit: 'workingDays', n: limit } },
    instruction.actorId,
  );
  rt.audit({ actorId: 'system', action: 'forwarded', rule: rules.forwardedByOffice.source, detail: `by the office to ${proposal.handlingUnit}, due ${handlingDeadline.dueAt}` });
  if (instruction.data.startSupervision === true) {
    await spawnSupervisionTicket(
      rt,
      {
        jurisdiction: input.jurisdiction,
        title: `批示督办: ${input.subject}`,
        description: instruction.data.opinion,
        source: 'leader-instruction',
        responsibleUnitId: proposal.handlingUnit,
        dueAt: handlingDeadline.dueAt,
        leaderInChargeId: instruction.onBehalfOf ?? instruction.actorId,
      },
      rt.id,
    );
  }
  const result = parseOutcome(
    REQUEST_HANDLING,
    await rt.runTask(
      {
        ...stepTask(REQUEST_HANDLING, rules.delayExplanation.value ? ['report-result', 'explain-delay'] : ['report-result']),
        title: `按批示办理：${input.subject}`,
        assignees: [unitHead(proposal.handlingUnit)],
        controllers: [OFFICE_DIRECTOR, ...OFFICE_HANDLERS],
        escalateTo: [OFFICE_DIRECTOR, leader.selector],
        deadlineId: 'handling',
        timeoutRule: 'escalate',
        rule: handlingRule,
      },
      {
        onAction: (message, task) => {
          const action = parseAction(REQUEST_HANDLING, message);
          return action.action === 'explain-delay' ? explainDelay(message.actor.userId, action.data.reason, task) : undefined;
        },
      },
    ),
  );
  rt.details.result = { at: result.at, by: result.actorId, result: result.action === 'report-result' ? result.data.result : undefined };

  // 6. The office answers the requesting unit with the result (反馈办理结果).
  rt.setStep('reply');
  const reply = parseOutcome(
    REQUEST_REPLY,
    await rt.runTask({
      ...stepTask(REQUEST_REPLY),
      title: `答复${input.fromUnitId}：${input.subject}`,
      assignees: [OFFICE_STAFF],
      timeoutRule: 'none',
      rule: rules.forwardedByOffice.source,
    }),
  );
  const replyText = reply.data?.reply;
  rt.details.reply = { at: reply.at, by: reply.actorId, reply: replyText };
  rt.audit({ actorId: reply.actorId, onBehalfOf: reply.onBehalfOf, action: 'replied', rule: rules.forwardedByOffice.source, detail: `to ${input.fromUnitId}` });
  await tellRequester('request-replied', '请示已答复', String(replyText));
  return rt.finish('completed', rules.forwardedByOffice.source);

  /** The leader by portfolio, the chief for a major matter where the rules say so, or the one the office names. */
  function leaderFor(p: Proposal): { selector: AssigneeSelector; rule: Source; why: string } {
    if (p.leader) return { selector: { kind: 'users', userIds: [p.leader] }, rule: rules.officeProposes.source, why: 'named in the proposal' };
    if (input.major && rules.majorToChief.value) return { selector: { kind: 'role', role: 'chief' }, rule: rules.majorToChief.source, why: 'major matter' };
    return { selector: { kind: 'leaderInCharge', unitId: p.handlingUnit }, rule: rules.officeProposes.source, why: 'by portfolio' };
  }

  /** 000:71: recorded and told to the office; it moves no deadline — the office may extend. */
  async function explainDelay(by: string, reason: string, task: TaskRecord): Promise<void> {
    delayExplanations.push({ at: rt.now(), by, reason, withinLimit: !task.view.overdue });
    rt.audit({ actorId: by, action: 'delay-explained', step: task.view.step, taskId: task.view.id, rule: rules.delayExplanation.source, detail: reason });
    await activities('notify: delay-explained').notify({
      recipientIds: task.view.controllers,
      processId: rt.id,
      kind: 'delay-explained',
      subject: `[${input.subject}] ${proposal.handlingUnit} 说明不能按期办结的原因`,
      body: `${reason} (${rules.delayExplanation.source})`,
      dedupeKey: `${rt.id}/${task.view.id}/delay-explained/${delayExplanations.length}`,
    });
  }
}

/** The proposal names a unit and a leader the directory had at registration. */
function checkProposal(p: Proposal, input: IncomingRequestInput): void {
  const errors: FieldError[] = [];
  if (!input.candidates.units.includes(p.handlingUnit))
    errors.push({ field: 'data.handlingUnit', reason: `no unit ${p.handlingUnit} in ${input.jurisdiction} to handle it` });
  if (p.leader !== undefined && !input.candidates.leaders.includes(p.leader))
    errors.push({ field: 'data.leader', reason: `one of: ${input.candidates.leaders.join(', ')}` });
  if (errors.length) reject.badRequest('invalid proposal', errors);
}

/** One task per functional department, all open at once; the request goes on when every one has answered (004:48). */
async function functionalOpinions(rt: ProcessRuntime, input: IncomingRequestInput, topics: RequestTopic[], rule: Source) {
  const byUnit = new Map<string, RequestTopic[]>();
  for (const topic of topics) byUnit.set(input.functionalUnits[topic]!, [...(byUnit.get(input.functionalUnits[topic]!) ?? []), topic]);
  // Opened one after another, so task ids follow the order of the topics.
  const asked: { unitId: string; unitTopics: RequestTopic[]; task: TaskRecord }[] = [];
  for (const [unitId, unitTopics] of byUnit) {
    const task = await rt.openTask({
      ...stepTask(REQUEST_FUNCTIONAL_OPINION),
      title: `就${unitTopics.map(topicName).join('、')}提出意见：${input.subject}`,
      assignees: [unitHead(unitId)],
      timeoutRule: 'none',
      rule,
    });
    asked.push({ unitId, unitTopics, task });
  }
  const outcomes = await rt.awaitAll(asked.map((a) => a.task));
  return asked.map(({ unitId, unitTopics }, i) => {
    const outcome = parseOutcome(REQUEST_FUNCTIONAL_OPINION, outcomes[i]);
    return { unitId, topics: unitTopics, opinion: outcome.data?.opinion, by: outcome.actorId, at: outcome.at };
  });
}
