import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { computeDue, extendDue, formatShanghai, isWorkingDay } from '../../domain/calendar/working-days';

const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));

/** The UTC instant of 24:00 on a Shanghai date (= 16:00Z that day). */
const endOf = (date: string) => `${date}T16:00:00.000Z`;

describe('holiday seed data', () => {
  it('has 2025 and 2026 at version 1 with the State Council notices as sources', () => {
    expect(TABLE[2025]).toMatchObject({ version: 1, source: '国办发明电〔2024〕12号' });
    expect(TABLE[2026]).toMatchObject({ version: 1, source: '国办发明电〔2025〕7号' });
  });

  it('lists every adjusted working day on a weekend, and no day both off and working', () => {
    for (const y of Object.values(TABLE)) {
      for (const d of y.workingWeekendDays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      expect(y.daysOff.filter((d) => y.workingWeekendDays.includes(d))).toEqual([]);
    }
  });
});

describe('isWorkingDay', () => {
  it('2026 Mid-Autumn and National Day (25–27 Sep, 1–7 Oct) — are days off; 28–30 Sep and 8 Oct are working days', () => {
    for (const d of ['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-04', '2026-10-07'])
      expect(isWorkingDay(d, TABLE)).toEqual({ working: false, known: true });
    for (const d of ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09'])
      expect(isWorkingDay(d, TABLE)).toEqual({ working: true, known: true });
  });

  it('adjusted working weekends (调休) — Sat 10 Oct, Sat 14 Feb, Sun 20 Sep 2026 are working days', () => {
    for (const d of ['2026-10-10', '2026-02-14', '2026-02-28', '2026-09-20', '2025-10-11'])
      expect(isWorkingDay(d, TABLE)).toEqual({ working: true, known: true });
  });

  it('an ordinary weekend in a known year — is not a working day', () => {
    expect(isWorkingDay('2026-10-17', TABLE)).toEqual({ working: false, known: true });
  });

  it('2026 Spring Festival (15–23 Feb) — every day off, including the weekdays', () => {
    for (let day = 15; day <= 23; day++) expect(isWorkingDay(`2026-02-${day}`, TABLE).working).toBe(false);
    expect(isWorkingDay('2026-02-24', TABLE).working).toBe(true);
  });

  it('a year not in the table (2027) — Monday–Friday less its statutory holidays, and says it does not know', () => {
    // 全国年节及纪念日放假办法 (2025): 元旦放假1天 — the holiday is certain even before the notice.
    expect(isWorkingDay('2027-01-01', TABLE)).toEqual({ working: false, known: false }); // a Friday, New Year's Day
    expect(isWorkingDay('2027-01-04', TABLE)).toEqual({ working: true, known: false }); // a Monday
    expect(isWorkingDay('2027-01-02', TABLE)).toEqual({ working: false, known: false }); // a Saturday
  });

  it('a malformed or impossible date — throws RangeError', () => {
    expect(() => isWorkingDay('2026-02-30', TABLE)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-2-3', TABLE)).toThrow(RangeError);
  });
});

describe('computeDue — working days', () => {
  it('domain.md example — event Thu 24 Sep 2026, 5 working days — due 24:00 Fri 9 Oct 2026', () => {
    for (const start of ['2026-09-24T00:00:00+08:00', '2026-09-24T10:15:00+08:00', '2026-09-24T23:59:59+08:00']) {
      const due = computeDue(start, { unit: 'workingDays', n: 5 }, TABLE);
      expect(due).toEqual({ dueAt: endOf('2026-10-09'), provisional: false, unknownYears: [] });
      expect(formatShanghai(due.dueAt)).toBe('2026-10-09 24:00');
    }
  });

  it('the event day is the Shanghai date — 00:30 on 24 Sep in Shanghai is still 23 Sep in UTC', () => {
    expect(computeDue('2026-09-23T16:30:00Z', { unit: 'workingDays', n: 5 }, TABLE).dueAt).toBe(endOf('2026-10-09'));
  });

  it('an adjusted working Saturday counts — event Thu 8 Oct 2026, 2 working days — due 24:00 Sat 10 Oct', () => {
    expect(computeDue('2026-10-08T09:00:00+08:00', { unit: 'workingDays', n: 2 }, TABLE).dueAt).toBe(endOf('2026-10-10'));
  });

  it('Spring Festival 2026 — event Fri 13 Feb, 3 working days — Sat 14 Feb, then 24 and 25 Feb', () => {
    expect(computeDue('2026-02-13T15:00:00+08:00', { unit: 'workingDays', n: 3 }, TABLE).dueAt).toBe(endOf('2026-02-25'));
  });

  it('an event on a holiday — event Sun 15 Feb 2026, 1 working day — due 24:00 Tue 24 Feb', () => {
    expect(computeDue('2026-02-15T11:00:00+08:00', { unit: 'workingDays', n: 1 }, TABLE).dueAt).toBe(endOf('2026-02-24'));
  });
});

describe('computeDue — days, months, year end', () => {
  it('month-end clamping — 31 Jan 2026 + 1 month — ends 28 Feb (an adjusted working Saturday, so no roll)', () => {
    expect(computeDue('2026-01-31T10:00:00+08:00', { unit: 'months', n: 1 }, TABLE).dueAt).toBe(endOf('2026-02-28'));
  });

  it('month-end clamping in 2025 — 31 Jan 2025 + 1 month — ends Fri 28 Feb 2025', () => {
    expect(computeDue('2025-01-31T10:00:00+08:00', { unit: 'months', n: 1 }, TABLE).dueAt).toBe(endOf('2025-02-28'));
  });

  it('corresponding day is a holiday — 1 Sep 2026 + 1 month = 1 Oct — rolls to 24:00 Thu 8 Oct', () => {
    expect(computeDue('2026-09-01T10:00:00+08:00', { unit: 'months', n: 1 }, TABLE).dueAt).toBe(endOf('2026-10-08'));
  });

  it('days — 24 Sep 2026 + 7 days = 1 Oct (holiday) — rolls to 24:00 Thu 8 Oct', () => {
    expect(computeDue('2026-09-24T10:00:00+08:00', { unit: 'days', n: 7 }, TABLE).dueAt).toBe(endOf('2026-10-08'));
  });

  it('days — last day on an ordinary Sunday — rolls to Monday', () => {
    // Mon 2 Mar 2026 + 6 days = Sun 8 Mar.
    expect(computeDue('2026-03-02T10:00:00+08:00', { unit: 'days', n: 6 }, TABLE).dueAt).toBe(endOf('2026-03-09'));
  });

  it('yearEnd — any day of 2026 — due 24:00 Thu 31 Dec 2026', () => {
    expect(computeDue('2026-03-10T10:00:00+08:00', { unit: 'yearEnd' }, TABLE)).toEqual({
      dueAt: endOf('2026-12-31'),
      provisional: false,
      unknownYears: [],
    });
  });

  it('yearEnd — 31 Dec is a day off — rolls into the next year, which makes it provisional', () => {
    const table: HolidayTable = { ...TABLE, 2026: { ...TABLE[2026], daysOff: [...TABLE[2026].daysOff, '2026-12-31'] } };
    // Fri 1 Jan 2027 is New Year's Day (statutory, known before the notice), then a weekend: Mon 4 Jan.
    expect(computeDue('2026-03-10T10:00:00+08:00', { unit: 'yearEnd' }, table)).toEqual({
      dueAt: endOf('2027-01-04'),
      provisional: true,
      unknownYears: [2027],
    });
  });
});

describe('computeDue — hours', () => {
  it('24 hours — are clock hours, holidays included', () => {
    const due = computeDue('2026-10-01T10:00:00+08:00', { unit: 'hours', n: 24 }, TABLE);
    expect(due).toEqual({ dueAt: '2026-10-02T02:00:00.000Z', provisional: false, unknownYears: [] });
    expect(formatShanghai(due.dueAt)).toBe('2026-10-02 10:00');
  });
});

describe('computeDue — years not in the table', () => {
  it('2027 — uses Monday–Friday and is provisional with unknownYears [2027]', () => {
    // Mon 1 Mar 2027 + 5 working days: 2–5 Mar, Mon 8 Mar.
    expect(computeDue('2027-03-01T10:00:00+08:00', { unit: 'workingDays', n: 5 }, TABLE)).toEqual({
      dueAt: endOf('2027-03-08'),
      provisional: true,
      unknownYears: [2027],
    });
  });

  it('crossing from 2026 into 2027 — provisional once a 2027 day is examined', () => {
    // Tue 29 Dec 2026 + 5 working days: 30, 31 Dec, then (1 Jan is New Year's Day) Mon 4, Tue 5 and Wed 6 Jan 2027.
    expect(computeDue('2026-12-29T10:00:00+08:00', { unit: 'workingDays', n: 5 }, TABLE)).toEqual({
      dueAt: endOf('2027-01-06'),
      provisional: true,
      unknownYears: [2027],
    });
  });

  it('ending on 31 Dec 2026 — stays within the known year and is not provisional', () => {
    // Mon 28 Dec 2026 + 3 working days: 29, 30, 31 Dec.
    expect(computeDue('2026-12-28T10:00:00+08:00', { unit: 'workingDays', n: 3 }, TABLE)).toEqual({
      dueAt: endOf('2026-12-31'),
      provisional: false,
      unknownYears: [],
    });
  });
});

describe('computeDue — bad input', () => {
  it('an unparsable start or a non-positive n — throws RangeError', () => {
    expect(() => computeDue('not a date', { unit: 'days', n: 1 }, TABLE)).toThrow(RangeError);
    expect(() => computeDue('2026-03-02T10:00:00+08:00', { unit: 'workingDays', n: 0 }, TABLE)).toThrow(RangeError);
    expect(() => computeDue('2026-03-02T10:00:00+08:00', { unit: 'days', n: 1.5 }, TABLE)).toThrow(RangeError);
  });
});

describe('extendDue', () => {
  it('30 days on a limit ending 24:00 Tue 31 Mar 2026 — ends 24:00 Thu 30 Apr, not a day later', () => {
    expect(extendDue(endOf('2026-03-31'), { unit: 'days', n: 30 }, TABLE).dueAt).toBe(endOf('2026-04-30'));
  });

  it('2 working days on a limit ending 24:00 Fri 9 Oct 2026 — Sat 10 Oct (调休) and Mon 12 Oct', () => {
    expect(extendDue(endOf('2026-10-09'), { unit: 'workingDays', n: 2 }, TABLE).dueAt).toBe(endOf('2026-10-12'));
  });

  it('hours — run on from the previous instant', () => {
    expect(extendDue('2026-10-02T02:00:00.000Z', { unit: 'hours', n: 24 }, TABLE).dueAt).toBe('2026-10-03T02:00:00.000Z');
  });
});

describe('formatShanghai', () => {
  it('writes a midnight boundary as 24:00 of the day before, other instants as Shanghai wall time', () => {
    expect(formatShanghai('2026-10-09T16:00:00.000Z')).toBe('2026-10-09 24:00');
    expect(formatShanghai('2026-10-09T01:30:00Z')).toBe('2026-10-09 09:30');
  });
});
