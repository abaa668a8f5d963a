import type { PrerequisiteKind } from '../meetings/rules';

/**
 * A procedure the decision process has completed, carried into its agenda item as evidence
 * (dates, reviewers, conclusions) instead of references a unit types in (000:51, decree713:25).
 */
export interface DecisionEvidence {
  kind: PrerequisiteKind;
  /** When it concluded. */
  at: string;
  /** Who recorded it (the unit, the justice bureau, the market-regulation bureau). */
  by: string;
  /** Experts, reviewers or the reviewing body. */
  reviewers: string[];
  conclusion: string;
  /** Whether it clears the draft for the meeting: lawful, not high-risk, compliant. */
  passed: boolean;
}

/** The kinds still missing (or not passed) of those required: a non-empty answer keeps the item from the meeting (decree713:25). */
export function missingEvidence(required: readonly PrerequisiteKind[], evidence: readonly DecisionEvidence[]): PrerequisiteKind[] {
  return required.filter((kind) => !evidence.some((e) => e.kind === kind && e.passed));
}
