import { draftLengthViolation, draftLengthViolationOfCount } from '../../domain/decisions/draft';
import type { DecisionRules } from '../../domain/decisions/rules';
import { rulebookFor } from '../../domain/rulebooks';
import type { TaskActionInput } from '../messages';
import { reject } from '../engine/failures';
import { DECISION_STEPS, type DecisionStep } from '../../domain/decisions/steps';
import { isRuleOutcome, parseAction, parseOutcome, stepTask, type RuleOutcome, type StepOutcome } from '../../domain/steps';
import type { ProcessRuntime } from '../engine/process-runtime';
import type { TaskHooks, TaskRecord } from '../engine/task-record';
import type { TaskOutcome, TimeoutRule } from '../engine/types';
import { decisionAssignees } from './assignees';
import type { MajorDecisionInput } from './input';

export interface DecisionTaskOptions {
  title?: string;
  deadlineId?: string;
  timeoutRule?: TimeoutRule;
  hooks?: TaskHooks;
}

/** A decision step's outcome, its data typed by the step's declaration (domain/steps.ts). */
export type DecisionOutcome<S extends DecisionStep> = StepOutcome<TaskOutcome, (typeof DECISION_STEPS)[S]>;
/** The same, decided by a person: one of the step's own actions. */
export type DecidedOutcome<S extends DecisionStep> = Exclude<DecisionOutcome<S>, { action: RuleOutcome }>;

/** Opens a decision step's task from its declaration: holders, actions, schemas and the rulebook's citation. */
export function openDecisionTask(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, step: DecisionStep, options: DecisionTaskOptions = {}): Promise<TaskRecord> {
  const decl = DECISION_STEPS[step];
  const rule = decl.rule(rules);
  return rt.openTask(
    {
      ...stepTask(decl),
      title: options.title ?? `${decl.label}: ${input.title}`,
      assignees: decisionAssignees(decl.by, input),
      deadlineId: options.deadlineId,
      timeoutRule: options.timeoutRule ?? 'none',
      rule: rule?.source ?? 'decree713:3',
    },
    { ...options.hooks },
  );
}

/** Types a decision task's outcome by its step's declaration. */
export function decisionOutcome<S extends DecisionStep>(step: S, outcome: TaskOutcome): DecisionOutcome<S> {
  return parseOutcome(DECISION_STEPS[step], outcome);
}

export async function runDecisionTask<S extends DecisionStep>(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, step: S, options: DecisionTaskOptions = {}): Promise<DecisionOutcome<S>> {
  return decisionOutcome(step, await rt.awaitTask(await openDecisionTask(rt, rules, input, step, options)));
}

/** The steps whose action replaces the draft (revise-draft, declared with its stored text). */
export type DraftRevisionStep = 'decision.adjustment' | 'decision.revision';

/** A replaced draft keeps the length cap of the document it is published as (000:68, 002:57), like the first one. */
export function checkRevisedDraft(input: MajorDecisionInput, step: DraftRevisionStep): (action: TaskActionInput) => void {
  return (action) => {
    if (action.action !== 'revise-draft') return;
    const { data } = parseAction(DECISION_STEPS[step], action);
    const documents = rulebookFor(input.jurisdiction).documents;
    // A stored draft is checked by its count (issue 11), a draft sent as text by its text.
    const tooLong = data.draftRef ? draftLengthViolationOfCount(documents, data.draftRef.chars) : draftLengthViolation(documents, data.draft);
    if (tooLong) reject.badRequest('draft too long', [{ field: 'data.draft', reason: tooLong }]);
  };
}

/** Whether a person decided the task (rather than the engine cancelling it, e.g. on suspension). */
export function decidedByPerson<S extends DecisionStep>(outcome: DecisionOutcome<S>): outcome is DecidedOutcome<S> {
  return !isRuleOutcome(outcome.action);
}
