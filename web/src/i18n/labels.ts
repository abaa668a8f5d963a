/**
 * Chinese (or English) names for what the API identifies by code. The served labels come first
 * (stepLabel / label / labelEn from the one declaration of every action); the tables here only
 * cover what the API does not label yet.
 */
import type { Action, Task } from '../api/types';
import type { I18n } from './i18n';
import { ENGINE_ACTIONS, PROCESS_TYPES, RELATIONS, STATUSES, STEP_FALLBACK } from './messages';

const pair = (table: Record<string, [string, string]>, key: string, i18n: I18n) => {
  const found = table[key];
  return found ? i18n.pick(found[0], found[1]) : key;
};

export const typeLabel = (type: string | undefined, i18n: I18n) => pair(PROCESS_TYPES, type ?? '', i18n);
export const statusLabel = (status: string, i18n: I18n) => pair(STATUSES, status, i18n);
export const relationLabel = (relation: string, i18n: I18n) => pair(RELATIONS, relation, i18n);

export function stepLabel(task: Pick<Task, 'step' | 'stepLabel' | 'stepLabelEn'>, i18n: I18n): string {
  if (task.stepLabel) return i18n.pick(task.stepLabel, task.stepLabelEn);
  return pair(STEP_FALLBACK, task.step, i18n);
}

/** A process's current step (`state.step` is the step's short name, e.g. 'execution'). */
export function processStepLabel(type: string, step: string, tasks: Task[], i18n: I18n, status = 'running'): string {
  if (status !== 'running') return statusLabel(status, i18n);
  const open = tasks.filter((t) => t.status === 'open' || t.status === 'paused');
  if (open.length > 0) return [...new Set(open.map((t) => stepLabel(t, i18n)))].join('、');
  const prefix = { supervisionTicket: 'ticket', officialDocument: 'document' }[type];
  return prefix && STEP_FALLBACK[`${prefix}.${step}`] ? pair(STEP_FALLBACK, `${prefix}.${step}`, i18n) : step;
}

export function actionLabel(action: Pick<Action, 'name' | 'label' | 'labelEn'>, i18n: I18n): string {
  if (action.label) return i18n.pick(action.label, action.labelEn);
  return pair(ENGINE_ACTIONS, action.name, i18n);
}

/** The label of an outcome's action, from the task's own declaration where it has one. */
export function outcomeLabel(task: Task, actionName: string, i18n: I18n): string {
  const declared = task.actions.find((a) => a.name === actionName);
  return declared ? actionLabel(declared, i18n) : pair(ENGINE_ACTIONS, actionName, i18n);
}
