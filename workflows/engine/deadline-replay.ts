import type { Limit } from '../../domain/limit';
import type { Deadline, DeadlineChange } from './types';

export interface ReplayedDue {
  dueAt: string;
  provisional: boolean;
}

/** The two calendar calculations, done in activities by the caller (calendars change, replays must not). */
export interface DueCalculator {
  compute(startAt: string, limit: Limit): Promise<ReplayedDue>;
  extend(previousDueAt: string, limit: Limit): Promise<ReplayedDue>;
}

export const RESUMED_REASON = 'clock resumed after a pause';

const isSetting = (c: DeadlineChange) => c.reason.startsWith('set: ') || c.reason.startsWith('reset: ');
const isExtension = (c: DeadlineChange) => c.reason.startsWith('extended: ');

/**
 * A deadline as the current calendar gives it: its base (start and limit, or the due time a person
 * set) and then, in order, every extension and pause recorded in its ledger since it was last set.
 * Recomputing the base alone would drop them (an extended ticket fell back to its first due day
 * when the next year's holidays were loaded).
 *
 * - An extension that recorded its limit is counted again from the due time before it; one that
 *   recorded an explicit due time (`extension: null`) keeps it. Extensions recorded before the
 *   limit was kept in the ledger move the due time by as much as they moved it then.
 * - A resume after a pause moves it by as much as it moved it then: the time the clock stood still.
 *
 * Provisional when any calculation it rests on still crosses a year the calendar does not know.
 */
export async function replayDeadline(deadline: Deadline, calc: DueCalculator): Promise<ReplayedDue> {
  const changes = deadline.changes;
  let setAt = changes.length - 1;
  while (setAt >= 0 && !isSetting(changes[setAt])) setAt--;
  let due: ReplayedDue = deadline.limit
    ? await calc.compute(deadline.startAt, deadline.limit)
    : { dueAt: changes[setAt]?.dueAt ?? deadline.dueAt, provisional: false };
  for (let i = setAt + 1; i < changes.length; i++) {
    const change = changes[i];
    const shift = () => ({ dueAt: shifted(due.dueAt, change, changes[i - 1]), provisional: due.provisional });
    if (isExtension(change)) {
      if (change.extension === undefined) due = shift();
      else if (change.extension === null) due = { dueAt: change.dueAt, provisional: false };
      else {
        const extended = await calc.extend(due.dueAt, change.extension);
        due = { dueAt: extended.dueAt, provisional: due.provisional || extended.provisional };
      }
    } else if (change.reason === RESUMED_REASON) {
      due = shift();
    }
  }
  return due;
}

/** `dueAt` moved by as much as `change` moved the due time recorded just before it. */
function shifted(dueAt: string, change: DeadlineChange, before: DeadlineChange | undefined): string {
  if (!before) return change.dueAt;
  return new Date(Date.parse(dueAt) + Date.parse(change.dueAt) - Date.parse(before.dueAt)).toISOString();
}
