import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { computeDue, formatShanghai } from '../../domain/calendar/working-days';
import {
  DISCLOSURE_ATTRIBUTES,
  DOCUMENT_KINDS,
  chineseNameOf,
  disclosureNeedsReason,
  isUrgent,
  signingChain,
} from '../../domain/documents';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';

const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));
const SOURCE = /^(\d{3}:\d+(-\d+)?|[a-z0-9]+:\d+|none:\d{3}|policy:[a-z-]+)$/;

const SHIZHONG = rulebookFor('jinan-shizhong-2023');
const SHUANGTA = rulebookFor('chaoyang-shuangta-2022');
const LIXIA = rulebookFor('jinan-lixia-2023');
const ZHANGDIAN = rulebookFor('zibo-zhangdian-2022');
const RIZHAO = rulebookFor('rizhao-2017');

describe('docs2012:8 — kinds of document and attributes', () => {
  it('docs2012:8 — 15 statutory kinds, each with a unique English id and its Chinese name', () => {
    expect(DOCUMENT_KINDS).toHaveLength(15);
    expect(new Set(DOCUMENT_KINDS.map((k) => k.id)).size).toBe(15);
    expect(DOCUMENT_KINDS.map((k) => k.zh).join('')).toBe('决议决定命令(令)公报公告通告意见通知通报报告请示批复议案函纪要');
    expect(chineseNameOf('request')).toBe('请示');
  });

  it('002:28 — 依申请公开 and 不予公开 need a reason; 主动公开 does not', () => {
    expect(DISCLOSURE_ATTRIBUTES.map((a) => a.zh)).toEqual(['主动公开', '依申请公开', '不予公开']);
    expect([disclosureNeedsReason('proactive'), disclosureNeedsReason('on-request'), disclosureNeedsReason('not-public')]).toEqual([false, true, true]);
    expect(LIXIA.documents.disclosureAtDrafting).toEqual({ value: true, source: '002:28' });
  });

  it('urgency — 特急 and 加急 count as urgent for reading limits; ordinary does not', () => {
    expect([isUrgent('extra-urgent'), isUrgent('urgent'), isUrgent('ordinary')]).toEqual([true, true, false]);
  });
});

describe('countersign (会签) — reply limits', () => {
  it('000:62 — countersign reply — 5 working days, silence is no objection', () => {
    expect(SHIZHONG.documents.countersign).toEqual({
      replyLimit: { value: { unit: 'workingDays', n: 5 }, source: '000:62' },
      leadMaySetLimit: { value: true, source: '000:62' },
      silenceIsConsent: { value: true, source: '000:62' },
    });
  });

  it('002:51 — countersign reply — 5 working days, silence is no objection', () => {
    expect(LIXIA.documents.countersign.replyLimit).toEqual({ value: { unit: 'workingDays', n: 5 }, source: '002:51' });
    expect(LIXIA.documents.countersign.silenceIsConsent).toEqual({ value: true, source: '002:51' });
  });

  it('001:53 — countersign reply — 7 working days, silence is no objection', () => {
    expect(SHUANGTA.documents.countersign.replyLimit).toEqual({ value: { unit: 'workingDays', n: 7 }, source: '001:53' });
    expect(SHUANGTA.documents.countersign.silenceIsConsent).toEqual({ value: true, source: '001:53' });
  });

  it('003:63 — countersign reply — 3 working days, silence is no objection', () => {
    expect(ZHANGDIAN.documents.countersign.replyLimit).toEqual({ value: { unit: 'workingDays', n: 3 }, source: '003:63' });
    expect(ZHANGDIAN.documents.countersign.silenceIsConsent).toEqual({ value: true, source: '003:63' });
  });

  it('004:48 — consultation only — no reply limit and no deemed consent (none:004)', () => {
    expect(RIZHAO.documents.countersign).toEqual({
      replyLimit: { value: null, source: 'none:004' },
      leadMaySetLimit: { value: false, source: 'none:004' },
      silenceIsConsent: { value: false, source: 'none:004' },
    });
  });

  it('000:62 — countersign sent Thu 24 Sep 2026 — reply due 24:00 Fri 9 Oct 2026 (National Day skipped)', () => {
    const due = computeDue('2026-09-24T10:00:00+08:00', SHIZHONG.documents.countersign.replyLimit.value!, TABLE);
    expect(due).toEqual({ dueAt: '2026-10-09T16:00:00.000Z', provisional: false, unknownYears: [] });
    expect(formatShanghai(due.dueAt)).toBe('2026-10-09 24:00');
  });

  it('003:63 — countersign sent Thu 24 Sep 2026 — reply due 24:00 Wed 30 Sep 2026, before the holiday', () => {
    const due = computeDue('2026-09-24T10:00:00+08:00', ZHANGDIAN.documents.countersign.replyLimit.value!, TABLE);
    expect(formatShanghai(due.dueAt)).toBe('2026-09-30 24:00');
  });

  it('001:53 — countersign sent Thu 24 Sep 2026 — reply due 24:00 Mon 12 Oct 2026 (Sat 10 Oct is a working day)', () => {
    const due = computeDue('2026-09-24T10:00:00+08:00', SHUANGTA.documents.countersign.replyLimit.value!, TABLE);
    expect(formatShanghai(due.dueAt)).toBe('2026-10-12 24:00');
  });
});

describe('length limits (篇幅)', () => {
  it('000:68, 002:57 — comprehensive ≤ 5000 characters, specific task ≤ 3000', () => {
    expect(SHIZHONG.documents.lengthLimits).toEqual({ comprehensive: { value: 5000, source: '000:68' }, specificTask: { value: 3000, source: '000:68' } });
    expect(LIXIA.documents.lengthLimits).toEqual({ comprehensive: { value: 5000, source: '002:57' }, specificTask: { value: 3000, source: '002:57' } });
  });

  it('001, 003, 004 — state no number of characters', () => {
    for (const r of [SHUANGTA, ZHANGDIAN, RIZHAO]) expect(r.documents.lengthLimits, r.id).toEqual({ comprehensive: null, specificTask: null });
  });
});

describe('reading limits for leaders (阅批时限)', () => {
  it('000:71 — urgent 24 hours, ordinary 48 hours', () => {
    expect(SHIZHONG.documents.readingLimits).toEqual({
      urgent: { value: { unit: 'hours', n: 24 }, source: '000:71' },
      ordinary: { value: { unit: 'hours', n: 48 }, source: '000:71' },
    });
    const due = computeDue('2026-10-09T15:30:00+08:00', SHIZHONG.documents.readingLimits.urgent!.value, TABLE);
    expect(due.dueAt).toBe('2026-10-10T07:30:00.000Z'); // 15:30 Sat 10 Oct, clock hours
  });

  it('003:61 — 对属于急件的公文，即到即办: an urgent document is due 24:00 the day it arrives (the day of arrival is day one), a day off rolls to the next working day; ordinary ones have no limit', () => {
    expect(ZHANGDIAN.documents.readingLimits).toEqual({ urgent: { value: { unit: 'days', n: 1, fromEventDay: true }, source: '003:61' }, ordinary: null });
    const urgent = ZHANGDIAN.documents.readingLimits.urgent!.value;
    expect(computeDue('2026-09-24T10:00:00+08:00', urgent, TABLE).dueAt).toBe('2026-09-24T16:00:00.000Z'); // Thursday → 24:00 Thursday
    expect(computeDue('2026-09-30T23:00:00+08:00', urgent, TABLE).dueAt).toBe('2026-09-30T16:00:00.000Z'); // 23:00 → the same midnight
    expect(computeDue('2026-09-26T10:00:00+08:00', urgent, TABLE).dueAt).toBe('2026-09-28T16:00:00.000Z'); // Saturday → 24:00 Monday
  });

  it('other jurisdictions — set no reading limit (none in 001, 002, 004)', () => {
    for (const r of [SHUANGTA, LIXIA, RIZHAO]) expect(r.documents.readingLimits, r.id).toEqual({ urgent: null, ordinary: null });
  });
});

describe('office review and refusal', () => {
  it('000:66, 001:54, 003:63 — leaders sign no draft the office has not reviewed; 002 and 004 state no such bar', () => {
    const review = Object.fromEntries(JURISDICTION_IDS.map((id) => [id, rulebookFor(id).documents.officeReviewBeforeSigning]));
    expect(review).toEqual({
      'jinan-shizhong-2023': { value: true, source: '000:66' },
      'chaoyang-shuangta-2022': { value: true, source: '001:54' },
      'jinan-lixia-2023': { value: false, source: 'none:002' },
      'zibo-zhangdian-2022': { value: true, source: '003:63' },
      'rizhao-2017': { value: false, source: 'none:004' },
    });
  });

  it('000:68 — the office refuses: covered by law, current document applies, copying the higher level, a department matter, …', () => {
    const reasons = SHIZHONG.documents.refusalReasons!.map((r) => r.value);
    expect(reasons).toEqual(expect.arrayContaining(['covered-by-law', 'current-document-applies', 'copies-higher-level', 'department-matter']));
    expect(SHIZHONG.documents.refusalReasons!.every((r) => r.source === '000:68')).toBe(true);
  });

  it('002:57 — the same core reasons, plus repeats and missing responsibility lists', () => {
    const reasons = LIXIA.documents.refusalReasons!.map((r) => r.value);
    expect(reasons).toEqual(expect.arrayContaining(['covered-by-law', 'current-document-applies', 'copies-higher-level', 'department-matter', 'repeats-same-matter', 'no-responsibility-list']));
    expect(RIZHAO.documents.refusalReasons).toBeNull();
  });
});

describe('document numbers (发文字号) — issuer codes', () => {
  it('each jurisdiction — government and office codes', () => {
    const codes = Object.fromEntries(JURISDICTION_IDS.map((id) => {
      const c = rulebookFor(id).documents.issuerCodes;
      return [id, [c.government.value, c.office.value]];
    }));
    expect(codes).toEqual({
      'jinan-shizhong-2023': ['市中政发', '市中政办发'],
      'chaoyang-shuangta-2022': ['朝双政发', '朝双政办发'],
      'jinan-lixia-2023': ['历下政发', '历下政办发'],
      'zibo-zhangdian-2022': ['张政发', '张政办发'],
      'rizhao-2017': ['日政发', '日政办发'],
    });
  });
});

describe('signing authority (签发权限)', () => {
  it('every route and step — cites an article of its own seed', () => {
    for (const id of JURISDICTION_IDS) {
      const r = rulebookFor(id);
      for (const route of r.documents.signing)
        for (const rule of [route.rule, ...route.steps.map((s) => s.rule)]) {
          expect(rule, id).toMatch(SOURCE);
          expect(rule.slice(0, 3), id).toBe(r.seed);
        }
    }
  });

  it('every jurisdiction — every kind from either issuer has a route ending in 签发 (letters given a direction)', () => {
    for (const id of JURISDICTION_IDS)
      for (const issuer of ['government', 'office'] as const)
        for (const { id: kind } of DOCUMENT_KINDS)
          for (const direction of ['upward', 'downward'] as const) {
            const steps = signingChain(rulebookFor(id), { issuer, kind, direction });
            expect(steps.at(-1)!.act, `${id} ${issuer} ${kind}`).toBe('issue');
          }
  });

  it('000:67 — government formal document — office review → vice chief 审签 → chief 签发', () => {
    expect(signingChain(SHIZHONG, { issuer: 'government', kind: 'notice' })).toEqual([
      { role: 'office', act: 'review', rule: '000:67' },
      { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
      { role: 'chief', act: 'issue', rule: '000:67' },
    ]);
    expect(signingChain(SHIZHONG, { issuer: 'government', kind: 'request', direction: 'upward' }).at(-1)!.role).toBe('chief');
  });

  it('000:67 — government letter (便函) — office director 审签 → vice chief 签发; office document — vice chief 审签 → office director 签发', () => {
    expect(signingChain(SHIZHONG, { issuer: 'government', kind: 'letter' })).toEqual([
      { role: 'office-director', act: 'sign-off', rule: '000:67' },
      { role: 'vice-chief', act: 'issue', rule: '000:67' },
    ]);
    expect(signingChain(SHIZHONG, { issuer: 'office', kind: 'notice' })).toEqual([
      { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
      { role: 'office-director', act: 'issue', rule: '000:67' },
    ]);
  });

  it('002:55 — government formal document — deputy director → director → vice chief 审签 → chief 签发', () => {
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'opinion' }).map((s) => `${s.role}/${s.act}`)).toEqual([
      'office-deputy-director/review',
      'office-director/review',
      'vice-chief/sign-off',
      'chief/issue',
    ]);
  });

  it('002:55 — downward letter — the vice chief 签发; several portfolios involved — the chief 签发', () => {
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'letter', direction: 'downward' })).toEqual([{ role: 'vice-chief', act: 'issue', rule: '002:55' }]);
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'letter', direction: 'downward', severalPortfolios: true })).toEqual([{ role: 'chief', act: 'issue', rule: '002:55' }]);
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'letter', direction: 'downward', viewsDiffer: true })).toEqual([{ role: 'chief', act: 'issue', rule: '002:55' }]);
  });

  it('002:55 — upward letter — vice chief 审签 → chief 签发; the chief agreed beforehand — the vice chief 签发', () => {
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'letter', direction: 'upward' })).toEqual([
      { role: 'vice-chief', act: 'sign-off', rule: '002:55' },
      { role: 'chief', act: 'issue', rule: '002:55' },
    ]);
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'letter', direction: 'upward', chiefAgreedBeforehand: true })).toEqual([{ role: 'vice-chief', act: 'issue', rule: '002:55' }]);
  });

  it('002:55 — a letter without a direction — throws (the route depends on it)', () => {
    expect(() => signingChain(LIXIA, { issuer: 'government', kind: 'letter' })).toThrow(RangeError);
  });

  it('003:64 — government document — deputy director review → director 审签 → chief 签发; letters alike', () => {
    const expected = [
      { role: 'office-deputy-director', act: 'review', rule: '003:64' },
      { role: 'office-director', act: 'sign-off', rule: '003:64' },
      { role: 'chief', act: 'issue', rule: '003:64' },
    ];
    expect(signingChain(ZHANGDIAN, { issuer: 'government', kind: 'decision' })).toEqual(expected);
    expect(signingChain(ZHANGDIAN, { issuer: 'government', kind: 'letter', direction: 'downward' })).toEqual(expected);
    expect(signingChain(ZHANGDIAN, { issuer: 'office', kind: 'notice' }).at(-1)).toEqual({ role: 'chief-or-vice-chief', act: 'issue', rule: '003:64' });
  });

  it('001:55 — upward request — vice chief review → chief 签发; other government documents — office and vice chief review → chief', () => {
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'request', direction: 'upward' })).toEqual([
      { role: 'vice-chief', act: 'review', rule: '001:55' },
      { role: 'chief', act: 'issue', rule: '001:55' },
    ]);
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'notice', direction: 'downward' })).toEqual([
      { role: 'office', act: 'review', rule: '001:55' },
      { role: 'vice-chief', act: 'review', rule: '001:55' },
      { role: 'chief', act: 'issue', rule: '001:55' },
    ]);
  });

  it('001:59 — letter to departments — vice chief 签发; other portfolios consulted first; important — executive vice chief or chief', () => {
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'letter' })).toEqual([{ role: 'vice-chief', act: 'issue', rule: '001:59' }]);
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'letter', severalPortfolios: true }).map((s) => s.role)).toEqual(['other-vice-chiefs', 'vice-chief']);
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'letter', important: true })).toEqual([{ role: 'executive-vice-chief-or-chief', act: 'issue', rule: '001:59' }]);
  });

  it('001:55 — office document — vice chief 签发; the chief for an important one', () => {
    expect(signingChain(SHUANGTA, { issuer: 'office', kind: 'notice' })).toEqual([{ role: 'vice-chief', act: 'issue', rule: '001:55' }]);
    expect(signingChain(SHUANGTA, { issuer: 'office', kind: 'notice', important: true })).toEqual([{ role: 'chief', act: 'issue', rule: '001:55' }]);
  });

  it('004:50 — government document and letter — the mayor 签发; decided at the standing meeting — mayor or authorised vice mayor', () => {
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'notice' })).toEqual([{ role: 'chief', act: 'issue', rule: '004:50' }]);
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'letter', direction: 'downward' })).toEqual([{ role: 'chief', act: 'issue', rule: '004:50' }]);
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'notice', decidedAtStandingMeeting: true })).toEqual([
      { role: 'chief-or-authorised-vice-chief', act: 'issue', rule: '004:50' },
    ]);
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'request', direction: 'upward', decidedAtStandingMeeting: true })).toEqual([
      { role: 'chief', act: 'issue', rule: '004:50' },
    ]);
    expect(signingChain(RIZHAO, { issuer: 'office', kind: 'notice' })).toEqual([{ role: 'office-director', act: 'issue', rule: '004:50' }]);
  });
});
