import { describe, expect } from 'vitest';
import { listUnits } from '../../db/directory-repository';
import { loadHolidayTable, putCalendarYear } from '../../db/calendar-repository';
import { endOfShanghaiDay, shanghaiDateOf, yearOf } from '../../domain/calendar/shanghai-date';
import { statutoryHolidays } from '../../domain/calendar/statutory-holidays';
import { computeDue, extendDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { Deadline } from '../../workflows/engine/types';
import { recomputeDeadlinesSignal } from '../../workflows/messages';
import { recordHistory } from '../support/histories';
import { act, actorWith, openTask, startTicket, waitForState } from '../support/process-helpers';
import { itOnOwnServer, type TimeSkippingHarness } from '../support/time-skipping';

const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // seed 001
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A year after every year the calendar knows and after the server clock's own, loaded as the
 * statutory holidays only, and the clock moved to 2 November of it: a ticket issued then is due
 * inside it, and an extension of some weeks runs into the next year, which nobody has loaded yet.
 */
async function knownYearThenUnknown(h: TimeSkippingHarness): Promise<number> {
  const table = await loadHolidayTable(h.db);
  const now = await h.env.currentTimeMs();
  const year = Math.max(yearOf(shanghaiDateOf(new Date(now).toISOString())), ...Object.keys(table).map(Number)) + 1;
  await putCalendarYear(h.db, { year, daysOff: [...statutoryHolidays(year)], workingWeekendDays: [], source: 'test notice' });
  await h.env.sleep(Date.parse(`${year}-11-02T10:00:00+08:00`) - now);
  return year;
}

/** Loads `year` with its statutory holidays and one more day off: the day the provisional deadline ends on. */
async function loadYearWithDayOff(h: TimeSkippingHarness, year: number, provisional: Deadline): Promise<string> {
  const dueDay = shanghaiDateOf(new Date(Date.parse(provisional.dueAt) - 1).toISOString());
  expect(yearOf(dueDay)).toBe(year);
  await putCalendarYear(h.db, { year, daysOff: [...statutoryHolidays(year), dueDay], workingWeekendDays: [], source: 'test notice' });
  return dueDay;
}

async function people(h: TimeSkippingHarness) {
  const unitId = (await listUnits(h.db, CS)).find((u) => u.kind === 'department' && u.name.includes('财政'))!.id;
  return { unitId, head: await actorWith(h.db, CS, 'department-head', unitId), office: await actorWith(h.db, CS, 'supervision-office') };
}

describe('loading a year’s holidays keeps the extensions and pauses of a provisional deadline', () => {
  itOnOwnServer('a limit paused, resumed and extended into an unknown year is recomputed as the extension gives it with the real calendar (001:63)', async (h) => {
    const year = await knownYearThenUnknown(h);
    const { unitId, head, office } = await people(h);
    const handle = await startTicket(h.env.client, h.taskQueue, {
      jurisdiction: CS, title: '跨年延期督办', source: 'key-project', responsibleUnitId: unitId, complexity: 'ordinary', issuedBy: office.userId,
    });
    let s = await waitForState(handle, (x) => x.deadlines.length > 0 && x.tasks.length > 0);
    expect(s.deadlines[0]).toMatchObject({ provisional: false, limit: expect.anything() });
    expect(yearOf(shanghaiDateOf(s.deadlines[0].dueAt))).toBe(year);
    const exec = openTask(s, 'ticket.execution');

    // The clock stands still for two days, then the office extends by 60 working days, into next year.
    await act(handle, { taskId: exec.id, action: 'pause', actor: office, comment: '等待上级批复' });
    await h.env.sleep(2 * DAY_MS);
    await act(handle, { taskId: exec.id, action: 'resume', actor: office, comment: '已批复' });
    s = await act(handle, { taskId: exec.id, action: 'extend', actor: office, comment: '跨年施工，延期60个工作日', data: { workingDays: 60 } });
    const extended = s.deadlines[0];
    expect(extended.provisional).toBe(true);
    const [set, resumed] = extended.changes;
    expect(Date.parse(resumed.dueAt) - Date.parse(set.dueAt)).toBeGreaterThan(0);

    const dayOff = await loadYearWithDayOff(h, year + 1, extended);
    await handle.signal(recomputeDeadlinesSignal, { reason: 'test loaded the year' });
    s = await waitForState(handle, (x) => !x.deadlines[0].provisional);
    const recomputed = s.deadlines[0];

    const table = await loadHolidayTable(h.db);
    const base = computeDue(recomputed.startAt, recomputed.limit!, table).dueAt;
    const afterPause = new Date(Date.parse(base) + Date.parse(resumed.dueAt) - Date.parse(set.dueAt)).toISOString();
    expect(recomputed.dueAt).toBe(extendDue(afterPause, { unit: 'workingDays', n: 60 }, table).dueAt);
    // The day off the notice added falls inside the extension: it ends one working day later than provisionally.
    expect(Date.parse(recomputed.dueAt)).toBeGreaterThan(Date.parse(extended.dueAt));
    expect(shanghaiDateOf(new Date(Date.parse(recomputed.dueAt) - 1).toISOString())).not.toBe(dayOff);
    expect(recomputed.changes.at(-1)?.reason).toMatch(/recomputed/);
    expect(openTask(s, 'ticket.execution')).toMatchObject({ dueAt: recomputed.dueAt, provisional: false });

    s = await act(handle, { taskId: exec.id, action: 'acknowledge', actor: head });
    s = await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '全部完成' } });
    s = await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: office, data: { praise: false } });
    expect((await handle.result()).status).toBe('closed');
    await recordHistory(handle, 'supervisionTicket-recompute-keeps-extensions');
  });

  itOnOwnServer('a due time the notice fixed, extended into an unknown year, is no longer provisional once the year is loaded (supervision2020:10)', async (h) => {
    const year = await knownYearThenUnknown(h);
    const { unitId, office } = await people(h);
    const fixedDue = endOfShanghaiDay(`${year}-12-10`);
    const handle = await startTicket(h.env.client, h.taskQueue, {
      jurisdiction: CS, title: '通知定时限的督办', source: 'key-project', responsibleUnitId: unitId, dueAt: fixedDue, issuedBy: office.userId,
    });
    let s = await waitForState(handle, (x) => x.deadlines.length > 0 && x.tasks.length > 0);
    expect(s.deadlines[0]).toMatchObject({ limit: null, dueAt: fixedDue, provisional: false });
    const exec = openTask(s, 'ticket.execution');

    s = await act(handle, { taskId: exec.id, action: 'extend', actor: office, comment: '延期30个工作日', data: { workingDays: 30 } });
    const extended = s.deadlines[0];
    expect(extended.provisional).toBe(true);

    await loadYearWithDayOff(h, year + 1, extended);
    await handle.signal(recomputeDeadlinesSignal, { reason: 'test loaded the year' });
    s = await waitForState(handle, (x) => !x.deadlines[0].provisional);
    const recomputed = s.deadlines[0];
    expect(recomputed.dueAt).toBe(extendDue(fixedDue, { unit: 'workingDays', n: 30 }, await loadHolidayTable(h.db)).dueAt);
    expect(Date.parse(recomputed.dueAt)).toBeGreaterThan(Date.parse(extended.dueAt));
    expect(openTask(s, 'ticket.execution')).toMatchObject({ dueAt: recomputed.dueAt, provisional: false });
    await handle.terminate('test done');
  });
});
