import type { StepDeclaration } from './steps';
import { DECISION_STEP_DECLARATIONS } from './decisions/steps';
import { DOCUMENT_STEPS } from './documents/steps';
import { AGENDA_ITEM_STEPS } from './meetings/item-steps';
import { MEETING_STEPS } from './meetings/meeting-steps';
import { REQUEST_STEPS } from './requests/steps';
import { TICKET_STEPS } from './supervision/steps';
import { LEAVE_STEPS } from './leave/leave-approval';

/** Every declared step of every process, by the id a task carries: what the API serves with each task. */
export const DECLARED_STEPS: readonly StepDeclaration[] = [...TICKET_STEPS, ...DOCUMENT_STEPS, ...REQUEST_STEPS, ...AGENDA_ITEM_STEPS, ...MEETING_STEPS, ...DECISION_STEP_DECLARATIONS, ...LEAVE_STEPS];

const byId = new Map(DECLARED_STEPS.map((step) => [step.id, step]));

export function findStep(id: string): StepDeclaration | undefined {
  return byId.get(id);
}
