/**
 * The page's stand-in for domain/calendar/statutory-holidays.ts (vite.config.ts swaps it in): the
 * lunar calendar that module computes with weighs ~100 KB gzipped, so the server computes the
 * statutory holidays of the years not yet loaded and sends them (GET /v1/workbench/me); the
 * domain's own isWorkingDay then counts with them here exactly as it does on the server.
 */
const byYear = new Map<number, readonly string[]>();

export function registerStatutoryHolidays(served: Record<string, readonly string[]>): void {
  for (const [year, dates] of Object.entries(served)) byYear.set(Number(year), dates);
}

/** The statutory holidays of a year as the server computed them; none for a year it did not send. */
export function statutoryHolidays(year: number): readonly string[] {
  return byYear.get(year) ?? [];
}

export const STATUTORY_HOLIDAYS_SOURCE = 'holidays2025:2';
