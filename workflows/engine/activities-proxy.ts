import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * Activities are retried until they succeed (a database outage pauses a process, never loses a
 * step); operators see the pending attempt in the Temporal UI. `summary` labels it there.
 */
export function activities(summary?: string) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
    summary,
  });
}
