import { replaceDraft, type DecisionDraft } from './draft-text';
import type { DecisionEvidence } from '../../domain/decisions/evidence';
import { needsAdjustment } from '../../domain/decisions/gates';
import type { DecisionRules } from '../../domain/decisions/rules';
import { DECISION_STEPS } from '../../domain/decisions/steps';
import { parseAction } from '../../domain/steps';
import { reject } from '../engine/failures';
import type { ProcessRuntime } from '../engine/process-runtime';
import type { TaskRecord } from '../engine/task-record';
import { checkRevisedDraft, decidedByPerson, decisionOutcome, openDecisionTask, runDecisionTask } from './decision-tasks';
import type { MajorDecisionInput } from './input';

/**
 * Expert review (000:23, decree713:19–21), risk assessment (000:24, decree713:22–24; 003:29 with
 * the public-opinion assessment) and, where market actors are affected and the rulebook has it,
 * the market-regulation bureau's fair-competition review (003:29, 000:51, 002:40), side by side.
 * A high risk (or a review finding the draft restricts competition) sends the draft back to the
 * unit; the adjusted draft is assessed again, every assessment, since each depends on the draft.
 */
export async function assessments(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, draft: DecisionDraft): Promise<DecisionEvidence[]> {
  const fairCompetition = input.marketActorsAffected && rules.fairCompetitionReview !== null;
  /** Every round's evidence against the draft version it assessed; the state shows it from the first round on. */
  const rounds: { round: number; evidence: DecisionEvidence[]; draftVersion: number }[] = [];
  for (let round = 1; ; round++) {
    rt.setStep(round === 1 ? 'assessments' : `assessments-round-${round}`);
    const tasks: TaskRecord[] = [
      await openDecisionTask(rt, rules, input, 'decision.expert-review'),
      await openDecisionTask(rt, rules, input, 'decision.risk-assessment', {
        hooks: {
          validate: (a) => {
            const { data } = parseAction(DECISION_STEPS['decision.risk-assessment'], a);
            if (rules.publicOpinionAssessment.value && !data.publicOpinion)
              reject.badRequest('a public-opinion assessment is part of it here', [{ field: 'data.publicOpinion', reason: `舆情评估研判 with a response plan (${rules.publicOpinionAssessment.source})` }]);
            if (needsAdjustment(data.level) && !data.measures) reject.badRequest('a high risk names the measures', [{ field: 'data.measures', reason: `adjust the draft or take measures (${rules.riskAssessment.source})` }]);
          },
        },
      }),
    ];
    if (fairCompetition) tasks.push(await openDecisionTask(rt, rules, input, 'decision.fair-competition-review'));
    const [expertRaw, riskRaw, fairRaw] = await rt.awaitAll(tasks);
    const expertOut = decisionOutcome('decision.expert-review', expertRaw);
    const riskOut = decisionOutcome('decision.risk-assessment', riskRaw);
    if (!decidedByPerson(expertOut) || !decidedByPerson(riskOut)) throw new Error('an assessment ended without a decision');
    const expert = expertOut.data;
    const risk = riskOut.data;
    const evidence: DecisionEvidence[] = [
      { kind: 'expert-review', at: expertOut.at, by: expertOut.actorId, reviewers: expert.experts, conclusion: `${expert.reviewedOn} ${expert.method}: ${expert.conclusion}`, passed: true },
      {
        kind: 'risk-assessment',
        at: riskOut.at,
        by: riskOut.actorId,
        reviewers: [input.proposingUnitId],
        conclusion: `${risk.assessedOn} ${risk.level}: ${risk.conclusion}${risk.publicOpinion ? `; 舆情评估: ${risk.publicOpinion.assessment}` : ''}`,
        passed: !needsAdjustment(risk.level),
      },
    ];
    let fairCompliant = true;
    const fairOut = fairRaw && decisionOutcome('decision.fair-competition-review', fairRaw);
    if (fairOut) {
      if (!decidedByPerson(fairOut)) throw new Error('the fair-competition review ended without a decision');
      const fair = fairOut.data;
      fairCompliant = fair.compliant;
      evidence.push({ kind: 'fair-competition-review', at: fairOut.at, by: fairOut.actorId, reviewers: [input.marketRegulationUnitId], conclusion: `${fair.reviewedOn}: ${fair.conclusion}`, passed: fair.compliant });
    }
    rounds.push({ round, evidence, draftVersion: draft.version });
    rt.details.assessments = rounds;
    if (!needsAdjustment(risk.level) && fairCompliant) return evidence;

    // Back to the unit (decree713:22–24): the adjusted draft is assessed again.
    const why = needsAdjustment(risk.level) ? `high risk (${rules.riskAssessment.source}): ${risk.conclusion}` : `restricts competition (${rules.fairCompetitionReview!.source})`;
    rt.audit({ actorId: 'system', action: 'back-to-adjustment', rule: needsAdjustment(risk.level) ? rules.riskAssessment.source : rules.fairCompetitionReview!.source, detail: why });
    rt.setStep('adjustment');
    const adjusted = await runDecisionTask(rt, rules, input, 'decision.adjustment', { title: `调整决策草案 (${why}): ${input.title}`, hooks: { validate: checkRevisedDraft(input, 'decision.adjustment') } });
    if (!decidedByPerson(adjusted)) throw new Error(`adjustment ended by ${adjusted.action}`);
    const data = adjusted.data;
    replaceDraft(draft, data);
    rt.audit({ actorId: adjusted.actorId, action: 'draft-adjusted', rule: rules.riskAssessment.source, detail: `version ${draft.version}: ${data.note}` });
  }
}
