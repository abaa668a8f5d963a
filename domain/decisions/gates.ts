import { computeDue } from '../calendar/working-days';
import type { HolidayTable } from '../calendar/holiday-table';
import { describeLimit } from '../limit';
import type { DecisionRules } from './rules';

/** A refusal names the field, the reason and the article, like every other field error. */
export interface GateViolation {
  field: string;
  reason: string;
}

const DAY_MS = 86_400_000;

/**
 * decree713:15: a comment period of at least 30 days; a shorter one only with a stated reason,
 * which is then shown with the consultation.
 */
export function commentPeriodViolation(rules: DecisionRules, periodDays: number, shortPeriodReason?: string): GateViolation | undefined {
  const min = rules.commentMinimum;
  if (periodDays >= min.value.n || shortPeriodReason?.trim()) return undefined;
  return { field: 'data.shortPeriodReason', reason: `a comment period under ${describeLimit(min.value)} needs a stated reason (${min.source}); ${periodDays} days given` };
}

/** decree713:16: hearing materials reach the participants at least 7 days before the hearing. */
export function hearingMaterialsViolation(rules: DecisionRules, hearingAt: string, materialsSentAt: string): GateViolation | undefined {
  const lead = rules.hearingMaterialsLeadTime;
  if (Date.parse(hearingAt) - Date.parse(materialsSentAt) >= lead.value.n * DAY_MS) return undefined;
  return { field: 'data.materialsSentAt', reason: `materials reach the participants at least ${describeLimit(lead.value)} before the hearing (${lead.source})` };
}

/**
 * The earliest a meeting may discuss a draft sent to legality review at `submittedAt`: the
 * reviewer is given at least 7 working days (decree713:26), counted like every limit (the day of
 * sending not counted, ending 24:00 of the 7th working day).
 */
export function earliestMeetingAfterReview(rules: DecisionRules, submittedAt: string, table: HolidayTable): string {
  return computeDue(submittedAt, rules.legalityReviewMinimum.value, table).dueAt;
}

/** decree713:26: a draft is not sent to review with less than 7 working days before its meeting. */
export function legalityLeadViolation(rules: DecisionRules, earliestMeetingAt: string, plannedMeetingAt: string): GateViolation | undefined {
  if (Date.parse(plannedMeetingAt) >= Date.parse(earliestMeetingAt)) return undefined;
  const min = rules.legalityReviewMinimum;
  return {
    field: 'data.plannedMeetingAt',
    reason: `the justice bureau is given at least ${describeLimit(min.value)} (${min.source}): sent now, the meeting can be no earlier than ${earliestMeetingAt}`,
  };
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** decree713:22–24: a high risk sends the draft back to the unit for adjustment. */
export function needsAdjustment(level: RiskLevel): boolean {
  return level === 'high';
}

/** A comment summary: every theme answered, a non-adopted one with its reason (000:22, decree713:15). */
export interface SummaryTheme {
  theme: string;
  commentCount: number;
  response: 'adopted' | 'partly-adopted' | 'not-adopted';
  explanation?: string;
}

export function summaryViolations(themes: readonly SummaryTheme[], commentsReceived: number): GateViolation[] {
  const errors: GateViolation[] = [];
  if (commentsReceived > 0 && themes.length === 0) errors.push({ field: 'data.themes', reason: `${commentsReceived} comments received: summarise them by theme with a response to each` });
  themes.forEach((t, i) => {
    if (t.response !== 'adopted' && !t.explanation?.trim()) errors.push({ field: `data.themes.${i}.explanation`, reason: 'say why it is not (fully) adopted' });
  });
  const counted = themes.reduce((n, t) => n + t.commentCount, 0);
  if (counted > commentsReceived) errors.push({ field: 'data.themes', reason: `the themes count ${counted} comments; ${commentsReceived} were received` });
  return errors;
}
