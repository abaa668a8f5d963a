import type { Logger } from 'pino';
import { absencesStartedBetween } from '../../db/directory-repository';
import type { Database } from '../../db/database';
import type { Absence } from '../../domain/directory';
import { everyInterval, type Sweeper } from './every-interval';

/** On start, absences that began this long before are looked at too (the API may have been down). */
const LOOK_BACK_ON_START_MS = 24 * 3_600_000;

/**
 * An absence recorded ahead of time (a trip next week) moves nobody's tasks when it is recorded:
 * the person is still there. When it begins, the tasks they hold must go to their stand-in (000:7,
 * 003:9) — not only when something next happens to each process. Every `intervalMs` the API looks
 * for absences that began since its last look and has the processes holding their tasks re-resolve
 * them (`onAbsenceStarted`, the same signal as a newly recorded absence; re-resolving is idempotent,
 * so looking at one twice is harmless).
 */
export function watchAbsenceStarts(options: { db: Database; intervalMs: number; log: Logger; onAbsenceStarted: (absence: Absence) => Promise<unknown> }): Sweeper {
  let since = new Date(Date.now() - LOOK_BACK_ON_START_MS).toISOString();
  return everyInterval(options.intervalMs, async () => {
    const until = new Date().toISOString();
    try {
      const started = await absencesStartedBetween(options.db, since, until);
      for (const absence of started) await options.onAbsenceStarted(absence);
      since = until;
      if (started.length) options.log.info({ absences: started.map((a) => a.id) }, 'absences began: their holders’ tasks re-resolved');
    } catch (err) {
      // Temporal or the database down: the next sweep looks again from the same point.
      options.log.warn({ err: (err as Error).message }, 'sweep of absences that began failed');
    }
  });
}
