import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { computeDue, formatShanghai } from '../../domain/calendar/working-days';
import { issuerCodeFor } from '../../domain/documents/numbering';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { checkInvitationNotice } from '../../domain/leave/invitation-notice';
import { INADMISSIBLE_REASONS } from '../../domain/meetings/rules';
import { rulebookFor } from '../../domain/rulebooks';
import { conformityViolations, GOVERNMENT_ADDRESSEE } from '../../domain/requests/conformity';

/** Issue 10, "wrong today": each rule checked against its own seed text, one jurisdiction at a time. */
const meetings = (j: (typeof JURISDICTION_IDS)[number]) => rulebookFor(j).meetings;
const reasons = (j: (typeof JURISDICTION_IDS)[number]) => meetings(j).admissibility.map((r) => `${r.value}@${r.source}`);

describe('meetings.admissibility: each text its own list of inadmissible items (domain.md A.6)', () => {
  it('000:51 — 属于副区长、区政府各部门职责权限范围内决定的事项,或会前未经协调的事项,不提交会议讨论研究', () => {
    expect(reasons('jinan-shizhong-2023')).toEqual(['vice-chief-or-department-authority@000:51', 'not-pre-coordinated@000:51']);
  });

  it('001:41 — four reasons, "not reported to the chair and consented to" among them, and no "unit’s own duty"', () => {
    // 001:41: 凡政府分管领导职权范围内能够研究解决的问题、通过召开长办公会议或政府业务会议能够协调解决的问题、
    // 需要相关部门之间沟通协调而未沟通协调的问题、会前未向主持会议的领导汇报并征得同意的问题,均不应提交政府常务会议讨论.
    expect(reasons('chaoyang-shuangta-2022')).toEqual(['vice-chief-authority@001:41', 'solvable-at-lesser-meeting@001:41', 'not-pre-coordinated@001:41', 'not-reported-to-chair@001:41']);
    expect(reasons('chaoyang-shuangta-2022')).not.toContain('unit-own-duty@001:41');
  });

  it('002:41 — (一)–(七), the last "其他不符合会议议事范围的事项" included', () => {
    expect(reasons('jinan-lixia-2023')).toEqual([
      'vice-chief-authority@002:41',
      'solvable-between-units@002:41',
      'unit-own-duty@002:41',
      'not-pre-coordinated@002:41',
      'ad-hoc-without-consent@002:41',
      'outside-meeting-scope@002:41',
    ]);
  });

  it('003:53–54 — only "not agreed in coordination" and "no ad-hoc items except in special circumstances"', () => {
    // 003:53: 未协商一致的议题，原则上不提交会议研究。 003:54: 除特殊情况外，会前一般不临时受理议题。
    expect(reasons('zibo-zhangdian-2022')).toEqual(['not-agreed-in-coordination@003:53', 'ad-hoc-item@003:54']);
  });

  it('004:41 — not coordinated and countersigned; funding and staffing items outside the prescribed procedure', () => {
    // 004:41: 提交议题的部门应于会前协调一致，并经相关部门会签。议题内容涉及申请资金和机构编制事项的，严格按规定程序办理。
    expect(reasons('rizhao-2017')).toEqual(['not-pre-coordinated@004:41', 'funding-staffing-procedure@004:41']);
  });

  it('every reason a rulebook gives has a Chinese label to show the applicant', () => {
    const known = new Set(INADMISSIBLE_REASONS.map((r) => r.id));
    for (const j of JURISDICTION_IDS) for (const r of meetings(j).admissibility) expect(known.has(r.value)).toBe(true);
  });
});

describe('meetings.prerequisites.normativeDocument: legality review before the meeting', () => {
  it('000:31 — 全面落实行政规范性文件合法性审核; the standing meeting 审议区政府行政规范性文件 (000:46(四))', () => {
    expect(meetings('jinan-shizhong-2023').prerequisites.normativeDocument).toEqual({ value: ['legality-review'], source: '000:31' });
  });
});

describe('meetings.superviseDecisions: every decided matter is supervised', () => {
  it('001:61 — 政府重要会议议定事项 … 要明确相关负责人具体落实,办理完毕后向政府报告办理情况', () => {
    expect(meetings('chaoyang-shuangta-2022').superviseDecisions).toEqual({ value: true, source: '001:61' });
    expect(JURISDICTION_IDS.map((j) => meetings(j).superviseDecisions.source)).toEqual(['000:54', '001:61', '002:47', '003:57', '004:53']);
  });
});

describe('citations name the jurisdiction’s own article (item 6)', () => {
  it('supervision.closeOut and supervision.progressReports: 000:54, 001:63/001:62, 002:47, 003:72/003:57, 004:53 — never another seed’s', () => {
    expect(JURISDICTION_IDS.map((j) => rulebookFor(j).supervision.closeOut.source)).toEqual(['000:54', '001:63', '002:47', '003:72', '004:53']);
    expect(JURISDICTION_IDS.map((j) => rulebookFor(j).supervision.progressReports.source)).toEqual(['000:54', '001:62', '002:47', '003:57', '004:53']);
  });

  it('requests.handlingWithinLimit 002:58 — 各街道办事处、区政府各部门应当在规定时限内办理完毕并回复办理结果', () => {
    expect(rulebookFor('jinan-lixia-2023').requests.handlingWithinLimit).toEqual({ value: true, source: '002:58' });
  });

  it('every citation of a rulebook is its own seed’s article, a national one, policy: or none: of its own seed', () => {
    const national = /^(decree713|supervision2020|ogi2019|docs2012|gb9704):/;
    for (const j of JURISDICTION_IDS) {
      const book = rulebookFor(j);
      const sources: string[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) if ((k === 'source' || k === 'rule') && typeof x === 'string') sources.push(x);
          else walk(x);
        }
      };
      walk(book);
      for (const s of sources) expect(s.startsWith(`${book.seed}:`) || s === `none:${book.seed}` || s.startsWith('policy:') || national.test(s), `${j}: ${s}`).toBe(true);
    }
  });
});

describe('supervision.ordinaryLimit: the 710 rule counts from the day of assignment (item 7)', () => {
  // 001:63: 一般事项应在7天之内办结 … 事项落实起始时间从部署当日算起 — the day of assignment is day one.
  const table: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));
  const rules = rulebookFor('chaoyang-shuangta-2022').supervision;

  it('001:63 — an ordinary matter assigned Wednesday 4 March 2026 is due 24:00 Tuesday 10 March 2026', () => {
    expect(formatShanghai(computeDue('2026-03-04T15:00:00+08:00', rules.ordinaryLimit!.value, table).dueAt)).toBe('2026-03-10 24:00');
  });

  it('001:63 — a complex matter assigned 4 March 2026 has its result within 1 month: 24:00 Friday 3 April 2026', () => {
    expect(formatShanghai(computeDue('2026-03-04T15:00:00+08:00', rules.complexLimit!.value, table).dueAt)).toBe('2026-04-03 24:00');
  });

  it('the general rule is unchanged elsewhere: 7 days from 4 March end 24:00 11 March (民法典 Art. 201)', () => {
    expect(formatShanghai(computeDue('2026-03-04T15:00:00+08:00', { unit: 'days', n: 7 }, table).dueAt)).toBe('2026-03-11 24:00');
  });
});

describe('documents.letterIssuerCodes: a letter prints its own code (item 8)', () => {
  it('000: a government notice prints 市中政发, a government letter 市中政函, the office’s 市中政办发 / 市中政办函', () => {
    const docs = rulebookFor('jinan-shizhong-2023').documents;
    expect(issuerCodeFor(docs, 'government', 'notice').value).toBe('市中政发');
    expect(issuerCodeFor(docs, 'government', 'letter').value).toBe('市中政函');
    expect(issuerCodeFor(docs, 'office', 'opinion').value).toBe('市中政办发');
    expect(issuerCodeFor(docs, 'office', 'letter').value).toBe('市中政办函');
  });

  it('every jurisdiction: the four codes differ, so no two sequences print the same number', () => {
    for (const j of JURISDICTION_IDS) {
      const d = rulebookFor(j).documents;
      const codes = [d.issuerCodes.government, d.issuerCodes.office, d.letterIssuerCodes.government, d.letterIssuerCodes.office].map((c) => c.value);
      expect(new Set(codes).size, j).toBe(4);
    }
  });
});

describe('meetings.publishDecisions: decided matters published unless confidential (item 3)', () => {
  it('000:53, 001:27, 003:36, 004:21 — 常务会议讨论决定的事项,除依法需要保密的外,应当及时公布; 002 says nothing of it', () => {
    expect(JURISDICTION_IDS.map((j) => meetings(j).publishDecisions)).toEqual([
      { value: true, source: '000:53' },
      { value: true, source: '001:27' },
      { value: false, source: 'none:002' },
      { value: true, source: '003:36' },
      { value: true, source: '004:21' },
    ]);
  });
});

describe('meetings.leadTimeMeasuredAt: the moment the lead time counts to (item 2)', () => {
  it('000:50 and 001:41 — the reviewed, consented item; 002:40 and 003:54 — its arrival at the office', () => {
    expect(JURISDICTION_IDS.map((j) => meetings(j).leadTimeMeasuredAt)).toEqual([
      { value: 'ready', source: '000:50' },
      { value: 'ready', source: '001:41' },
      { value: 'arrival-at-office', source: '002:40' },
      { value: 'arrival-at-office', source: '003:54' },
      { value: 'ready', source: 'none:004' },
    ]);
  });
});

describe('requests.oneAddressee: a request to several addressees is registered so it can be returned (missing)', () => {
  it('000:63 — 不得多头主送: addressed to the government and the party committee (区委), it is several addressees, not a leader personally', () => {
    const found = conformityViolations({ matters: ['拨付补助资金'], addressees: [GOVERNMENT_ADDRESSEE, 'party-committee'], skipsLevel: false }, rulebookFor('jinan-shizhong-2023').requests);
    expect(found).toEqual([expect.objectContaining({ reason: 'several-addressees', field: 'addressees', rule: '000:63' })]);
  });
});

describe('leave.invitationLeadTime: invitations to leaders reach the office ahead (missing)', () => {
  const table: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));
  it('000:78 — 应至少提前3个工作日报区政府办公室: for an event on Mon 30 Nov 2026, by 24:00 Wed 25 Nov', () => {
    const book = rulebookFor('jinan-shizhong-2023');
    expect(book.leave.invitationLeadTime).toEqual({ value: { unit: 'workingDays', n: 3 }, source: '000:78' });
    const event = '2026-11-30T01:00:00.000Z';
    expect(checkInvitationNotice(book, { receivedAt: '2026-11-25T10:00:00.000Z', eventAt: event }, table)).toEqual({ latest: '2026-11-25T16:00:00.000Z', met: true, source: '000:78' });
    expect(checkInvitationNotice(book, { receivedAt: '2026-11-26T01:00:00.000Z', eventAt: event }, table)?.met).toBe(false);
  });

  it('003:86 — 应提前5个工作日: for the same event, by 24:00 Mon 23 Nov; 001, 002, 004 set none', () => {
    const book = rulebookFor('zibo-zhangdian-2022');
    expect(book.leave.invitationLeadTime).toEqual({ value: { unit: 'workingDays', n: 5 }, source: '003:86' });
    expect(checkInvitationNotice(book, { receivedAt: '2026-11-24T01:00:00.000Z', eventAt: '2026-11-30T01:00:00.000Z' }, table)).toMatchObject({ latest: '2026-11-23T16:00:00.000Z', met: false });
    for (const j of ['chaoyang-shuangta-2022', 'jinan-lixia-2023', 'rizhao-2017'] as const) expect(rulebookFor(j).leave.invitationLeadTime, j).toBeNull();
  });
});
