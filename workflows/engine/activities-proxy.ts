import { ActivityFailure, proxyActivities, type ActivityInterfaceFor, type RetryPolicy } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { INPUT_ERROR } from '../../activities/input-error';

/**
 * Bounded retries: about half an hour of backoff rides out a database restart; an input error
 * (text PostgreSQL cannot store) is not retried at all — the same input fails the same way.
 */
const RETRY: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 40,
  nonRetryableErrorTypes: [INPUT_ERROR],
};

/** Calls the flow can go on without: a notification not written, a trail not archived, is recorded instead. */
const SKIPPABLE: ReadonlySet<string> = new Set<keyof Activities>(['notify', 'archiveAudit']);

export interface FailedCall {
  activity: string;
  summary?: string;
}

/** What the process does when an activity fails for good (ProcessRuntime records, flags and logs it). */
export interface ActivityFailureHandler {
  /** A skippable call failed: record it; the flow continues without it. */
  skipped(call: FailedCall, failure: ActivityFailure): void;
  /** A call the flow needs failed: flag the process as stuck; resolves when it should be tried again. */
  blocked(call: FailedCall, failure: ActivityFailure): Promise<void>;
  /** A call that was blocked went through on a later try. */
  recovered(call: FailedCall): void;
}

// One per workflow execution: module state in workflow code is isolated per run.
let handler: ActivityFailureHandler | undefined;

export function onActivityFailure(h: ActivityFailureHandler): void {
  handler = h;
}

/**
 * The activities, each call guarded: once its retries are spent (or at once for an input
 * error) a skippable call is recorded and skipped, any other flags the process as stuck for
 * operators and waits to be tried again — never an endless silent retry. `summary` labels the
 * call in the Temporal UI. Nothing is added to the commands of a call that succeeds.
 */
export function activities(summary?: string): ActivityInterfaceFor<Activities> {
  const proxy = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY, summary });
  return new Proxy(proxy, {
    get(target, name) {
      const call = target[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>;
      const activity = String(name);
      return async (...args: unknown[]) => {
        let blocked = false;
        for (;;) {
          try {
            const result = await call(...args);
            if (blocked) handler?.recovered({ activity, summary });
            return result;
          } catch (err) {
            if (!(err instanceof ActivityFailure) || !handler) throw err;
            if (SKIPPABLE.has(activity)) {
              handler.skipped({ activity, summary }, err);
              return undefined;
            }
            blocked = true;
            await handler.blocked({ activity, summary }, err);
          }
        }
      };
    },
  });
}
