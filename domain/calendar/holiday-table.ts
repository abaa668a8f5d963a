/**
 * One year of the State Council's holiday notice: the days off (放假调休) and the weekend days that
 * are working days (调休上班). Dates are Asia/Shanghai calendar dates, 'YYYY-MM-DD'.
 */
export interface HolidayYear {
  year: number;
  /** Bumped on every change an operator makes (the table is versioned). */
  version: number;
  daysOff: string[];
  workingWeekendDays: string[];
  source: string; // e.g. '国办发明电〔2025〕7号'
}

/** The years the calendar knows; a year missing here is unknown, never assumed. */
export type HolidayTable = Record<number, HolidayYear>;

/** A deadline as an absolute instant; provisional if any year it crossed was unknown. */
export interface ComputedDue {
  dueAt: string; // ISO instant (UTC)
  provisional: boolean;
  unknownYears: number[];
}
