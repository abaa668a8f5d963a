import type { AssigneeSelector } from '../domain/directory';

/** Who does what around a standing meeting, as task selectors. */
export const CHIEF: AssigneeSelector[] = [{ kind: 'role', role: 'chief' }];
export const OFFICE_DIRECTOR: AssigneeSelector[] = [{ kind: 'role', role: 'office-director' }];
/** The office's meeting secretary (会务): calls the roll, records the outcomes, drafts the minutes. */
export const SECRETARY: AssigneeSelector[] = [{ kind: 'role', role: 'office-staff' }];
export const OFFICE: AssigneeSelector[] = [...SECRETARY, { kind: 'role', role: 'office-deputy-director' }];
