import type { DecisionRules } from '../../domain/decisions/rules';
import type { DecisionStep } from '../../domain/decisions/steps';
import type { ProcessRuntime } from '../engine/process-runtime';
import { decidedByPerson, decisionOutcome, openDecisionTask } from './decision-tasks';
import type { MajorDecisionInput } from './input';

export interface ReportRecord {
  step: DecisionStep;
  reference: string;
  outcome: 'agreed' | 'agreed-with-comments' | 'not-agreed';
  comments?: string;
  by: string;
  at: string;
  rule: string;
}

/**
 * Before the decision: the report to the party committee (002:20, 003:31, 001:25), to the people's
 * congress standing committee and the CPPCC where the rulebook or the matter requires it (003:31),
 * side by side. Returns each with its outcome; 'not-agreed' stops the decision.
 */
export async function reportBeforeDeciding(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput): Promise<ReportRecord[]> {
  const steps: { step: DecisionStep; rule: string }[] = [];
  const add = (step: DecisionStep, rule: string) => steps.push({ step, rule });
  if (rules.partyCommitteeReport) add('decision.party-committee-report', rules.partyCommitteeReport.source);
  if (rules.peoplesCongressReport.value || input.reportToPeoplesCongress) add('decision.congress-report', rules.peoplesCongressReport.source);
  if (rules.cppccConsultation.value || input.consultCppcc) add('decision.cppcc-consultation', rules.cppccConsultation.source);
  if (!steps.length) return [];
  rt.setStep('reports');
  const tasks = [];
  for (const s of steps) tasks.push(await openDecisionTask(rt, rules, input, s.step));
  const outcomes = await rt.awaitAll(tasks);
  const records = outcomes.map((raw, i): ReportRecord => {
    // The three report steps declare the same action (record-report) and data.
    const out = decisionOutcome('decision.party-committee-report', raw);
    if (!decidedByPerson(out)) throw new Error(`${steps[i].step} ended by ${out.action}`);
    const { data } = out;
    return { step: steps[i].step, ...data, by: out.actorId, at: out.at, rule: steps[i].rule };
  });
  rt.details.reports = records;
  for (const r of records) rt.audit({ actorId: r.by, action: `reported:${r.outcome}`, step: r.step, rule: r.rule, detail: r.reference });
  return records;
}
