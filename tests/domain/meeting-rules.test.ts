import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { computeDue } from '../../domain/calendar/working-days';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { cutoffBefore } from '../../domain/meetings/lead-time';
import { hasQuorum } from '../../domain/meetings/quorum';
import { proposeMeetingDates } from '../../domain/meetings/schedule';
import { rulebookFor } from '../../domain/rulebooks';

const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));
const MONDAY_30_NOV = '2026-11-30T01:00:00.000Z'; // 09:00 Shanghai
const endOf = (date: string) => `${date}T16:00:00.000Z`;
const lead = (j: (typeof JURISDICTION_IDS)[number]) => rulebookFor(j).meetings.leadTime;

describe('lead time before a standing meeting: the cut-off counted backwards', () => {
  it('000:50 five working days: a Monday meeting closes its agenda at 24:00 the Monday before', () => {
    expect(lead('jinan-shizhong-2023')).toEqual({ value: { unit: 'workingDays', n: 5 }, source: '000:50' });
    expect(cutoffBefore(MONDAY_30_NOV, lead('jinan-shizhong-2023')!.value, TABLE).dueAt).toBe(endOf('2026-11-23'));
  });

  it('000:50 across the National Day holiday: the days off do not count, the adjusted Saturday does', () => {
    // Monday 12 Oct 2026: 10 Oct (adjusted Saturday), 9, 8, then 1–7 Oct off, 30 and 29 Sep.
    expect(cutoffBefore('2026-10-12T01:00:00.000Z', { unit: 'workingDays', n: 5 }, TABLE).dueAt).toBe(endOf('2026-09-29'));
  });

  it('002:40 three working days; 001:41 two days; 003:54 ten working days to the office and three to the party committee', () => {
    expect(cutoffBefore(MONDAY_30_NOV, lead('jinan-lixia-2023')!.value, TABLE).dueAt).toBe(endOf('2026-11-25'));
    expect(lead('jinan-lixia-2023')!.source).toBe('002:40');
    expect(cutoffBefore(MONDAY_30_NOV, lead('chaoyang-shuangta-2022')!.value, TABLE).dueAt).toBe(endOf('2026-11-28'));
    expect(lead('chaoyang-shuangta-2022')).toEqual({ value: { unit: 'days', n: 2 }, source: '001:41' });
    const zd = rulebookFor('zibo-zhangdian-2022').meetings;
    expect(cutoffBefore(MONDAY_30_NOV, zd.leadTime!.value, TABLE).dueAt).toBe(endOf('2026-11-16'));
    expect(cutoffBefore(MONDAY_30_NOV, zd.partyCommitteeFiling!.value, TABLE).dueAt).toBe(endOf('2026-11-25'));
    expect([zd.leadTime!.source, zd.partyCommitteeFiling!.source]).toEqual(['003:54', '003:54']);
    expect(lead('rizhao-2017')).toBeNull();
  });

  it('an item complete at the cut-off has exactly the lead time before the meeting’s day', () => {
    for (const j of ['jinan-shizhong-2023', 'jinan-lixia-2023', 'zibo-zhangdian-2022'] as const) {
      const limit = lead(j)!.value;
      const cutoff = cutoffBefore(MONDAY_30_NOV, limit, TABLE).dueAt;
      expect(computeDue(new Date(Date.parse(cutoff) - 1).toISOString(), limit, TABLE).dueAt).toBe(endOf('2026-11-30'));
    }
  });
});

describe('quorum: more than half of the members (000:46, 003:49, 004:38)', () => {
  it('half is not enough; one more is', () => {
    expect(hasQuorum(3, 6)).toBe(false);
    expect(hasQuorum(4, 6)).toBe(true);
    expect(hasQuorum(3, 5)).toBe(true);
    expect(hasQuorum(0, 0)).toBe(false);
  });

  it('each rulebook states its quorum and members, 001 and 002 by office policy', () => {
    expect(JURISDICTION_IDS.map((j) => rulebookFor(j).meetings.quorum.source)).toEqual(['000:46', 'policy:quorum', 'policy:quorum', '003:49', '004:38']);
    expect(rulebookFor('rizhao-2017').meetings.members.value).toContain('secretary-general');
  });
});

describe('materials, options and review chains differ by jurisdiction', () => {
  it('materials: 1000 characters 001:41, 1500 characters 002:40, none elsewhere; two options in 001:41', () => {
    expect(rulebookFor('chaoyang-shuangta-2022').meetings.materialsLimit).toEqual({ value: 1000, source: '001:41' });
    expect(rulebookFor('jinan-lixia-2023').meetings.materialsLimit).toEqual({ value: 1500, source: '002:40' });
    expect(rulebookFor('jinan-shizhong-2023').meetings.materialsLimit).toBeNull();
    expect(rulebookFor('chaoyang-shuangta-2022').meetings.minSolutionOptions).toEqual({ value: 2, source: '001:41' });
  });

  it('every review chain ends with the chief’s consent, each step citing its article', () => {
    const chains = Object.fromEntries(JURISDICTION_IDS.map((j) => [j, rulebookFor(j).meetings.reviewChain.map((s) => `${s.role}/${s.act}@${s.rule}`)]));
    expect(chains['jinan-shizhong-2023']).toEqual(['vice-chief/review@000:50', 'chief/consent@000:50']);
    expect(chains['jinan-lixia-2023']).toEqual(['office-deputy-director/review@002:40', 'all-vice-chiefs/opinion@002:40', 'vice-chief/review@002:40', 'chief/consent@002:40']);
    expect(chains['zibo-zhangdian-2022']).toEqual(['vice-chief/review@003:52', 'office-director/review@003:52', 'chief/consent@003:52']);
    expect(chains['chaoyang-shuangta-2022']).toEqual(['vice-chief/review@001:41', 'office/review@001:41', 'executive-vice-chief-or-chief/review@001:41', 'chief/consent@001:41']);
    expect(chains['rizhao-2017']).toEqual(['office/review@004:41', 'chief/consent@004:38']);
  });

  it('follow-up limits: documents in 5 working days (000:53, 002:45, 003:57), 10 for a major revision (003:57); minutes in 2 (001:46); decisions supervised (000:54, 001:61, 002:47, 003:57, 004:53)', () => {
    expect(rulebookFor('jinan-shizhong-2023').meetings.documentIssueLimit).toEqual({ value: { unit: 'workingDays', n: 5 }, source: '000:53' });
    expect(rulebookFor('jinan-lixia-2023').meetings.documentIssueLimit!.source).toBe('002:45');
    expect(rulebookFor('zibo-zhangdian-2022').meetings.majorRevisionLimit).toEqual({ value: { unit: 'workingDays', n: 10 }, source: '003:57' });
    expect(rulebookFor('chaoyang-shuangta-2022').meetings.minutesLimit).toEqual({ value: { unit: 'workingDays', n: 2 }, source: '001:46' });
    expect(JURISDICTION_IDS.filter((j) => rulebookFor(j).meetings.superviseDecisions.value).map((j) => rulebookFor(j).meetings.superviseDecisions.source)).toEqual(['000:54', '001:61', '002:47', '003:57', '004:53']);
  });
});

describe('absence from the meeting', () => {
  it('a substitute attends only with consent (000:52, 002:44, 004:42); written opinions beforehand (000:52, 002:44)', () => {
    expect(JURISDICTION_IDS.map((j) => rulebookFor(j).meetings.substituteNeedsConsent)).toEqual([
      { value: true, source: '000:52' },
      { value: false, source: 'none:001' },
      { value: true, source: '002:44' },
      { value: false, source: 'none:003' },
      { value: true, source: '004:42' },
    ]);
    expect(JURISDICTION_IDS.filter((j) => rulebookFor(j).meetings.writtenOpinionsWhenAbsent.value).map((j) => rulebookFor(j).meetings.writtenOpinionsWhenAbsent.source)).toEqual(['000:52', '002:44']);
  });
});

describe('meeting schedule offered from the frequency', () => {
  it('000:46 twice a month: the first working day from the 1st and from the 16th', () => {
    expect(rulebookFor('jinan-shizhong-2023').meetings.frequency).toEqual({ value: { kind: 'twice-a-month' }, source: '000:46' });
    // 1 Dec 2026 is a Tuesday, 16 Dec a Wednesday: both working days.
    expect(proposeMeetingDates({ kind: 'twice-a-month' }, '2026-11-23T02:00:00Z', 2, TABLE)).toEqual(['2026-12-01T01:00:00.000Z', '2026-12-16T01:00:00.000Z']);
  });

  it('002:39 every two weeks, rolled past the National Day holiday', () => {
    expect(rulebookFor('jinan-lixia-2023').meetings.frequency).toEqual({ value: { kind: 'every-days', days: 14 }, source: '002:39' });
    const dates = proposeMeetingDates({ kind: 'every-days', days: 14 }, '2026-09-17T02:00:00Z', 2, TABLE);
    expect(dates).toEqual(['2026-09-18T01:00:00.000Z', '2026-10-08T01:00:00.000Z']); // 2 Oct is off: rolled to the 8th
  });
});
