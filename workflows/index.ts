/** Every workflow the worker runs; the bundler starts here. */
export { supervisionTicket } from './supervision-ticket';
export { officialDocument } from './official-document';
export { incomingRequest } from './incoming-request';
export { standingMeeting } from './standing-meeting';
export { agendaItem } from './agenda-item';
export { majorDecision } from './major-decision/major-decision';
export { decisionCatalogue } from './decision-catalogue/decision-catalogue';
export { leaveApproval } from './leave-approval';
