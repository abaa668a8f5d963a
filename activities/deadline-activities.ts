import { loadHolidayTable } from '../db/calendar-repository';
import { computeDue, extendDue } from '../domain/calendar/working-days';
import type { ComputedDue } from '../domain/calendar/holiday-table';
import type { Limit } from '../domain/limit';
import type { ActivityDeps } from './index';

export function createDeadlineActivities({ db }: ActivityDeps) {
  return {
    /**
     * Deadlines are computed here, never in workflow code, so a calendar change cannot break
     * replay: the workflow records the instant this returns.
     */
    async computeDeadline(input: { startAt: string; limit: Limit }): Promise<ComputedDue> {
      return computeDue(input.startAt, input.limit, await loadHolidayTable(db));
    },

    /** A limit extended by another: counted on from the last day of the old one, not the day after it. */
    async extendDeadline(input: { previousDueAt: string; limit: Limit }): Promise<ComputedDue> {
      return extendDue(input.previousDueAt, input.limit, await loadHolidayTable(db));
    },
  };
}
