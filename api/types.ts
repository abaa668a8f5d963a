import type { Logger } from 'pino';
import type { User } from '../domain/directory';

// What govflow's middleware adds to every express request.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** From `X-Request-Id` when the caller sent a sane one, else a fresh UUID; echoed back. */
      id: string;
      /** The app's logger bound to this request id. */
      log: Logger;
      /** The directory user behind the bearer token, set by `authenticate`. */
      user?: User;
    }
  }
}

export {};
