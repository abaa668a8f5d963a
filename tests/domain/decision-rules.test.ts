import { describe, expect, it } from 'vitest';
import holidays from '../../db/seed-data/holidays.json';
import type { HolidayTable, HolidayYear } from '../../domain/calendar/holiday-table';
import { collectiveDecisionViolations, majorityPosition, type MemberView } from '../../domain/decisions/collective-decision';
import { commentPeriodViolation, earliestMeetingAfterReview, hearingMaterialsViolation, legalityLeadViolation, needsAdjustment, summaryViolations } from '../../domain/decisions/gates';
import { DECISION_SCOPE_CATEGORIES } from '../../domain/decisions/scope';
import { DECISION_STEPS } from '../../domain/decisions/steps';
import { actionsOf } from '../../domain/steps';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';

const TABLE: HolidayTable = Object.fromEntries((holidays as HolidayYear[]).map((y) => [y.year, y]));
const JS = rulebookFor('jinan-shizhong-2023').decisions;
const endOf = (date: string) => `${date}T16:00:00.000Z`;

describe('major decisions: the rules as cited data', () => {
  it('000:20: the scope categories are the eight of the list, each cited', () => {
    expect(DECISION_SCOPE_CATEGORIES).toHaveLength(8);
    expect(new Set(DECISION_SCOPE_CATEGORIES.map((c) => c.rule))).toEqual(new Set(['000:20']));
  });

  it('Decree 713 limits apply in every jurisdiction: 30 days of comments (15), 7 days for hearing materials (16), 7 working days of legality review (26)', () => {
    for (const j of JURISDICTION_IDS) {
      const r = rulebookFor(j).decisions;
      expect(r.commentMinimum).toEqual({ value: { unit: 'days', n: 30 }, source: 'decree713:15' });
      expect(r.hearingMaterialsLeadTime).toEqual({ value: { unit: 'days', n: 7 }, source: 'decree713:16' });
      expect(r.legalityReviewMinimum).toEqual({ value: { unit: 'workingDays', n: 7 }, source: 'decree713:26' });
      expect(r.suspension.source).toBe('decree713:38');
      expect(r.archive.source).toBe('decree713:33');
    }
  });

  it('each jurisdiction cites its own articles where its text speaks, Decree 713 where silent', () => {
    const of = (j: (typeof JURISDICTION_IDS)[number]) => rulebookFor(j).decisions;
    expect([JS.initiation.source, JS.publicParticipation.source, JS.expertReview.source, JS.riskAssessment.source, JS.legalityReview.source, JS.collectiveDecision.source, JS.higherApproval.source, JS.publication.source, JS.evaluation.source]).toEqual(['000:21', '000:22', '000:23', '000:24', '000:25', '000:26', '000:27', '000:28', '000:28']);
    expect(JS.fairCompetitionReview?.source).toBe('000:51');
    expect(JS.partyCommitteeReport).toBeNull();
    expect(of('jinan-lixia-2023').catalogue.source).toBe('002:18');
    expect(of('jinan-lixia-2023').partyCommitteeReport?.source).toBe('002:20');
    expect(of('jinan-lixia-2023').fairCompetitionReview?.source).toBe('002:40');
    expect(of('jinan-lixia-2023').evaluation.source).toBe('002:21');
    const zd = of('zibo-zhangdian-2022');
    expect([zd.catalogue.source, zd.publicOpinionAssessment, zd.fairCompetitionReview?.source, zd.partyCommitteeReport?.source, zd.peoplesCongressReport, zd.cppccConsultation, zd.evaluation.source]).toEqual([
      '003:27', { value: true, source: '003:29' }, '003:29', '003:31', { value: true, source: '003:31' }, { value: true, source: '003:31' }, '003:32',
    ]);
    expect(of('chaoyang-shuangta-2022').partyCommitteeReport?.source).toBe('001:25');
    expect(of('chaoyang-shuangta-2022').legalityReview.source).toBe('001:25');
    expect(of('chaoyang-shuangta-2022').fairCompetitionReview).toBeNull();
    expect(of('rizhao-2017').higherApproval.source).toBe('004:12');
    expect(of('rizhao-2017').publicParticipation.source).toBe('004:21');
    expect(of('rizhao-2017').evaluation.source).toBe('decree713:35');
    expect(of('rizhao-2017').publicOpinionAssessment).toEqual({ value: false, source: 'none:004' });
  });
});

describe('major decisions: the gates', () => {
  it('decree713:15: under 30 days of comments only with a reason', () => {
    expect(commentPeriodViolation(JS, 30)).toBeUndefined();
    expect(commentPeriodViolation(JS, 29)).toEqual({ field: 'data.shortPeriodReason', reason: expect.stringContaining('decree713:15') });
    expect(commentPeriodViolation(JS, 29, '  ')).toBeDefined();
    expect(commentPeriodViolation(JS, 15, '防汛应急工程，须在汛期前决策')).toBeUndefined();
  });

  it('decree713:16: hearing materials at least 7 days before the hearing', () => {
    expect(hearingMaterialsViolation(JS, '2026-12-20T02:00:00Z', '2026-12-13T02:00:00Z')).toBeUndefined();
    expect(hearingMaterialsViolation(JS, '2026-12-20T02:00:00Z', '2026-12-13T02:00:01Z')).toMatchObject({ field: 'data.materialsSentAt', reason: expect.stringContaining('decree713:16') });
  });

  it('decree713:26: sent on Thu 24 Sep 2026, the meeting can be no earlier than 24:00 on the 7th working day (Mon 12 Oct, across National Day)', () => {
    const earliest = earliestMeetingAfterReview(JS, '2026-09-24T02:00:00.000Z', TABLE);
    // 25–27 Sep and 1–7 Oct off; 28, 29, 30 Sep, 8, 9, 10 (adjusted Saturday) and 12 Oct count.
    expect(earliest).toBe(endOf('2026-10-12'));
    expect(legalityLeadViolation(JS, earliest, '2026-10-13T01:00:00.000Z')).toBeUndefined();
    expect(legalityLeadViolation(JS, earliest, '2026-10-12T01:00:00.000Z')).toMatchObject({ field: 'data.plannedMeetingAt', reason: expect.stringContaining('decree713:26') });
  });

  it('decree713:22–24: only a high risk sends the draft back', () => {
    expect([needsAdjustment('low'), needsAdjustment('medium'), needsAdjustment('high')]).toEqual([false, false, true]);
  });

  it('the comment summary answers every theme; a theme not adopted says why', () => {
    expect(summaryViolations([], 3)).toEqual([expect.objectContaining({ field: 'data.themes' })]);
    expect(summaryViolations([{ theme: '补助标准', commentCount: 2, response: 'not-adopted' }], 3)).toEqual([expect.objectContaining({ field: 'data.themes.0.explanation' })]);
    expect(summaryViolations([{ theme: '补助标准', commentCount: 4, response: 'adopted' }], 3)).toEqual([expect.objectContaining({ field: 'data.themes' })]);
    expect(summaryViolations([], 0)).toEqual([]);
  });

  it('decree713:30: views recorded, the chief last, against the majority only with a reason', () => {
    const views = (chief: MemberView['position'], others: MemberView['position'][]): MemberView[] => [
      ...others.map((position, i) => ({ memberId: `m${i}`, position, opinion: '意见' })),
      { memberId: 'chief', position: chief, opinion: '决定' },
    ];
    const rule = 'decree713:30';
    expect(collectiveDecisionViolations({ views: undefined, outcome: 'approved', chiefId: 'chief', rule })).toEqual([expect.objectContaining({ field: 'data.views' })]);
    expect(collectiveDecisionViolations({ views: views('approve', ['approve', 'not-approve']), outcome: 'approved', chiefId: 'chief', rule })).toEqual([]);
    expect(majorityPosition(views('approve', ['not-approve', 'not-approve', 'approve']), 'chief')).toBe('not-approve');
    const against = collectiveDecisionViolations({ views: views('approve', ['not-approve', 'not-approve', 'approve']), outcome: 'approved', chiefId: 'chief', rule });
    expect(against).toEqual([{ field: 'data.againstMajorityReason', reason: expect.stringContaining('decree713:30') }]);
    expect(collectiveDecisionViolations({ views: views('approve', ['not-approve', 'not-approve']), outcome: 'approved', chiefId: 'chief', rule, againstMajorityReason: '事关长远，须尽快实施' })).toEqual([]);
    const chiefFirst = [{ memberId: 'chief', position: 'approve' as const, opinion: '同意' }, { memberId: 'm1', position: 'approve' as const, opinion: '同意' }];
    expect(collectiveDecisionViolations({ views: chiefFirst, outcome: 'approved', chiefId: 'chief', rule })).toContainEqual(expect.objectContaining({ reason: expect.stringContaining('speaks last') }));
    expect(collectiveDecisionViolations({ views: views('not-approve', []), outcome: 'approved', chiefId: 'chief', rule })).toContainEqual(expect.objectContaining({ field: 'data.outcome' }));
  });

  it('every step declares its actions once, with Chinese and English labels and a strict schema', () => {
    for (const decl of Object.values(DECISION_STEPS)) {
      const views = actionsOf(decl);
      expect(views.length).toBeGreaterThan(0);
      for (const v of views) expect(v.label).toMatch(/[\u4e00-\u9fa5]/);
      for (const v of views) expect(v.labelEn).toMatch(/^[A-Z]/);
      for (const action of Object.values(decl.actions)) expect(action.schema.safeParse({ unexpected: 1 }).success).toBe(false);
      expect(decl.rule(JS) === null || typeof decl.rule(JS)!.source === 'string').toBe(true);
    }
  });
});
