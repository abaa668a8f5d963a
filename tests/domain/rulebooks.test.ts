import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { computeDue, extendDue, formatShanghai, isWorkingDay } from '../../domain/calendar/working-days';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { RULEBOOKS, rulebookFor } from '../../domain/rulebooks';
import * as national from '../../domain/rulebooks/national';

const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));
const SOURCE = /^(\d{3}:\d+(-\d+)?|[a-z0-9]+:\d+|none:\d{3}|policy:[a-z-]+)$/;

/** Every { value, source } object anywhere inside `node`, with its path. */
function citedValues(node: unknown, path = ''): { path: string; source: unknown }[] {
  if (node === null || typeof node !== 'object') return [];
  if ('value' in node && 'source' in node) return [{ path, source: node.source }];
  return Object.entries(node).flatMap(([key, child]) => citedValues(child, `${path}.${key}`));
}

describe('rulebooks', () => {
  it('every jurisdiction — has a rulebook under its own id', () => {
    for (const id of JURISDICTION_IDS) {
      expect(rulebookFor(id).id).toBe(id);
      expect(RULEBOOKS[id]).toBe(rulebookFor(id));
    }
    expect(Object.keys(RULEBOOKS).sort()).toEqual([...JURISDICTION_IDS].sort());
  });

  it('every cited value in every rulebook and in the national rules — names its source', () => {
    const all = [...Object.values(RULEBOOKS), ...Object.values(national)].flatMap((r) => citedValues(r));
    expect(all.length).toBeGreaterThan(40);
    for (const { path, source } of all) expect(source, path).toMatch(SOURCE);
  });

  it('a local citation — belongs to the rulebook’s own seed', () => {
    for (const rulebook of Object.values(RULEBOOKS))
      for (const { path, source } of citedValues(rulebook)) {
        const seed = /^(\d{3}):|^none:(\d{3})$/.exec(String(source));
        if (seed) expect(seed[1] ?? seed[2], `${rulebook.id}${path}`).toBe(rulebook.seed);
      }
  });
});

describe('001:63 — the "710" rule (一般事项7天, 复杂事项1个月, 年初事项年底清零)', () => {
  const rules = rulebookFor('chaoyang-shuangta-2022').supervision;
  const assigned = '2026-11-23T10:00:00+08:00'; // a Monday

  it('001:63 — ordinary matter assigned Mon 23 Nov — its 7th day (day one the 23rd) is Sun 29 Nov: due 24:00 Mon 30 Nov 2026', () => {
    // 001:63: 事项落实起始时间从部署当日算起 — the day of assignment counts as day one.
    expect(rules.ordinaryLimit).toEqual({ value: { unit: 'days', n: 7, fromEventDay: true }, source: '001:63' });
    expect(isWorkingDay('2026-11-30', TABLE)).toEqual({ working: true, known: true });
    const due = computeDue(assigned, rules.ordinaryLimit!.value, TABLE);
    expect(due).toEqual({ dueAt: '2026-11-30T16:00:00.000Z', provisional: false, unknownYears: [] });
    expect(formatShanghai(due.dueAt)).toBe('2026-11-30 24:00');
  });

  it('001:63 — ordinary matter whose 7th day is a National Day holiday — rolls to 24:00 Thu 8 Oct 2026', () => {
    // Day one Sat 26 Sep, day seven Fri 2 Oct, a day off; 3–7 Oct are off too.
    expect(computeDue('2026-09-26T10:00:00+08:00', rules.ordinaryLimit!.value, TABLE).dueAt).toBe('2026-10-08T16:00:00.000Z');
  });

  it('001:63 — complex matter — result due within 1 month, the day of assignment being day one: 24:00 Tue 22 Dec 2026', () => {
    expect(rules.complexLimit).toEqual({ value: { unit: 'months', n: 1, fromEventDay: true }, source: '001:63' });
    expect(formatShanghai(computeDue(assigned, rules.complexLimit!.value, TABLE).dueAt)).toBe('2026-12-22 24:00');
  });

  it('001:63 — matter fixed at the start of the year — cleared by 24:00 Thu 31 Dec 2026', () => {
    expect(rules.annualLimit).toEqual({ value: { unit: 'yearEnd' }, source: '001:63' });
    const due = computeDue('2026-01-05T09:00:00+08:00', rules.annualLimit!.value, TABLE);
    expect(due).toEqual({ dueAt: '2026-12-31T16:00:00.000Z', provisional: false, unknownYears: [] });
  });

  it('other jurisdictions — set no limit for a supervision matter (their texts state none)', () => {
    for (const id of JURISDICTION_IDS.filter((j) => j !== 'chaoyang-shuangta-2022')) {
      const s = rulebookFor(id).supervision;
      expect([s.ordinaryLimit, s.complexLimit, s.annualLimit], id).toEqual([null, null, null]);
    }
  });
});

describe('supervision notes and look-back', () => {
  it('001:64 — criticism-and-interview note (批评约谈单) and praise note (经验表扬单)', () => {
    const s = rulebookFor('chaoyang-shuangta-2022').supervision;
    expect([s.criticismNote, s.praiseNote]).toEqual([
      { value: true, source: '001:64' },
      { value: true, source: '001:64' },
    ]);
  });

  it('003:74 — 督查表扬、批评制度 — both notes; 003:73 — look-back (回头看)', () => {
    const s = rulebookFor('zibo-zhangdian-2022').supervision;
    expect([s.criticismNote.value, s.praiseNote.value, s.lookBack]).toEqual([true, true, { value: true, source: '003:73' }]);
  });

  it('000:82, 002:67 — praise (强化表扬和正向激励), but only 追责问责 for laggards, so no criticism note', () => {
    for (const [id, source] of [['jinan-shizhong-2023', '000:82'], ['jinan-lixia-2023', '002:67']] as const) {
      const s = rulebookFor(id).supervision;
      expect(s.praiseNote).toEqual({ value: true, source });
      expect(s.criticismNote.value).toBe(false);
    }
  });

  it('look-back — only 003 provides it', () => {
    for (const id of JURISDICTION_IDS) expect(rulebookFor(id).supervision.lookBack.value, id).toBe(id === 'zibo-zhangdian-2022');
  });
});

describe('supervision2020:17 — re-check of an objection: 30 days, extendable by 30 days', () => {
  it('every jurisdiction — takes the national limit (no local text sets one)', () => {
    for (const id of JURISDICTION_IDS) {
      const s = rulebookFor(id).supervision;
      expect(s.objectionRecheckLimit).toEqual({ value: { unit: 'days', n: 30 }, source: 'supervision2020:17' });
      expect(s.objectionRecheckExtension).toEqual({ value: { unit: 'days', n: 30 }, source: 'supervision2020:17' });
    }
  });

  it('supervision2020:17 — objection Tue 3 Mar 2026 — re-check due 24:00 Thu 2 Apr; extended, 2 May is a holiday — due 24:00 Wed 6 May', () => {
    const s = rulebookFor('rizhao-2017').supervision;
    const recheck = computeDue('2026-03-03T10:00:00+08:00', s.objectionRecheckLimit.value, TABLE);
    expect(formatShanghai(recheck.dueAt)).toBe('2026-04-02 24:00');
    // 2 Apr + 30 days = Sat 2 May, inside the 1–5 May holiday → Wed 6 May.
    expect(formatShanghai(extendDue(recheck.dueAt, s.objectionRecheckExtension.value, TABLE).dueAt)).toBe('2026-05-06 24:00');
  });
});

describe('leave and stand-ins', () => {
  it('001:71 — a department head reports leave 2 days ahead (not counting the travel day)', () => {
    expect(rulebookFor('chaoyang-shuangta-2022').leave.noticeDaysAhead).toEqual({ value: 2, source: '001:71' });
  });

  it('003:77 — a department head reports leave 3 days ahead', () => {
    expect(rulebookFor('zibo-zhangdian-2022').leave.noticeDaysAhead).toEqual({ value: 3, source: '003:77' });
  });

  it('000, 002, 004 — set no number of days for leave notice', () => {
    for (const id of ['jinan-shizhong-2023', 'jinan-lixia-2023', 'rizhao-2017'] as const)
      expect(rulebookFor(id).leave.noticeDaysAhead, id).toBeNull();
  });

  it('000:7 (AB角), 002:7, 003:9, 004:6 (补位) — the stand-in takes over; 001 has no such system', () => {
    const standIn = Object.fromEntries(JURISDICTION_IDS.map((id) => [id, rulebookFor(id).leave.standInTakesOverTasks]));
    expect(standIn).toEqual({
      'jinan-shizhong-2023': { value: true, source: '000:7' },
      'chaoyang-shuangta-2022': { value: false, source: 'none:001' },
      'jinan-lixia-2023': { value: true, source: '002:7' },
      'zibo-zhangdian-2022': { value: true, source: '003:9' },
      'rizhao-2017': { value: true, source: '004:6' },
    });
  });
});
