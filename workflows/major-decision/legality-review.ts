import { replaceDraft, type DecisionDraft } from './draft-text';
import { shanghaiDateOf } from '../../domain/calendar/shanghai-date';
import type { DecisionEvidence } from '../../domain/decisions/evidence';
import { legalityLeadViolation } from '../../domain/decisions/gates';
import type { DecisionRules } from '../../domain/decisions/rules';
import { DECISION_STEPS } from '../../domain/decisions/steps';
import { parseAction } from '../../domain/steps';
import { activities } from '../engine/activities-proxy';
import { reject } from '../engine/failures';
import type { ProcessRuntime } from '../engine/process-runtime';
import { checkRevisedDraft, decidedByPerson, runDecisionTask } from './decision-tasks';
import type { MajorDecisionInput } from './input';

/** Days ahead for which the validator knows the earliest meeting (a longer wait reopens the task). */
const WINDOW_DAYS = 120;

export type LegalityResult = { lawful: true; evidence: DecisionEvidence; plannedMeetingAt: string } | { lawful: false; withdrawn: string };

/**
 * Legality review by the justice bureau (000:25, 001:25, decree713:25), after the unit's own
 * procedure and countersign: the unit sends the draft with its planned meeting, which must leave
 * the reviewer at least 7 working days (decree713:26); the reviewer has those days. Unlawful →
 * the unit revises and sends it again, or withdraws: it never reaches a meeting without a
 * lawful finding.
 */
export async function legalityReview(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, draft: DecisionDraft): Promise<LegalityResult> {
  const reviews: { sentAt: string; plannedMeetingAt: string; lawful?: boolean; opinion?: string; by?: string; at?: string; draftVersion: number }[] = [];
  rt.details.legality = reviews;
  for (;;) {
    rt.setStep('legality-submission');
    const windows = await activities('earliest meeting dates after legality review').legalityReviewWindows({ jurisdiction: input.jurisdiction, from: rt.now(), days: WINDOW_DAYS });
    const submission = await runDecisionTask(rt, rules, input, 'decision.legality-submission', {
      hooks: {
        validate: (a) => {
          const action = parseAction(DECISION_STEPS['decision.legality-submission'], a);
          if (action.action !== 'submit-for-legality-review') return;
          const { data } = action;
          const earliest = windows[shanghaiDateOf(new Date().toISOString())];
          if (!earliest) reject.conflict('this task has waited too long; ask an operator to refresh it');
          const violation = legalityLeadViolation(rules, earliest, data.plannedMeetingAt);
          if (violation) reject.badRequest('too little time for the legality review', [violation]);
        },
      },
    });
    if (!decidedByPerson(submission)) throw new Error(`legality submission ended by ${submission.action}`);
    if (submission.action === 'withdraw') return { lawful: false, withdrawn: submission.data.reason };
    const sent = submission.data;
    const sentAt = submission.at;
    const min = rules.legalityReviewMinimum;
    await rt.setDeadline({ id: 'legality-review', label: 'legality review by the justice bureau', rule: min.source, startAt: sentAt, limit: min.value });
    const review: (typeof reviews)[number] = { sentAt, plannedMeetingAt: sent.plannedMeetingAt, draftVersion: draft.version };
    reviews.push(review);
    rt.audit({ actorId: submission.actorId, action: 'sent-to-legality-review', rule: min.source, detail: `meeting planned ${sent.plannedMeetingAt}; countersigned by ${sent.countersignedBy.join(', ') || 'none'}` });

    rt.setStep('legality-review');
    const out = await runDecisionTask(rt, rules, input, 'decision.legality-review', { deadlineId: 'legality-review', timeoutRule: 'escalate' });
    if (!decidedByPerson(out)) throw new Error(`legality review ended by ${out.action}`);
    const result = out.data;
    Object.assign(review, { lawful: result.lawful, opinion: result.opinion, by: out.actorId, at: out.at });
    if (result.lawful) {
      return {
        lawful: true,
        plannedMeetingAt: sent.plannedMeetingAt,
        evidence: { kind: 'legality-review', at: out.at, by: out.actorId, reviewers: [input.justiceUnitId], conclusion: result.opinion, passed: true },
      };
    }
    rt.audit({ actorId: out.actorId, action: 'found-unlawful', rule: rules.legalityReview.source, detail: result.opinion });
    rt.setStep('revision');
    const revision = await runDecisionTask(rt, rules, input, 'decision.revision', { title: `合法性审查未通过，修改后重新送审: ${result.opinion}`, hooks: { validate: checkRevisedDraft(input, 'decision.revision') } });
    if (!decidedByPerson(revision)) throw new Error(`revision ended by ${revision.action}`);
    if (revision.action === 'withdraw') return { lawful: false, withdrawn: revision.data.reason };
    const revised = revision.data;
    replaceDraft(draft, revised);
    rt.audit({ actorId: revision.actorId, action: 'draft-revised', rule: rules.legalityReview.source, detail: `version ${draft.version}: ${revised.note}` });
  }
}
