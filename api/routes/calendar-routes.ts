import { z } from 'zod';
import type { Database } from '../../db/database';
import { getCalendarYear, listCalendarYears, putCalendarYear } from '../../db/calendar-repository';
import { BadRequest, NotFound, type FieldError } from '../errors';
import { defineRoute, type RouteDefinition } from './define-route';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100).describe('calendar year, e.g. 2026') });

const holidayYearSchema = z.object({
  year: z.number().int(),
  version: z.number().int().describe('bumped on every change'),
  daysOff: z.array(z.string()).describe('放假: days off, YYYY-MM-DD (Asia/Shanghai)'),
  workingWeekendDays: z.array(z.string()).describe('调休上班: weekend days that are working days'),
  source: z.string().describe("the State Council notice, e.g. '国办发明电〔2025〕7号'"),
});

const putCalendarBody = z.object({
  daysOff: z.array(z.iso.date({ error: 'expected a real date, YYYY-MM-DD' })).describe('放假 days, YYYY-MM-DD, weekends inside a holiday included'),
  workingWeekendDays: z.array(z.iso.date({ error: 'expected a real date, YYYY-MM-DD' })).describe('调休上班: Saturdays and Sundays that are working days'),
  source: z.string().trim().min(1).max(200).describe("the notice it comes from, e.g. '国办发明电〔2025〕7号'"),
});

/** Checks the year-dependent rules zod cannot see (the year is in the path, not the body). */
function calendarErrors(year: number, body: z.output<typeof putCalendarBody>): FieldError[] {
  const errors: FieldError[] = [];
  const seenOff = new Set<string>();
  body.daysOff.forEach((day, i) => {
    if (!day.startsWith(`${year}-`)) errors.push({ field: `daysOff[${i}]`, reason: `${day} is not in ${year}` });
    if (seenOff.has(day)) errors.push({ field: `daysOff[${i}]`, reason: `${day} is listed twice` });
    seenOff.add(day);
  });
  const seenWorking = new Set<string>();
  body.workingWeekendDays.forEach((day, i) => {
    const field = `workingWeekendDays[${i}]`;
    if (!day.startsWith(`${year}-`)) errors.push({ field, reason: `${day} is not in ${year}` });
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) errors.push({ field, reason: `${day} is not a Saturday or Sunday` });
    if (seenOff.has(day)) errors.push({ field, reason: `${day} is also a day off` });
    if (seenWorking.has(day)) errors.push({ field, reason: `${day} is listed twice` });
    seenWorking.add(day);
  });
  return errors;
}

/** Routes of the holiday calendar: read it; operators load a year from the State Council notice. */
export function calendarRoutes(deps: { db: Database; onCalendarYearLoaded?: (year: number) => Promise<number | void> }): RouteDefinition[] {
  const { db } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/v1/calendar',
      summary: 'The years the holiday calendar knows',
      tags: ['calendar'],
      auth: true,
      responses: { 200: { description: 'loaded years', schema: z.object({ years: z.array(holidayYearSchema) }) } },
      handler: async () => ({ years: await listCalendarYears(db) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/calendar/:year',
      summary: 'One year of the holiday calendar',
      tags: ['calendar'],
      auth: true,
      params: yearParams,
      responses: {
        200: { description: 'the year', schema: holidayYearSchema },
        404: { description: 'the year is not loaded; deadlines in it are provisional' },
      },
      handler: async ({ params }) => {
        const found = await getCalendarYear(db, params.year);
        if (!found)
          throw new NotFound(
            `the calendar for ${params.year} is not loaded: deadlines falling in ${params.year} are counted Monday to Friday and marked provisional until an operator loads the State Council notice (PUT /v1/calendar/${params.year})`,
          );
        return found;
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v1/calendar/:year',
      summary: "Load or correct a year from the State Council's holiday notice",
      description: 'Every PUT makes a new version. Open processes with provisional deadlines are told to recompute.',
      tags: ['calendar'],
      auth: ['operator'],
      params: yearParams,
      body: putCalendarBody,
      responses: {
        200: {
          description: 'the new version',
          schema: holidayYearSchema.extend({ processesNotified: z.number().int().optional().describe('open processes told to recompute, when known') }),
        },
      },
      handler: async ({ params, body }) => {
        const errors = calendarErrors(params.year, body);
        if (errors.length > 0) throw new BadRequest(`${errors.length} invalid date${errors.length > 1 ? 's' : ''}`, errors);
        const saved = await putCalendarYear(db, { year: params.year, ...body });
        // A failure here surfaces as a 500: repeating the PUT is harmless (same days, next version)
        // and tells the processes again, so the caller can simply retry.
        const processesNotified = await deps.onCalendarYearLoaded?.(params.year);
        return { ...saved, ...(typeof processesNotified === 'number' ? { processesNotified } : {}) };
      },
    }),
  ];
}
