/** Every workflow the worker runs; the bundler starts here. */
export { supervisionTicket } from './supervision-ticket';
export { incomingRequest } from './incoming-request';
