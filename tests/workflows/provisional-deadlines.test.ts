import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable, putCalendarYear } from '../../db/calendar-repository';
import { shanghaiDateOf } from '../../domain/calendar/shanghai-date';
import { computeDue } from '../../domain/calendar/working-days';
import { recomputeDeadlinesSignal } from '../../workflows/messages';
import { actorWith, startTicket, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping('govflow-provisional');
});
afterAll(async () => h?.teardown());

describe('deadlines in a year the calendar does not know', () => {
  it('are computed Monday–Friday and marked provisional; loading the year recomputes them (national-rules: calendar)', async () => {
    const table = await loadHolidayTable(h.db);
    const firstUnknownYear = Math.max(...Object.keys(table).map(Number)) + 1;
    // Move the test server's clock to 15 December of the last known year, so a 1-month limit (001:63, day one
    // the day of assignment) ends in the unknown one.
    const target = Date.parse(`${firstUnknownYear - 1}-12-15T10:00:00+08:00`);
    const now = await h.env.currentTimeMs();
    if (target > now) await h.env.sleep(target - now);

    const office = await actorWith(h.db, 'chaoyang-shuangta-2022', 'supervision-office');
    const handle = await startTicket(h.env.client, h.taskQueue, {
      jurisdiction: 'chaoyang-shuangta-2022', title: '跨年督办', source: 'key-project', responsibleUnitId: 'cs.finance', complexity: 'complex', issuedBy: office.userId,
    });
    const before = await waitForState(handle, (s) => s.deadlines.length > 0 && s.tasks.length > 0);
    const provisional = before.deadlines[0];
    expect(provisional.provisional).toBe(true);
    expect(before.tasks[0].provisional).toBe(true);

    // The operator loads the year with the provisional due day as a day off: the due time must move past it.
    const dueDay = shanghaiDateOf(new Date(Date.parse(provisional.dueAt) - 1).toISOString());
    await putCalendarYear(h.db, { year: Number(dueDay.slice(0, 4)), daysOff: [dueDay], workingWeekendDays: [], source: 'test notice' });
    await handle.signal(recomputeDeadlinesSignal, { reason: 'test loaded the year' });
    const after = await waitForState(handle, (s) => !s.deadlines[0].provisional);
    const recomputed = after.deadlines[0];
    expect(recomputed.dueAt).toBe(computeDue(recomputed.startAt, recomputed.limit!, await loadHolidayTable(h.db)).dueAt);
    expect(Date.parse(recomputed.dueAt)).toBeGreaterThan(Date.parse(provisional.dueAt));
    expect(after.tasks[0].dueAt).toBe(after.deadlines[0].dueAt);
    expect(after.deadlines[0].changes.at(-1)?.reason).toMatch(/recomputed/);
    await handle.terminate('test done');
  });
});
