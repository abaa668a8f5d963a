import { ActivityFailure, ApplicationFailure, condition, log, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { printable } from '../../domain/text';
import { retryActivitiesSignal } from '../messages';
import { SA } from '../search-attributes';
import { onActivityFailure, type ActivityFailureHandler, type FailedCall } from './activities-proxy';
import type { AuditInput } from './audit-trail';

/** A failure as operators see it in `details.activityFailures` and `details.stuck`. */
export interface ActivityFailureRecord {
  activity: string;
  summary?: string;
  error: string;
  at: string;
  /** False for an input error: trying again cannot help until someone changes the data. */
  retryable: boolean;
  outcome: 'skipped' | 'stuck' | 'recovered';
}

/** A stuck call whose error may pass (a database outage) is tried again this often, besides on the operator's signal. */
const AUTO_RETRY = '1 hour';

interface Runtime {
  readonly details: Record<string, unknown>;
  audit(input: AuditInput): void;
  now(): string;
}

/**
 * What a process does when an activity fails for good: it records the failure in its state and
 * audit trail, sets the GovStuck search attribute and logs it, so operators find it (`GovStuck =
 * true`) — and goes on where it can: a notification that cannot be written is skipped, a call
 * the flow needs waits for the operator's `retryActivities` signal (or an hour, for an error
 * that may pass). Nothing here issues a command unless an activity fails.
 */
export class ActivityTrouble implements ActivityFailureHandler {
  private readonly failures: ActivityFailureRecord[] = [];
  private stuck: ActivityFailureRecord | null = null;
  private retryRequests = 0;
  private flagged = false;

  constructor(private readonly rt: Runtime) {}

  install(): void {
    onActivityFailure(this);
    setHandler(retryActivitiesSignal, ({ reason }) => {
      this.retryRequests++;
      this.rt.audit({ actorId: 'operator', action: 'activities-retried', detail: reason });
    });
  }

  skipped(call: FailedCall, failure: ActivityFailure): void {
    const record = this.record(call, failure, 'skipped');
    this.rt.audit({ actorId: 'system', action: 'activity-skipped', detail: `${describe(call)}: ${record.error}` });
    log.error('activity failed; the process goes on without it', { ...record, workflowId: workflowInfo().workflowId });
    this.sync();
  }

  async blocked(call: FailedCall, failure: ActivityFailure): Promise<void> {
    const record = this.record(call, failure, 'stuck');
    this.stuck = record;
    this.rt.audit({ actorId: 'system', action: 'activity-stuck', detail: `${describe(call)}: ${record.error}` });
    log.error('activity failed; the process waits for an operator (signal retryActivities)', { ...record, workflowId: workflowInfo().workflowId });
    this.sync();
    const seen = this.retryRequests;
    if (record.retryable) await condition(() => this.retryRequests !== seen, AUTO_RETRY);
    else await condition(() => this.retryRequests !== seen);
  }

  recovered(call: FailedCall): void {
    if (this.stuck) this.stuck.outcome = 'recovered';
    this.stuck = null;
    this.rt.audit({ actorId: 'system', action: 'activity-recovered', detail: describe(call) });
    this.sync();
  }

  private record(call: FailedCall, failure: ActivityFailure, outcome: ActivityFailureRecord['outcome']): ActivityFailureRecord {
    const cause = failure.cause;
    const record: ActivityFailureRecord = {
      activity: call.activity,
      summary: call.summary,
      error: printable((cause?.message ?? failure.message).slice(0, 500)),
      at: this.rt.now(),
      retryable: !(cause instanceof ApplicationFailure && cause.nonRetryable),
      outcome,
    };
    this.failures.push(record);
    return record;
  }

  /** Mirrors the failures into the state and GovStuck; the attribute is only written when it changes. */
  private sync(): void {
    this.rt.details.activityFailures = this.failures;
    this.rt.details.stuck = this.stuck;
    const flagged = this.stuck !== null || this.failures.some((f) => f.outcome === 'skipped');
    if (flagged !== this.flagged) {
      this.flagged = flagged;
      upsertSearchAttributes([{ key: SA.stuck, value: flagged }]);
    }
  }
}

function describe(call: FailedCall): string {
  return call.summary ? `${call.activity} (${call.summary})` : call.activity;
}
