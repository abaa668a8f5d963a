import type { DecisionRules } from '../../domain/decisions/rules';
import { actionViews, DECISION_STEPS, type DecisionStep } from '../../domain/decisions/steps';
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

/** Opens a decision step's task from its declaration: holders, actions, schemas and the rulebook's citation. */
export function openDecisionTask(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, step: DecisionStep, options: DecisionTaskOptions = {}): Promise<TaskRecord> {
  const decl = DECISION_STEPS[step];
  const rule = decl.rule(rules);
  return rt.openTask(
    {
      step: decl.id,
      declaration: decl,
      title: options.title ?? `${decl.label}: ${input.title}`,
      assignees: decisionAssignees(decl.by, input),
      actions: actionViews(step),
      deadlineId: options.deadlineId,
      timeoutRule: options.timeoutRule ?? 'none',
      rule: rule?.source ?? 'decree713:3',
    },
    { ...options.hooks },
  );
}

export async function runDecisionTask(rt: ProcessRuntime, rules: DecisionRules, input: MajorDecisionInput, step: DecisionStep, options: DecisionTaskOptions = {}): Promise<TaskOutcome> {
  return rt.awaitTask(await openDecisionTask(rt, rules, input, step, options));
}
