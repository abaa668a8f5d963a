import { draftRefOf, firstDraft } from './draft-text';
import { condition, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { DECISION_DOCUMENT_SCOPE } from '../../domain/decisions/draft';
import { issuedNumberOf } from '../../domain/documents/issued-number';
import { recordedAgendaOutcome } from '../../domain/meetings/recorded-outcome';
import type { DecisionEvidence } from '../../domain/decisions/evidence';
import { rulebookFor } from '../../domain/rulebooks';
import type { AgendaItemInput } from '../agenda-item';
import { activities } from '../engine/activities-proxy';
import { ProcessRuntime } from '../engine/process-runtime';
import type { ProcessState } from '../engine/types';
import { processId } from '../ids';
import type { AgendaOutcome } from '../meeting-messages';
import type { OfficialDocumentInput } from '../official-document';
import { spawnSupervisionTicket } from '../spawn-supervision-ticket';
import { WORKFLOW_TASK_TIMEOUT } from '../workflow-task-timeout';
import { assessments } from './assessments';
import { decidedByPerson, runDecisionTask, type DecidedOutcome } from './decision-tasks';
import { DecisionSuspension } from './suspension';
import type { MajorDecisionInput } from './input';
import { legalityReview } from './legality-review';
import { publicParticipation } from './public-participation';
import { reportBeforeDeciding } from './reports';

export type { MajorDecisionInput } from './input';

/**
 * 重大行政决策 in its statutory order (decree713:3): initiation → public participation → expert
 * review, risk assessment, fair-competition review side by side → legality review → reports →
 * collective decision at the standing meeting (its agenda item, linked both ways) → higher
 * approval → publication (official document and portal) → implementation: supervision,
 * evaluation, suspension by the chief at any time after the decision → archive.
 */
export async function majorDecision(input: MajorDecisionInput): Promise<ProcessState> {
  const rt = new ProcessRuntime({ type: 'majorDecision', jurisdiction: input.jurisdiction, title: input.title, leadUnit: input.proposingUnitId, startedBy: input.startedBy });
  rt.install();
  const rulebook = rulebookFor(input.jurisdiction);
  const rules = rulebook.decisions;
  const draft = firstDraft(input.draft, input.draftRef);
  Object.assign(rt.details, {
    catalogueEntryId: input.catalogueEntryId,
    scopeCategory: input.scopeCategory,
    marketActorsAffected: input.marketActorsAffected,
    hearingPlanned: input.hearingPlanned,
    higherApprovalRequired: input.higherApprovalRequired,
    draft,
  });
  const catalogue = input.catalogueEntryId;
  await activities('record the decision').registerDecision({
    id: rt.id,
    jurisdiction: input.jurisdiction,
    title: input.title,
    proposingUnit: input.proposingUnitId,
    catalogueEntryId: catalogue,
    scopeCategory: input.scopeCategory,
  });
  const end = async (status: 'refused' | 'closed', rule: string, why: string) => {
    rt.details.ended = { why, rule };
    await activities('archive the decision file').archiveDecisionFile({ id: rt.id, file: rt.state(), at: rt.now(), catalogueEntryId: catalogue, catalogueStatus: 'withdrawn' });
    await activities('decision status').setDecisionStatus({ id: rt.id, status, catalogueEntryId: null });
    return rt.finish(status, rule);
  };

  // 1. Initiation (000:21): the government agrees to start the procedure.
  rt.setStep('initiation');
  const start = await runDecisionTask(rt, rules, input, 'decision.initiation');
  if (start.action === 'decline-to-start') return end('refused', rules.initiation.source, start.data.reason);

  // 2. Public participation (000:22; decree713:15–16).
  const participation = await publicParticipation(rt, rules, input, draft);
  const participationEvidence: DecisionEvidence = {
    kind: 'public-participation',
    at: participation.summary!.at,
    by: participation.summary!.by,
    reviewers: ['public'],
    conclusion: `${participation.opensAt}–${participation.closesAt}, ${participation.commentCount} comments; ${participation.summary!.overview}`,
    passed: true,
  };

  // 3. Expert review, risk assessment, fair-competition review (side by side; high risk → adjustment).
  const assessed = await assessments(rt, rules, input, draft);

  // 4. Legality review (decree713:25–26): no lawful finding, no meeting.
  const legality = await legalityReview(rt, rules, input, draft);
  if (!legality.lawful) return end('closed', rules.legalityReview.source, `withdrawn: ${legality.withdrawn}`);

  // 5. Reports to the party committee, the people's congress, the CPPCC.
  const reports = await reportBeforeDeciding(rt, rules, input);
  const refusal = reports.find((r) => r.outcome === 'not-agreed');
  if (refusal) return end('closed', refusal.rule, `${refusal.step}: not agreed ${refusal.comments ?? ''}`);

  // 6. Collective decision: the decision starts its agenda item with the evidence (000:26, decree713:30).
  const evidence = [participationEvidence, ...assessed, legality.evidence];
  rt.details.evidence = evidence;
  rt.setStep('collective-decision');
  const decided = await collectiveDecision(evidence);
  if (!decided) return end('closed', rules.collectiveDecision.source, 'not decided at the standing meeting');
  rt.details.decision = decided;
  await activities('record the decision taken').recordDecided({ id: rt.id, decision: decided.decision, decidedAt: decided.minutesSignedAt });

  // From here on the chief may suspend it in an emergency (decree713:38), and resume it.
  const suspension = new DecisionSuspension(rt, rules, input, catalogue);
  await suspension.arm();

  // 7. Higher approval where the law requires it (000:27, 004:12).
  if (input.higherApprovalRequired) {
    for (;;) {
      rt.setStep('higher-approval');
      const approval = await runDecisionTask(rt, rules, input, 'decision.higher-approval');
      if (suspension.suspended || !decidedByPerson(approval)) {
        if (await suspension.resumed('higher-approval')) continue;
        return suspension.close();
      }
      const data = approval.data;
      rt.details.higherApproval = { ...data, by: approval.actorId, at: approval.at };
      if (!data.approved) return end('closed', rules.higherApproval.source, `not approved by ${data.authority}`);
      break;
    }
  }

  // 8. Publication (000:28, decree713:32): an official document, then the portal.
  rt.setStep('publication');
  const document = await startPublicationDocument(decided);
  for (;;) {
    await condition(() => document.finished !== undefined || suspension.suspended);
    if (!suspension.suspended) break;
    if (!(await suspension.resumed('publication'))) return suspension.close();
  }
  const number = document.finished && issuedNumberOf(document.finished.details);
  await activities('publish the decision on the portal').publishMajorDecision({ id: rt.id, documentNumber: number ?? null, at: rt.now() });
  rt.audit({ actorId: 'system', action: 'decision-published', rule: rules.publication.source, detail: number ?? 'no number' });

  // 9. Implementation: supervised, evaluated after the period the decision sets (000:28, decree713:35–37).
  rt.setStep('implementation');
  const evaluation = await rt.setDeadline({ id: 'evaluation', label: `evaluation after ${input.evaluationAfterMonths} months`, rule: rules.evaluation.source, startAt: rt.now(), limit: { unit: 'months', n: input.evaluationAfterMonths } });
  await spawnSupervisionTicket(
    rt,
    { jurisdiction: input.jurisdiction, title: `重大行政决策执行: ${input.title}`, description: decided.decision, source: 'meeting-decision', responsibleUnitId: input.proposingUnitId, dueAt: evaluation.dueAt },
    `${rt.id}.implementation`,
  );
  rt.settle();
  for (;;) {
    await condition(() => suspension.suspended, Math.max(Date.parse(evaluation.dueAt) - Date.now(), 1));
    if (!suspension.suspended) break;
    if (!(await suspension.resumed('implementation'))) return suspension.close();
    rt.settle();
  }
  let result: DecidedOutcome<'decision.evaluation'>;
  for (;;) {
    rt.setStep('evaluation');
    const evaluated = await runDecisionTask(rt, rules, input, 'decision.evaluation');
    if (!suspension.suspended && decidedByPerson(evaluated)) {
      result = evaluated;
      break;
    }
    if (!(await suspension.resumed('evaluation'))) return suspension.close();
  }
  rt.details.evaluation = { ...result.data, by: result.actorId, at: result.at };
  rt.audit({ actorId: result.actorId, action: `evaluated:${result.data.recommendation}`, rule: rules.evaluation.source, detail: result.data.conclusion });

  // Archive the whole file (decree713:33).
  suspension.disarm('implementation evaluated; the file is archived');
  await activities('archive the decision file').archiveDecisionFile({ id: rt.id, file: rt.state(), at: rt.now(), catalogueEntryId: catalogue, catalogueStatus: 'decided' });
  await activities('decision status').setDecisionStatus({ id: rt.id, status: 'archived', catalogueEntryId: null });
  return rt.finish('completed', rules.archive.source);

  // ---- steps ------------------------------------------------------------------------------

  /** Starts the agenda item with the evidence and waits for the signed outcome; undefined unless approved. */
  async function collectiveDecision(evidence: DecisionEvidence[]): Promise<AgendaOutcome | undefined> {
    const itemId = processId('agendaItem', input.jurisdiction, `${rt.id}.meeting`);
    const item: AgendaItemInput = {
      jurisdiction: input.jurisdiction,
      title: input.title,
      reasons: `重大行政决策事项 (${rules.collectiveDecision.source})`,
      materials: input.materials,
      options: input.options,
      leadUnitId: input.proposingUnitId,
      applicantId: input.proposerId,
      attendingUnitIds: [],
      countersignUnitIds: [],
      majorDecision: true,
      fairCompetitionReview: evidence.some((e) => e.kind === 'fair-competition-review'),
      normativeDocument: false,
      justiceUnitId: input.justiceUnitId,
      startedBy: `process:${rt.id}`,
      decision: { processId: rt.id, evidence },
    };
    const child = await startChild('agendaItem', { workflowId: itemId, args: [item], parentClosePolicy: ParentClosePolicy.ABANDON, workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT, staticSummary: `议题 (重大行政决策): ${input.title}` });
    rt.addLink({ relation: 'agenda-item', processId: itemId, type: 'agendaItem' });
    rt.audit({ actorId: 'system', action: 'agenda-item-started', rule: rules.collectiveDecision.source, detail: itemId });
    rt.settle();
    const itemState = await child.result();
    const outcome: AgendaOutcome | undefined = recordedAgendaOutcome(itemState.details);
    rt.audit({ actorId: 'system', action: `agenda-item-${itemState.status}`, rule: rules.collectiveDecision.source, detail: outcome ? `${outcome.outcome}: ${outcome.decision}` : itemState.step });
    return itemState.status === 'completed' && outcome ? outcome : undefined;
  }

  /** Starts the decision's official document (the document process); `finished` is its end state once it ends. */
  async function startPublicationDocument(decided: AgendaOutcome): Promise<{ finished?: ProcessState }> {
    const workflowId = processId('officialDocument', input.jurisdiction, `${rt.id}.publication`);
    // A stored draft stays out of the history: the document's text (draft and decision) is stored too.
    const stored = draftRefOf(draft);
    const text = stored
      ? { bodyRef: await activities('store the document text').storeComposedText({ parts: [{ sha256: stored.sha256 }, { text: `\n\n${decided.decision}` }] }) }
      : { body: `${draft.text}\n\n${decided.decision}` };
    const doc: OfficialDocumentInput = {
      jurisdiction: input.jurisdiction,
      issuer: 'government',
      kind: 'decision',
      title: input.title,
      ...text,
      scope: DECISION_DOCUMENT_SCOPE,
      leadUnitId: input.proposingUnitId,
      drafterId: input.proposerId,
      urgency: 'ordinary',
      disclosure: 'proactive',
      countersignUnitIds: [],
      addressees: [input.proposingUnitId],
      decidedAtStandingMeeting: true,
      startedBy: `process:${rt.id}`,
      parent: { processId: rt.id, type: 'majorDecision' },
    };
    const child = await startChild('officialDocument', { workflowId, args: [doc], parentClosePolicy: ParentClosePolicy.ABANDON, workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT, staticSummary: `公文 (重大行政决策): ${input.title}` });
    rt.addLink({ relation: 'spawned', processId: workflowId, type: 'officialDocument' });
    rt.audit({ actorId: 'system', action: 'document-started', rule: rules.publication.source, detail: workflowId });
    rt.settle();
    const document: { finished?: ProcessState } = {};
    void child.result().then((s) => {
      document.finished = s;
    });
    return document;
  }
}
