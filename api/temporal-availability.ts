import { Connection, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError, type ConnectionLike } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/** 503: Temporal (or the worker serving a process) does not answer now; `Retry-After` says when to try again. */
export class ServiceUnavailable extends HttpError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(503, 'service-unavailable', 'Service Unavailable', detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/**
 * A connection to the Temporal frontend that comes back quickly after an outage: gRPC's default
 * reconnect backoff grows to two minutes, so readiness used to return ~30 s after Temporal did.
 * Lazy, so the API comes up (and /readyz says why it is not ready) while Temporal is starting.
 */
export function temporalConnection(address: string): Connection {
  return Connection.lazy({
    address,
    channelArgs: {
      'grpc.initial_reconnect_backoff_ms': 250,
      'grpc.min_reconnect_backoff_ms': 250,
      'grpc.max_reconnect_backoff_ms': 1_000,
    },
  });
}

/** True for the errors of a Temporal that does not answer (down, unreachable, or past the deadline). */
export function isTemporalUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if ((e instanceof ServiceError || typeof code === 'number') && (code === status.UNAVAILABLE || code === status.DEADLINE_EXCEEDED)) return true;
  }
  return false;
}

export interface TemporalAvailabilityOptions {
  /** How often the frontend is asked whether it answers. */
  probeEveryMs?: number;
  /** How long a probe may take; on a busy machine a healthy frontend can take a second. */
  probeDeadlineMs?: number;
  /** Failed probes in a row before Temporal counts as down: one slow answer is not an outage. */
  failuresToDown?: number;
  /** Deadline of every Temporal call a request makes while Temporal answers (an action runs activities). */
  requestDeadlineMs?: number;
  /** Deadline while the last probes failed: the request fails over to a 503 at once instead of hanging. */
  downDeadlineMs?: number;
  /** What a 503 tells clients to wait. */
  retryAfterSeconds?: number;
}

/**
 * Watches the Temporal frontend (a cheap GetSystemInfo with a short deadline, every second; down
 * after two failures in a row, up again after one answer) and
 * gives every request a deadline on its Temporal calls: generous while Temporal answers, tiny
 * while it does not, so an outage is a prompt 503 with Retry-After rather than a 20-second hang
 * and a 500. Routes that do not touch Temporal go on serving.
 *
 * @example
 * const availability = watchTemporal(client.connection);
 * app.use(availability.deadlines); // before the routes
 * // … on shutdown
 * availability.stop();
 */
export function watchTemporal(connection: ConnectionLike, options: TemporalAvailabilityOptions = {}) {
  const probeEveryMs = options.probeEveryMs ?? 1_000;
  const requestDeadlineMs = options.requestDeadlineMs ?? 10_000;
  const probeDeadlineMs = options.probeDeadlineMs ?? 2_000;
  const failuresToDown = options.failuresToDown ?? 2;
  const downDeadlineMs = options.downDeadlineMs ?? 1_000;
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  // Optimistic until a probe says otherwise: a request at boot waits for its own deadline.
  let available = true;
  let failures = 0;
  let lastError = '';
  let probing: Promise<void> | undefined;

  function probe(): Promise<void> {
    probing ??= connection
      .withDeadline(Date.now() + probeDeadlineMs, () => connection.workflowService.getSystemInfo({}))
      .then(
        () => {
          failures = 0;
          available = true;
        },
        (err: Error) => {
          failures++;
          if (failures >= failuresToDown) available = false;
          lastError = err.message;
        },
      )
      .finally(() => (probing = undefined));
    return probing;
  }
  const timer = setInterval(() => void probe(), probeEveryMs);
  timer.unref();
  void probe();

  const deadlines: RequestHandler = (_req, res, next) =>
    connection.withDeadline(
      Date.now() + (available ? requestDeadlineMs : downDeadlineMs),
      () =>
        new Promise<void>((resolve) => {
          res.once('close', () => resolve());
          next();
        }),
    );

  return {
    get available() {
      return available;
    },
    /** Middleware: every Temporal call made while handling the request has the deadline. */
    deadlines,
    /** A readiness check (its name labels it in /readyz). */
    temporal: async function temporal() {
      if (!available) throw new Error(`Temporal does not answer: ${lastError}`);
    },
    /** The 503 to answer for an error of an unavailable Temporal. */
    unavailable: () => new ServiceUnavailable('the workflow service does not answer right now; retry after Retry-After seconds (with the same Idempotency-Key an action already applied is not applied twice)', retryAfterSeconds),
    /** Stops probing; resolves once the probe in flight is over, so the connection may then be closed. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await probing;
    },
  };
}

export type TemporalAvailability = ReturnType<typeof watchTemporal>;
