import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { proposeOpenMeetings } from '../../domain/meetings/schedule';
import { rulebookFor } from '../../domain/rulebooks';

/** Issue 10, defect: GET /v1/meetings/schedule proposed dates whose cut-off had already passed. */
const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));

describe('proposed meeting dates can still take items', () => {
  it('000:46/000:50 — on Fri 27 Nov 2026 the meeting of Tue 1 Dec (cut-off 24:00 Tue 24 Nov) is not proposed; Wed 16 Dec is', () => {
    const { frequency, leadTime } = rulebookFor('jinan-shizhong-2023').meetings;
    const now = '2026-11-27T02:00:00.000Z'; // 10:00 Shanghai
    const proposed = proposeOpenMeetings(frequency!.value, leadTime!.value, now, 2, TABLE);
    expect(proposed.map((m) => m.startsAt)).toEqual(['2026-12-16T01:00:00.000Z', '2027-01-04T01:00:00.000Z']);
    for (const m of proposed) expect(Date.parse(m.cutoffAt)).toBeGreaterThan(Date.parse(now));
  });

  it('003:49/003:54 — every two weeks with 10 working days ahead: each proposed cut-off is still to come', () => {
    const { frequency, leadTime } = rulebookFor('zibo-zhangdian-2022').meetings;
    const now = '2026-11-24T02:00:00.000Z';
    const proposed = proposeOpenMeetings(frequency!.value, leadTime!.value, now, 4, TABLE);
    expect(proposed).toHaveLength(4);
    for (const m of proposed) expect(Date.parse(m.cutoffAt)).toBeGreaterThan(Date.parse(now));
  });
});
