/**
 * The one place workflow IDs are made. A start with the same client key gets the same ID, so a
 * retried create finds the process it already started instead of starting a second one.
 */
export const PROCESS_TYPES = {
  supervisionTicket: 'ticket',
  officialDocument: 'document',
  incomingRequest: 'request',
  agendaItem: 'agenda',
  standingMeeting: 'meeting',
  majorDecision: 'decision',
  decisionCatalogue: 'catalogue',
  leaveApproval: 'leave',
} as const;
export type ProcessType = keyof typeof PROCESS_TYPES;

export function processId(type: ProcessType, jurisdiction: string, key: string): string {
  return `${PROCESS_TYPES[type]}.${jurisdiction}.${key}`;
}
