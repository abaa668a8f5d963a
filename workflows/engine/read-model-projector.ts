import { condition, log, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ProcessSnapshot } from '../../domain/read-model';

/**
 * A local activity: the write runs inside the workflow task that made the change — one marker
 * event in the history, no round trip through the server and no extra workflow task, which an
 * ordinary activity costs (six events, measured: a ticket's close-out 121 events with ordinary
 * activities). Retried until it succeeds (the database may be down); a newer snapshot simply
 * replaces an older one still waiting.
 */
const { projectReadModel } = proxyLocalActivities<Pick<Activities, 'projectReadModel'>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  summary: 'project into the read model',
});

/** What a snapshot says, whatever its version. */
const fingerprintOf = (snapshot: ProcessSnapshot) => JSON.stringify({ ...snapshot, version: 0 });

/**
 * Keeps the read model (db/read-model-repository.ts) in step with the process. A snapshot is
 * versioned only when what people see changed (its fingerprint), and at most one projection runs
 * at a time: a burst of changes writes the last snapshot, not each one.
 *
 * Versions are the workflow clock in microseconds (or one more than the last): they keep growing
 * even after an operator resets the workflow to an earlier point.
 */
export class ReadModelProjector {
  private fingerprint = '';
  private latest: ProcessSnapshot | undefined;
  private projected = 0;
  private running = false;
  /** The process's state now, for a projection to take at the end of its moment (see `watch`). */
  private current: (() => ProcessSnapshot) | undefined;
  version = 0;

  /** Records the snapshot (its version is set here); projects it when `project` and it changed. */
  offer(snapshot: ProcessSnapshot, project: boolean): void {
    const fingerprint = fingerprintOf(snapshot);
    if (fingerprint !== this.fingerprint) {
      this.fingerprint = fingerprint;
      this.version = Math.max(this.version + 1, Date.now() * 1000);
      // A copy: the tasks in the snapshot are the live ones, which change after this moment.
      this.latest = { ...(JSON.parse(fingerprint) as ProcessSnapshot), version: this.version };
    }
    if (project && !this.running && this.projected < this.version) void this.drain();
  }

  /**
   * Keeps offering `current` whenever it differs from what was last offered: at the end of
   * whatever moment changed it (an action, a timer, a signal), whether or not that code offered it
   * itself. For processes that keep their whole state in the read model, where any change of it
   * (a note, a moved deadline) must reach the GET, not only the changes the lists see.
   *
   * With `atRest`, a projection takes the state at the end of the moment that set it off, not the
   * one offered: code that sets the step and then, in the same moment, what the step is about
   * (an agenda item `scheduled`, then its meeting) otherwise had the step stored alone, and a GET
   * in between showed a state the process was never at rest in.
   */
  watch(current: () => ProcessSnapshot, atRest: boolean): void {
    if (atRest) this.current = current;
    void (async () => {
      for (;;) {
        await condition(() => fingerprintOf(current()) !== this.fingerprint);
        this.offer(current(), true);
      }
    })();
  }

  /** Resolves once the last snapshot is written (before a process ends). */
  async flushed(): Promise<void> {
    if (this.running) await condition(() => !this.running);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        if (this.current) {
          await endOfMoment();
          this.offer(this.current(), false);
        }
        if (!this.latest || this.projected >= this.latest.version) break;
        const snapshot = this.latest;
        await projectReadModel(snapshot);
        this.projected = snapshot.version;
      }
    } catch (err) {
      // Only a cancelled workflow gets here (retries never end); the next change projects again.
      log.warn('read model projection stopped', { error: String(err) });
    } finally {
      this.running = false;
    }
  }
}

/**
 * Resolves once the code running now, and every continuation it set off, has run. The SDK
 * evaluates a condition once when it is made and again only after the workflow's microtasks have
 * settled: this one is false the first time and true the next.
 */
function endOfMoment(): Promise<void> {
  let asked = false;
  return condition(() => {
    const settled = asked;
    asked = true;
    return settled;
  });
}
