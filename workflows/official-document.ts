import { ApplicationFailure } from '@temporalio/workflow';
import type { Source } from '../domain/citation';
import { cited } from '../domain/citation';
import type { AssigneeSelector } from '../domain/directory';
import { isUrgent, type DisclosureAttribute, type Direction, type IssuerKind, type Urgency } from '../domain/documents/attributes';
import type { DocumentKind } from '../domain/documents/kinds';
import { issuerCodeFor } from '../domain/documents/numbering';
import { countCharacters, lengthViolationOfCount, type DocumentScope } from '../domain/documents/length';
import type { TextRef } from '../domain/documents/text-ref';
import { DOCUMENT_POLICY } from '../domain/documents/policy';
import type { SigningStep } from '../domain/documents/rules';
import { signingChain, type DocumentSubject } from '../domain/documents/signing';
import type { JurisdictionId } from '../domain/jurisdictions';
import type { Limit } from '../domain/limit';
import { NATIONAL_OPEN_GOVERNMENT } from '../domain/rulebooks/national';
import { rulebookFor } from '../domain/rulebooks';
import { formatShanghaiChinese } from '../domain/calendar/shanghai-date';
import {
  DOCUMENT_COUNTERSIGN,
  DOCUMENT_COUNTERSIGN_COORDINATION,
  DOCUMENT_COUNTERSIGN_DECISION,
  DOCUMENT_HEAD_SIGN_OFF,
  DOCUMENT_OFFICE_REVIEW,
  DOCUMENT_PUBLICATION,
  DOCUMENT_REVISION,
  DOCUMENT_SEAL_CONSENT,
  DOCUMENT_SEAL_REVIEW,
  DOCUMENT_ISSUE,
  SIGNING_STEPS,
} from '../domain/documents/steps';
import { parseAction, parseOutcome, stepTask } from '../domain/steps';
import { activities } from './engine/activities-proxy';
import { runCountersignRound, type CountersignReply } from './engine/countersign';
import { reject } from './engine/failures';
import { ProcessRuntime } from './engine/process-runtime';
import { ruleInForce } from './rules/rule-in-force';
import type { TaskRecord } from './engine/task-record';
import type { ProcessState } from './engine/types';
import { signingAssignees, type SigningUnits } from './signing-assignees';

/** A draft as the lead unit submits it (POST /v1/documents). */
export interface OfficialDocumentInput {
  jurisdiction: JurisdictionId;
  issuer: IssuerKind;
  kind: DocumentKind;
  title: string;
  /** The draft text, as processes started before issue 11 and child processes carry it. */
  body?: string;
  /** The draft text kept in the database (POST /v1/documents stores it): its hash and count only. */
  bodyRef?: TextRef;
  /** Decides the length cap (000:68, 002:57). */
  scope: DocumentScope;
  leadUnitId: string;
  drafterId: string;
  urgency: Urgency;
  disclosure: DisclosureAttribute;
  /** Required unless proactively public (002:28). */
  disclosureReason?: string;
  countersignUnitIds: string[];
  /** The lead unit's own reply limit, where the rulebook lets it set one (000:62). */
  countersignLimitWorkingDays?: number;
  /** Units the issued document is addressed to (主送). */
  addressees: string[];
  direction?: Direction;
  severalPortfolios?: boolean;
  chiefAgreedBeforehand?: boolean;
  decidedAtStandingMeeting?: boolean;
  important?: boolean;
  /** To be sent to the party committee (报送区委的文件): the chief signs last (000:64, 002:52, 001:55). */
  toPartyCommittee?: boolean;
  /** 人员任免 or 出国（境）报批, where the rules route by subject (001:55, 004:50(三)(四)). */
  subject?: DocumentSubject;
  /** The human-resources bureau that first checks an appointment (001:55), from the directory. */
  humanResourcesUnitId?: string;
  /** The foreign affairs office, whose vice chief in charge signs a trip abroad (004:50(四)), from the directory. */
  foreignAffairsUnitId?: string;
  startedBy: string;
  parent?: { processId: string; type: string };
}

/** The draft as the process's state shows it: the text itself, or its stored hash and count (GET /v1/processes/:id reads the text back). */
interface DraftState {
  body?: string;
  bodySha256?: string;
  chars?: number;
  version: number;
}

/** A new draft text as an action brings it: the text (old path) or the API's reference to the stored text. */
interface DraftText {
  body?: string;
  bodyRef?: TextRef;
}

const OFFICE_STAFF: AssigneeSelector[] = [{ kind: 'role', role: 'office-staff' }, { kind: 'role', role: 'office-deputy-director' }];
const OFFICE_DIRECTOR: AssigneeSelector[] = [{ kind: 'role', role: 'office-director' }];
/** 公文条例 Art. 20: the issuing body's office reviews every draft before it is signed. */
const NATIONAL_OFFICE_REVIEW: Source = 'docs2012:20';

/** 公文: drafting → countersign → office review → signing chain → seal → number → issue → publish → archive. */
export async function officialDocument(input: OfficialDocumentInput): Promise<ProcessState> {
  const rt = new ProcessRuntime({ type: 'officialDocument', jurisdiction: input.jurisdiction, title: input.title, leadUnit: input.leadUnitId, startedBy: input.startedBy });
  rt.install();
  const rules = rulebookFor(input.jurisdiction).documents;
  const draft: DraftState = input.bodyRef ? { version: 1, bodySha256: input.bodyRef.sha256, chars: input.bodyRef.chars } : { body: input.body, version: 1 };
  const countersign: CountersignReply[][] = [];
  const signatures: { role: string; act: string; by: string; onBehalfOf?: string; opinion?: string; at: string; rule: Source }[] = [];
  let viewsDiffer = false;
  Object.assign(rt.details, {
    issuer: input.issuer,
    kind: input.kind,
    scope: input.scope,
    urgency: input.urgency,
    disclosure: { attribute: input.disclosure, reason: input.disclosureReason ?? null },
    addressees: input.addressees,
    draft,
    countersign,
    signatures,
  });
  if (input.toPartyCommittee) rt.details.toPartyCommittee = true;
  if (input.subject) rt.details.subject = input.subject;
  const units: SigningUnits = { humanResourcesUnitId: input.humanResourcesUnitId, foreignAffairsUnitId: input.foreignAffairsUnitId };
  if (input.parent) rt.addLink({ relation: 'spawned-by', ...input.parent });
  // A draft no signing route covers would stall at the end: refuse it before anyone works on it.
  try {
    const steps = signingChain(rulebookFor(input.jurisdiction), { issuer: input.issuer, kind: input.kind, direction: input.direction, subject: input.subject });
    // A step whose unit the directory does not name would be skipped: refuse instead (001:55's first check, 004:50's foreign affairs).
    for (const step of steps)
      if (step.role !== 'other-vice-chiefs' && !signingAssignees(step.role, input.leadUnitId, units).length)
        throw new RangeError(`${input.jurisdiction}: no unit for the step ${step.role} (${step.rule})`);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'BadRequest');
  }
  const leadHead: AssigneeSelector[] = [{ kind: 'role', role: 'department-head', unitId: input.leadUnitId }];
  const leadUnit: AssigneeSelector[] = [{ kind: 'users', userIds: [input.drafterId] }, ...leadHead];

  /** A new draft text must keep the length cap too; checked before the action is taken. */
  const checkBody = (text: DraftText) => {
    const tooLong = lengthViolationOfCount(rules, input.scope, text.bodyRef ? text.bodyRef.chars : countCharacters(text.body ?? ''));
    if (tooLong) reject.badRequest('draft too long', [{ field: 'data.body', reason: tooLong }]);
  };
  const replaceDraft = (text: DraftText, by: string, why: string, rule: Source) => {
    if (text.bodyRef) {
      delete draft.body;
      draft.bodySha256 = text.bodyRef.sha256;
      draft.chars = text.bodyRef.chars;
    } else {
      draft.body = text.body;
      delete draft.bodySha256;
      delete draft.chars;
    }
    draft.version++;
    rt.audit({ actorId: by, action: 'draft-revised', rule, detail: `version ${draft.version}: ${why}` });
  };

  /** Opens the lead unit's revision of a returned draft, on its own clock. */
  const openRevision = async (reason: string, rule: Source): Promise<TaskRecord> => {
    const deadlineId = `revision-${draft.version}`;
    await rt.setDeadline({ id: deadlineId, label: '退回修改', rule: DOCUMENT_POLICY.revisionLimit.source, startAt: rt.now(), limit: DOCUMENT_POLICY.revisionLimit.value });
    return rt.openTask(
      {
        ...stepTask(DOCUMENT_REVISION),
        title: `修改文稿：${reason}`,
        assignees: leadUnit,
        deadlineId,
        timeoutRule: 'none',
        rule,
      },
      { validate: (message) => checkBody(parseAction(DOCUMENT_REVISION, message).data) },
    );
  };
  const awaitRevision = async (task: TaskRecord, reason: string): Promise<void> => {
    const out = parseOutcome(DOCUMENT_REVISION, await rt.awaitTask(task));
    if (out.action !== 'resubmit') return;
    replaceDraft(out.data, out.actorId, out.data.note ?? reason, task.spec.rule);
  };

  // 1. The lead unit's head reviews the draft and signs a specific opinion (000:69, 002:54, 003:63).
  for (;;) {
    rt.setStep('drafting');
    const out = parseOutcome(
      DOCUMENT_HEAD_SIGN_OFF,
      await rt.runTask({
        ...stepTask(DOCUMENT_HEAD_SIGN_OFF),
        title: `部门负责人审核签字：${input.title}`,
        assignees: leadHead,
        timeoutRule: 'none',
        rule: rules.headSignOff.source,
      }),
    );
    if (out.action === 'sign-off') {
      rt.details.headSignOff = { by: out.actorId, onBehalfOf: out.onBehalfOf, opinion: out.data.opinion, at: out.at, rule: rules.headSignOff.source };
      break;
    }
    if (out.action !== 'return-to-drafter') continue;
    const reason = out.data.reason;
    await awaitRevision(await openRevision(reason, rules.headSignOff.source), reason);
  }

  // 2. Countersign (会签) rounds until no disagreement remains or the leader in charge decides.
  if (input.countersignUnitIds.length) await countersignUntilSettled();

  // 3–4. Office review, then the signing chain; a leader may send the draft back to the office.
  const query = {
    issuer: input.issuer,
    kind: input.kind,
    direction: input.direction,
    severalPortfolios: input.severalPortfolios || (await involvesSeveralPortfolios()),
    viewsDiffer,
    chiefAgreedBeforehand: input.chiefAgreedBeforehand,
    decidedAtStandingMeeting: input.decidedAtStandingMeeting,
    important: input.important,
    toPartyCommittee: input.toPartyCommittee,
    subject: input.subject,
  };
  const chain = signingChain(rulebookFor(input.jurisdiction), query);
  rt.details.signingChain = chain;
  for (;;) {
    const { refusedUnder } = await officeReview();
    if (refusedUnder) return rt.finish('refused', refusedUnder);
    if (await signAlongTheChain(chain)) break;
  }

  // 5. Seal (002:60–61 where the rulebook requires an approval), number, issue.
  await approveSeal();
  rt.setStep('numbering');
  const issuedAt = rt.now();
  const issued = await activities('allocate the 发文字号 and record the document').issueDocument({
    processId: rt.id,
    jurisdiction: input.jurisdiction,
    issuer: input.issuer,
    issuerCode: issuerCodeFor(rules, input.issuer, input.kind).value,
    kind: input.kind,
    title: input.title,
    body: draft.body,
    bodyRef: draft.bodySha256 !== undefined ? { sha256: draft.bodySha256, chars: draft.chars ?? 0 } : undefined,
    disclosure: input.disclosure,
    addressees: input.addressees,
    issuedAt,
  });
  rt.details.number = issued.number;
  rt.details.issuedAt = issued.issuedAt;
  rt.details.bodySha256 = issued.bodySha256;
  rt.audit({ actorId: 'system', action: 'numbered', rule: issuerCodeFor(rules, input.issuer, input.kind).source, detail: issued.number });
  rt.setStep('issued');
  const addresseeHeads = input.addressees.length ? await rt.resolve(input.addressees.map((unitId): AssigneeSelector => ({ kind: 'role', role: 'department-head', unitId }))) : [];
  if (addresseeHeads.length)
    await activities('deliver to the addressees').notify({
      recipientIds: addresseeHeads,
      processId: rt.id,
      kind: 'document-issued',
      subject: `${issued.number} ${input.title}`,
      body: `已于${formatShanghaiChinese(issued.issuedAt)}印发；电子公文与纸质公文具有同等效力（000:72, 002:61）。`,
      dedupeKey: `${rt.id}/issued`,
    });
  rt.audit({ actorId: 'system', action: 'issued', rule: 'docs2012:26', detail: `${issued.number} → ${input.addressees.join(', ') || 'no addressees'}` });

  // 6. Publication of a proactively public document within 20 working days (ogi2019:26).
  if (input.disclosure === 'proactive') await publish(issued.issuedAt);
  else rt.audit({ actorId: 'system', action: 'not-published', rule: 'ogi2019:26', detail: `${input.disclosure}: ${input.disclosureReason ?? ''}` });

  return rt.finish('completed', 'docs2012:27');

  // ---- steps ------------------------------------------------------------------------------

  async function countersignUntilSettled(): Promise<void> {
    const leadLimit = input.countersignLimitWorkingDays;
    const limit = leadLimit
      ? cited<Limit | null>({ unit: 'workingDays', n: leadLimit }, rules.countersign.leadMaySetLimit.source)
      : rules.countersign.replyLimit;
    let units = input.countersignUnitIds;
    for (let round = 1; ; round++) {
      rt.setStep('countersign');
      const replies = await runCountersignRound(rt, {
        round,
        subject: input.title,
        unitIds: units,
        limit,
        silenceIsConsent: rules.countersign.silenceIsConsent,
        escalateToUnitId: input.leadUnitId,
        step: DOCUMENT_COUNTERSIGN,
      });
      countersign.push(replies);
      const objections = replies.filter((r) => r.verdict === 'disagree');
      if (!objections.length) return;

      // 000:62 / 001:50: the lead unit coordinates; if it stays, it lists each side's grounds and a proposal.
      rt.setStep('countersign-coordination');
      const coordinated = await rt.runTask(
        {
          ...stepTask(DOCUMENT_COUNTERSIGN_COORDINATION),
          title: `协调会签分歧（${objections.map((o) => o.unitId).join('、')}）：${input.title}`,
          assignees: leadHead,
          timeoutRule: 'none',
          rule: limit.source,
        },
        {
          validate: (message) => {
            const a = parseAction(DOCUMENT_COUNTERSIGN_COORDINATION, message);
            if (a.action !== 'revise') return;
            checkBody(a.data);
            const unknown = a.data.reopenUnits.filter((u) => !input.countersignUnitIds.includes(u));
            if (unknown.length) reject.badRequest('not a countersigning unit', [{ field: 'data.reopenUnits', reason: `${unknown.join(', ')} did not countersign; one of ${input.countersignUnitIds.join(', ')}` }]);
          },
        },
      );
      const coordination = parseOutcome(DOCUMENT_COUNTERSIGN_COORDINATION, coordinated);
      if (coordination.action === 'revise') {
        // A revised draft goes back to the units whose opinion it touches.
        replaceDraft(coordination.data, coordination.actorId, coordination.data.note, limit.source);
        units = coordination.data.reopenUnits;
        continue;
      }
      if (coordination.action !== 'refer-to-leader') return;
      rt.details.coordination = { objections: objections.map((o) => ({ unitId: o.unitId, grounds: o.text })), leadGrounds: coordination.data.leadGrounds, proposal: coordination.data.proposal };
      rt.setStep('countersign-leader-decision');
      const decision = parseOutcome(
        DOCUMENT_COUNTERSIGN_DECISION,
        await rt.runTask({
          ...stepTask(DOCUMENT_COUNTERSIGN_DECISION),
          title: `裁定会签分歧：${input.title}`,
          assignees: [{ kind: 'leaderInCharge', unitId: input.leadUnitId }],
          timeoutRule: 'none',
          rule: limit.source,
        }),
      );
      viewsDiffer = true; // the signing route may change (002:55: the chief signs where views differ)
      rt.details.countersignDecision = { by: decision.actorId, onBehalfOf: decision.onBehalfOf, decision: decision.data?.decision, at: decision.at };
      return;
    }
  }

  /** Whether the lead and countersigning units answer to more than one vice chief. */
  async function involvesSeveralPortfolios(): Promise<boolean> {
    const units = [input.leadUnitId, ...input.countersignUnitIds];
    const leaders = new Set<string>();
    for (const unitId of units) for (const id of await rt.resolve([{ kind: 'leaderInCharge', unitId }])) leaders.add(id);
    return leaders.size > 1;
  }

  /** The office reviews (审核): edits, returns (its clock stops meanwhile), refuses or approves. */
  async function officeReview(): Promise<{ refusedUnder?: Source }> {
    rt.setStep('office-review');
    const rule = rules.officeReviewBeforeSigning.value ? rules.officeReviewBeforeSigning.source : NATIONAL_OFFICE_REVIEW;
    const deadlineId = `office-review-${draft.version}`;
    await rt.setDeadline({ id: deadlineId, label: '办公室审核', rule: DOCUMENT_POLICY.officeReviewLimit.source, startAt: rt.now(), limit: DOCUMENT_POLICY.officeReviewLimit.value });
    const refusals = rules.refusalReasons ?? [];
    let revision: Promise<unknown> | undefined;
    const task: TaskRecord = await rt.openTask(
      {
        ...stepTask(DOCUMENT_OFFICE_REVIEW, refusals.length ? undefined : ['edit', 'return-for-revision', 'approve']),
        title: `办公室审核：${input.title}`,
        assignees: OFFICE_STAFF,
        controllers: OFFICE_DIRECTOR,
        escalateTo: OFFICE_DIRECTOR,
        deadlineId,
        timeoutRule: 'escalate',
        rule,
      },
      {
        validate: (message) => {
          const a = parseAction(DOCUMENT_OFFICE_REVIEW, message);
          if (a.action === 'edit') checkBody(a.data);
          if (a.action === 'refuse' && !refusals.some((r) => r.value === a.data.reason))
            reject.badRequest('not a reason the rules give', [{ field: 'data.reason', reason: `one of: ${refusals.map((r) => `${r.value} (${r.source})`).join(', ')}` }]);
        },
        onAction: async (message) => {
          const a = parseAction(DOCUMENT_OFFICE_REVIEW, message);
          if (a.action === 'edit') return replaceDraft(a.data, message.actor.userId, a.data.note, rule);
          if (a.action !== 'return-for-revision') return;
          // Back with the lead unit: the office's clock stops until the revision comes back (003:63).
          const reason = a.data.reason;
          rt.pauseTask(task, message.actor.userId, `returned for revision: ${reason}`, rule);
          const back = await openRevision(reason, rule);
          revision = awaitRevision(back, reason).then(() => rt.resumeTask(task, 'system', 'revised draft received', rule));
        },
      },
    );
    const out = parseOutcome(DOCUMENT_OFFICE_REVIEW, await rt.awaitTask(task));
    await revision;
    if (out.action === 'refuse') {
      const refused = out.data;
      const reason = refusals.find((r) => r.value === refused.reason)!;
      rt.details.refusal = { reason: reason.value, rule: reason.source, explanation: refused.explanation, by: out.actorId, at: out.at };
      rt.audit({ actorId: out.actorId, action: 'refused-to-issue', rule: reason.source, detail: `${reason.value}: ${refused.explanation}` });
      return { refusedUnder: reason.source };
    }
    rt.details.officeReview = { by: out.actorId, at: out.at, draftVersion: draft.version, rule };
    return {};
  }

  /** Every step of the chain in order; false when a leader returned the draft to the office. */
  async function signAlongTheChain(steps: readonly SigningStep[]): Promise<boolean> {
    const reading = isUrgent(input.urgency) ? ruleInForce(input.jurisdiction, 'documents.readingLimits.urgent', rules.readingLimits.urgent) : rules.readingLimits.ordinary;
    for (const [i, step] of steps.entries()) {
      if (step.role === 'office' && step.act === 'review') {
        rt.audit({ actorId: 'system', action: 'office-review-counted', rule: step.rule, detail: 'the office review above is this step of the chain' });
        continue;
      }
      const assignees = step.role === 'other-vice-chiefs' ? await otherViceChiefs() : signingAssignees(step.role, input.leadUnitId, units);
      if (!assignees.length) {
        rt.audit({ actorId: 'system', action: 'signing-step-skipped', rule: step.rule, detail: `${step.role}: no other portfolio involved` });
        continue;
      }
      rt.setStep(`signing-${i + 1}-${step.act}`);
      const deadlineId = reading ? `reading-${draft.version}-${i + 1}` : undefined;
      if (reading && deadlineId)
        await rt.setDeadline({ id: deadlineId, label: `阅签时限（${step.role}，${isUrgent(input.urgency) ? '紧急' : '常规'}）`, rule: reading.source, startAt: rt.now(), limit: reading.value });
      const issues = step.act === 'issue';
      const declared = issues ? DOCUMENT_ISSUE : SIGNING_STEPS[step.act];
      const raw = await rt.runTask({
        ...stepTask(declared),
        title: `${declared.label}：${input.title}`,
        assignees,
        escalateTo: OFFICE_DIRECTOR,
        deadlineId,
        timeoutRule: 'escalate',
        rule: step.rule,
      });
      const out = issues ? parseOutcome(DOCUMENT_ISSUE, raw) : parseOutcome(declared, raw);
      if (out.action === 'return-to-office') {
        rt.audit({ actorId: out.actorId, onBehalfOf: out.onBehalfOf, action: 'returned-to-office', rule: step.rule, detail: out.data.opinion });
        return false;
      }
      signatures.push({ role: step.role, act: step.act, by: out.actorId, onBehalfOf: out.onBehalfOf, opinion: out.data?.opinion, at: out.at, rule: step.rule });
    }
    return true;
  }

  /** Vice chiefs whose portfolio holds a countersigning unit, other than the lead unit's. */
  async function otherViceChiefs(): Promise<AssigneeSelector[]> {
    const own = new Set(await rt.resolve([{ kind: 'leaderInCharge', unitId: input.leadUnitId }]));
    const others = new Set<string>();
    for (const unitId of input.countersignUnitIds) for (const id of await rt.resolve([{ kind: 'leaderInCharge', unitId }])) if (!own.has(id)) others.add(id);
    return others.size ? [{ kind: 'users', userIds: [...others] }] : [];
  }

  async function approveSeal(): Promise<void> {
    const seal = rules.seal.value?.[input.issuer];
    if (!seal) {
      rt.audit({ actorId: 'system', action: 'sealed', rule: rules.seal.source, detail: 'electronic seal applied at issuance; no approval step in these rules' });
      return;
    }
    rt.setStep('seal');
    for (const step of seal) {
      const role = step.role === 'other-vice-chiefs' ? 'vice-chief' : step.role;
      const declared = step.act === 'consent' ? DOCUMENT_SEAL_CONSENT : DOCUMENT_SEAL_REVIEW;
      const out = await rt.runTask({
        ...stepTask(declared),
        title: `${declared.label}（${input.issuer === 'government' ? '政府印章' : '办公室印章'}）：${input.title}`,
        assignees: signingAssignees(role, input.leadUnitId),
        timeoutRule: 'none',
        rule: step.rule,
      });
      rt.audit({ actorId: out.actorId, onBehalfOf: out.onBehalfOf, action: `seal-${step.act}`, rule: step.rule });
    }
    rt.audit({ actorId: 'system', action: 'sealed', rule: seal[seal.length - 1].rule, detail: `${input.issuer} seal` });
  }

  async function publish(issuedAt: string): Promise<void> {
    rt.setStep('publication');
    const limit = NATIONAL_OPEN_GOVERNMENT.proactivePublication;
    await rt.setDeadline({ id: 'publication', label: '主动公开', rule: limit.source, startAt: issuedAt, limit: limit.value });
    const out = await rt.runTask({
      ...stepTask(DOCUMENT_PUBLICATION),
      title: `主动公开：${input.title}`,
      assignees: OFFICE_STAFF,
      controllers: OFFICE_DIRECTOR,
      escalateTo: OFFICE_DIRECTOR,
      deadlineId: 'publication',
      timeoutRule: 'escalate',
      rule: limit.source,
    });
    const { publishedAt } = await activities('publish to the public list').publishDocument({ processId: rt.id, at: out.at });
    rt.details.publishedAt = publishedAt;
    rt.audit({ actorId: out.actorId, action: 'published', rule: limit.source, detail: 'confidentiality checked (002:28)' });
  }
}
