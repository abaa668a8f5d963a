import { z } from 'zod';
import { refFieldOf, textRefSchema, type TextRef } from './documents/text-ref';

/**
 * One declaration of every step a person acts on: its actions with their Chinese and English
 * labels, whether they end the task, their input schema and who may take them. Validation, the
 * action list a task carries, the workflow's typed outcomes, the OpenAPI and the JSON Schema
 * served with each task all derive from it, so a new action is one edit here.
 */

/** Who may take an action: the task's holders, or the office controlling its clock. */
export type ActionHolder = 'assignee' | 'controller';

export interface ActionDeclaration<S extends z.ZodType = z.ZodType> {
  /** What a person reads (zh-CN). */
  label: string;
  labelEn: string;
  /** A final action decides the task; others (a progress report) are recorded and it stays open. */
  final: boolean;
  by: ActionHolder;
  /** The action's `data`: a strict object, every string bounded. */
  schema: S;
  /**
   * A field of `schema` holding a document text the API keeps in the database (issue 11): the
   * workflow then receives `<field>Ref` ({ sha256, chars }) in its place. Clients and forms see
   * the field as declared.
   */
  storedText?: string;
}

export interface StepDeclaration<A extends Record<string, ActionDeclaration> = Record<string, ActionDeclaration>> {
  /** The task's `step`, e.g. 'ticket.execution'. */
  id: string;
  label: string;
  labelEn: string;
  actions: A;
}

export type ActionName<S extends StepDeclaration> = Extract<keyof S['actions'], string>;
/**
 * The data of an action declaring a stored text `F` as the workflow may receive it: the text
 * itself (processes before issue 11, child processes), or — sent by the API — its reference in
 * `<F>Ref` instead (acceptedSchema below validates either).
 */
export type WithStoredText<D, F extends string> = F extends keyof D
  ? (Omit<D, F> & { [K in F]: D[F] } & { [K in `${F}Ref`]?: undefined }) | (Omit<D, F> & { [K in F]?: undefined } & { [K in `${F}Ref`]: TextRef })
  : D;

export type ActionData<S extends StepDeclaration, N extends ActionName<S>> = S['actions'][N] extends { storedText: infer F extends string }
  ? WithStoredText<z.output<S['actions'][N]['schema']>, F>
  : z.output<S['actions'][N]['schema']>;

/** An action as the workflow receives it: the name picks the type of its data. */
export type TypedAction<S extends StepDeclaration, N extends ActionName<S> = ActionName<S>> = N extends ActionName<S>
  ? { action: N; data: ActionData<S, N> }
  : never;

/** What the engine decides without a person: countersign silence, return on timeout, a cancelled task. */
export const RULE_OUTCOMES = ['deemed-consent', 'returned', 'cancelled'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

/** Whether the engine decided the task (countersign silence, a return on timeout, a cancellation) rather than a person. */
export function isRuleOutcome(action: string): action is RuleOutcome {
  return RULE_OUTCOMES.some((outcome) => outcome === action);
}

/** A task's outcome with its data typed by the step's declaration. */
export type StepOutcome<O, S extends StepDeclaration, N extends ActionName<S> = ActionName<S>> = Omit<O, 'action' | 'data'> &
  (TypedAction<S, N> | { action: RuleOutcome; data?: undefined });

/** The action list a task shows, as the engine keeps it in the task's view. */
export interface DeclaredActionView {
  name: string;
  label: string;
  labelEn: string;
  final: boolean;
}

/**
 * Declares a step. `const` keeps the action names literal, so outcomes narrow by name.
 *
 * @example
 * export const TICKET_VERIFICATION = defineStep({
 *   id: 'ticket.verification', label: '核查销号', labelEn: 'Verification',
 *   actions: { close: { label: '核查销号', labelEn: 'Verify and close out', final: true, by: 'assignee', schema: z.strictObject({}) } },
 * });
 */
export function defineStep<const A extends Record<string, ActionDeclaration>>(step: StepDeclaration<A>): StepDeclaration<A> {
  return step;
}

/** The actions a task of this step offers: all declared, or only those named (in that order). */
export function actionsOf<S extends StepDeclaration>(step: S, only?: readonly ActionName<S>[]): DeclaredActionView[] {
  const names = only ?? (Object.keys(step.actions) as ActionName<S>[]);
  return names.map((name) => {
    const { label, labelEn, final } = step.actions[name];
    return { name, label, labelEn, final };
  });
}

/** What a task spec takes from its step: the step id, its declaration (for validation) and its action list. */
export function stepTask<S extends StepDeclaration>(step: S, only?: readonly ActionName<S>[]): { step: string; declaration: S; actions: DeclaredActionView[] } {
  return { step: step.id, declaration: step, actions: actionsOf(step, only) };
}

/**
 * The schema an action's data is checked against in the workflow: the declared one, or — when the
 * stored text arrives as its reference — the same with `<field>Ref` in place of the field.
 */
export function acceptedSchema(declared: ActionDeclaration, data: Record<string, unknown> | undefined): z.ZodType {
  const field = declared.storedText;
  if (!field || data?.[refFieldOf(field)] === undefined || !(declared.schema instanceof z.ZodObject)) return declared.schema;
  return declared.schema.omit({ [field]: true } as never).extend({ [refFieldOf(field)]: textRefSchema });
}

function typedData<S extends StepDeclaration>(step: S, action: string, data: Record<string, unknown> | undefined): unknown {
  const declared = step.actions[action];
  if (!declared) throw new Error(`step ${step.id} declares no action ${action}`);
  const parsed = acceptedSchema(declared, data).safeParse(data ?? {});
  // The engine accepted this data against the declaration when it arrived; a history recorded
  // under an earlier, looser declaration is replayed with the data as it was accepted then.
  return parsed.success ? parsed.data : (data ?? {});
}

/**
 * Types a decided task's outcome by its step's declaration.
 *
 * @throws {Error} when the outcome names an action the step does not declare (a programming error).
 * @example
 * const verdict = parseOutcome(TICKET_VERIFICATION, await rt.runTask(spec));
 * if (verdict.action === 'return-for-rework') rework(verdict.data.reason);
 */
export function parseOutcome<O extends { action: string; data?: Record<string, unknown> }, S extends StepDeclaration, N extends ActionName<S> = ActionName<S>>(
  step: S,
  outcome: O,
  _only?: readonly N[],
): StepOutcome<O, S, N> {
  if (isRuleOutcome(outcome.action)) return outcome as unknown as StepOutcome<O, S, N>;
  return { ...outcome, data: typedData(step, outcome.action, outcome.data) } as StepOutcome<O, S, N>;
}

/**
 * Types an action a task's hook receives (validated already against the declaration).
 *
 * @throws {Error} when the action is not one the step declares.
 */
export function parseAction<S extends StepDeclaration>(step: S, input: { action: string; data?: Record<string, unknown> }): TypedAction<S> {
  return { action: input.action, data: typedData(step, input.action, input.data) } as TypedAction<S>;
}
