import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { statutoryHolidays } from '../../domain/calendar/statutory-holidays';
import { computeDue, formatShanghai, isWorkingDay } from '../../domain/calendar/working-days';
import { cutoffBefore } from '../../domain/meetings/lead-time';

/**
 * Issue 10, item 9: in a year whose State Council notice is not loaded, the statutory holidays are
 * still known (全国年节及纪念日放假办法, 2025 revision: 元旦1天; 春节4天 (农历除夕、正月初一至初三);
 * 清明节1天 (农历清明当日); 劳动节2天; 端午节1天 (农历端午当日); 中秋节1天 (农历中秋当日); 国庆节3天);
 * only the adjusted working weekends are not. A provisional date skips the holidays and stays provisional.
 */
const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));

describe('statutory holidays computed for a year', () => {
  it('13 days a year', () => {
    for (const year of [2025, 2026, 2027, 2030]) expect(statutoryHolidays(year), String(year)).toHaveLength(13);
  });

  it('agree with the State Council notices already loaded (2025, 2026): every statutory day is a day off there', () => {
    for (const year of [2025, 2026]) {
      const daysOff = TABLE[year].daysOff;
      for (const day of statutoryHolidays(year)) expect(daysOff, `${year}: ${day}`).toContain(day);
    }
  });

  it('2027: 除夕 5 Feb, 春节 6–8 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep, with the fixed days', () => {
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });
});

describe('a provisional deadline in an unknown year skips the statutory holidays', () => {
  it('New Year’s Day: 2 working days from Wed 30 Dec 2026 end 24:00 Mon 4 Jan 2027, provisional', () => {
    const due = computeDue('2026-12-30T10:00:00+08:00', { unit: 'workingDays', n: 2 }, TABLE);
    expect(formatShanghai(due.dueAt)).toBe('2027-01-04 24:00');
    expect(due).toMatchObject({ provisional: true, unknownYears: [2027] });
  });

  it('Spring Festival 2027: Fri 5 Feb (除夕) and Mon 8 Feb (初三) are not working days; Tue 9 Feb is, provisionally', () => {
    expect(isWorkingDay('2027-02-05', TABLE)).toEqual({ working: false, known: false });
    expect(isWorkingDay('2027-02-08', TABLE)).toEqual({ working: false, known: false });
    expect(isWorkingDay('2027-02-09', TABLE)).toEqual({ working: true, known: false });
    expect(formatShanghai(computeDue('2027-02-04T10:00:00+08:00', { unit: 'workingDays', n: 1 }, TABLE).dueAt)).toBe('2027-02-09 24:00');
  });

  it('Qingming, Dragon Boat and Mid-Autumn 2027 (Mon 5 Apr, Wed 9 Jun, Wed 15 Sep) are skipped', () => {
    for (const [from, to] of [
      ['2027-04-02T10:00:00+08:00', '2027-04-06 24:00'],
      ['2027-06-08T10:00:00+08:00', '2027-06-10 24:00'],
      ['2027-09-14T10:00:00+08:00', '2027-09-16 24:00'],
    ]) {
      const due = computeDue(from, { unit: 'workingDays', n: 1 }, TABLE);
      expect(formatShanghai(due.dueAt), from).toBe(to);
      expect(due.provisional).toBe(true);
    }
  });

  it('a meeting’s lead time counted backwards over 1–3 Oct 2027 skips them too, provisionally', () => {
    // Mon 4 Oct 2027, 3 working days before (002:40): Fri 1 Oct is National Day; Thu 30, Wed 29, Tue 28 Sep.
    const cut = cutoffBefore('2027-10-04T01:00:00.000Z', { unit: 'workingDays', n: 3 }, TABLE);
    expect(formatShanghai(cut.dueAt)).toBe('2027-09-28 24:00');
    expect(cut.provisional).toBe(true);
  });
});
