import { draftRefOf, type DecisionDraft } from './draft-text';
import { sleep } from '@temporalio/workflow';
import { commentPeriodViolation, hearingMaterialsViolation, summaryViolations } from '../../domain/decisions/gates';
import type { DecisionRules } from '../../domain/decisions/rules';
import { DECISION_STEPS } from '../../domain/decisions/steps';
import { parseAction } from '../../domain/steps';
import { activities } from '../engine/activities-proxy';
import { reject } from '../engine/failures';
import type { ProcessRuntime } from '../engine/process-runtime';
import { decidedByPerson, decisionOutcome, openDecisionTask, runDecisionTask } from './decision-tasks';
import type { MajorDecisionInput } from './input';

export interface ParticipationRecord {
  opensAt: string;
  closesAt: string;
  periodDays: number;
  shortPeriodReason: string | null;
  commentCount?: number;
  hearing?: { matter: string; at: string; place: string; materialsSentAt: string; record?: string };
  summary?: { overview: string; themes: unknown[]; by: string; at: string };
}

/**
 * Public participation (000:22, 004:21): the unit publishes the draft with its grounds for at
 * least 30 days (decree713:15, shorter only with a stated reason); comments go to the database
 * through the portal, never into this history; an optional hearing (decree713:16) runs alongside;
 * at the period's end the unit summarises the comments by theme with a response to each.
 */
export async function publicParticipation(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, draft: DecisionDraft): Promise<ParticipationRecord> {
  rt.setStep('consultation-opening');
  const opening = await runDecisionTask(rt, rules, input, 'decision.consultation-opening', {
    hooks: {
      validate: (a) => {
        const { data } = parseAction(DECISION_STEPS['decision.consultation-opening'], a);
        const violation = commentPeriodViolation(rules, data.periodDays, data.shortPeriodReason);
        if (violation) reject.badRequest('the comment period is too short', [violation]);
      },
    },
  });
  if (!decidedByPerson(opening)) throw new Error(`consultation opening ended by ${opening.action}`);
  const { periodDays, shortPeriodReason } = opening.data;
  const opensAt = rt.now();
  const period = await rt.setDeadline({ id: 'comment-period', label: `public comments for ${periodDays} days`, rule: rules.commentMinimum.source, startAt: opensAt, limit: { unit: 'days', n: periodDays } });
  const record: ParticipationRecord = { opensAt, closesAt: period.dueAt, periodDays, shortPeriodReason: shortPeriodReason ?? null };
  rt.details.participation = record;
  await activities('publish the draft for comment').openConsultation({
    id: rt.id,
    jurisdiction: input.jurisdiction,
    title: input.title,
    proposingUnit: input.proposingUnitId,
    draft: draft.text,
    draftRef: draftRefOf(draft),
    grounds: input.grounds,
    opensAt,
    closesAt: period.dueAt,
    shortPeriodReason: record.shortPeriodReason,
  });
  rt.audit({ actorId: opening.actorId, action: 'consultation-opened', rule: rules.commentMinimum.source, detail: `until ${period.dueAt}${shortPeriodReason ? `; shorter because: ${shortPeriodReason}` : ''}` });

  rt.setStep('consultation');
  const waits: Promise<unknown>[] = [sleep(Math.max(Date.parse(period.dueAt) - Date.now(), 1))];
  if (input.hearingPlanned) waits.push(hearing(rt, rules, input, record));
  rt.settle();
  await Promise.all(waits);

  const { commentCount } = await activities('close the comment period').closeConsultation({ id: rt.id });
  record.commentCount = commentCount;
  rt.audit({ actorId: 'system', action: 'consultation-closed', rule: rules.commentMinimum.source, detail: `${commentCount} comments` });

  rt.setStep('comment-summary');
  const summary = await runDecisionTask(rt, rules, input, 'decision.comment-summary', {
    title: `意见归纳与采纳情况 (${commentCount} 条意见): ${input.title}`,
    hooks: {
      validate: (a) => {
        const errors = summaryViolations(parseAction(DECISION_STEPS['decision.comment-summary'], a).data.themes, commentCount);
        if (errors.length) reject.badRequest('the summary does not answer the comments', errors);
      },
    },
  });
  if (!decidedByPerson(summary)) throw new Error(`comment summary ended by ${summary.action}`);
  const data = summary.data;
  await activities('publish the comment summary').publishCommentSummary({ id: rt.id, summary: data, at: summary.at });
  record.summary = { ...data, by: summary.actorId, at: summary.at };
  rt.audit({ actorId: summary.actorId, action: 'comment-summary-published', rule: rules.publicParticipation.source, detail: `${data.themes.length} themes` });
  return record;
}

/** decree713:16: the hearing is announced (matter, time, place), materials reach participants 7 days before; its record is attached. */
async function hearing(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, record: ParticipationRecord): Promise<void> {
  const task = await openDecisionTask(rt, rules, input, 'decision.hearing', {
    hooks: {
      validate: (a) => {
        const action = parseAction(DECISION_STEPS['decision.hearing'], a);
        if (action.action === 'announce-hearing') {
          const { data } = action;
          const violation = hearingMaterialsViolation(rules, data.at, data.materialsSentAt);
          if (violation) reject.badRequest('the hearing materials come too late', [violation]);
          if (!(Date.parse(data.at) > Date.now())) reject.badRequest('the hearing is announced before it takes place', [{ field: 'data.at', reason: 'later than now' }]);
        }
        if (action.action === 'record-hearing' && !record.hearing) reject.conflict(`announce the hearing first (${rules.hearingMaterialsLeadTime.source})`);
      },
      onAction: async (a) => {
        const action = parseAction(DECISION_STEPS['decision.hearing'], a);
        if (action.action !== 'announce-hearing') return;
        const { data } = action;
        record.hearing = { matter: data.matter, at: data.at, place: data.place, materialsSentAt: data.materialsSentAt };
        await activities('announce the hearing').announceHearing({ id: rt.id, hearing: data });
      },
    },
  });
  const done = decisionOutcome('decision.hearing', await rt.awaitTask(task));
  if (done.action === 'record-hearing' && record.hearing) record.hearing.record = done.data.record;
}
