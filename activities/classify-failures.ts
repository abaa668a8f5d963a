import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import { INPUT_ERROR } from './input-error';

/**
 * SQLSTATE class 22, data exception: NUL in text (22021), a lone surrogate in JSON (22P05),
 * unparsable input (22P02), a value out of range … The database refuses the values themselves.
 */
function isInputError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function currentActivity(): { workflowId?: string; attempt?: number } {
  try {
    const { workflowExecution, attempt } = Context.current().info;
    return { workflowId: workflowExecution?.workflowId, attempt };
  } catch {
    return {}; // called outside a worker (a test calling the function directly)
  }
}

type ActivityFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Wraps every activity: an input error becomes a non-retryable `InvalidInput` failure, and each
 * failure is logged with the workflow it belongs to, so operators see a failing activity in the
 * logs as well as in the Temporal UI.
 */
export function classifyFailures<T extends ActivityFunctions>(activities: T, log: Logger): T {
  const wrapped = Object.entries(activities).map(([name, fn]) => [
    name,
    async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        const input = isInputError(err);
        const given = err instanceof ApplicationFailure && err.nonRetryable;
        log[input || given ? 'error' : 'warn'](
          { activity: name, ...currentActivity(), err },
          input || given ? `activity ${name} failed on its input: not retried` : `activity ${name} failed: it will be retried`,
        );
        if (input) throw ApplicationFailure.create({ type: INPUT_ERROR, message: `${name}: ${(err as Error).message}`, nonRetryable: true, cause: err as Error });
        throw err;
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
