import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { processId } from '../../workflows/ids';
import { act, isTimeout, stateOf } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The test helpers' calls to a workflow end by themselves: a process no worker serves (here: its
 * task queue has none) fails the query and the action with a deadline error, instead of hanging
 * until the test's own timeout with no word of where it stood (seen once in CI, 003:54).
 */
let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
}, 60_000);
afterAll(async () => h?.teardown());

it('a query and an action on a process no worker serves fail with a deadline error', { timeout: 60_000 }, async () => {
  const handle = await h.env.client.workflow.start('supervisionTicket', { taskQueue: 'no-worker-here', workflowId: processId('supervisionTicket', 'chaoyang-shuangta-2022', randomUUID()), args: [{}] });
  try {
    const query = await stateOf(handle, 2_000).catch((e: unknown) => e);
    expect(query).toBeInstanceOf(ServiceError);
    expect(isTimeout(query)).toBe(true);
    const action = await act(handle, { taskId: 't1', action: 'acknowledge', actor: { userId: 'u', roles: [] } }, 2_000).catch((e: unknown) => e);
    expect(action).toBeInstanceOf(WorkflowUpdateRPCTimeoutOrCancelledError);
  } finally {
    await handle.terminate('test done');
  }
});
