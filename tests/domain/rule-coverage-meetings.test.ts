import { describe, expect, it } from 'vitest';
import { JURISDICTION_IDS, type JurisdictionId } from '../../domain/jurisdictions';
import { applicationViolations } from '../../domain/meetings/materials';
import { rulebookFor } from '../../domain/rulebooks';
import { RULE_CORRECTIONS } from '../../domain/rulebooks/corrections';

/**
 * Standing-meeting rules where a text is silent (null in the rulebook): nothing is asked of anyone
 * there, and the jurisdiction whose text speaks is asked — so each test fails if either side
 * changes. Rules read only inside workflows are also checked against RULE_CORRECTIONS: an entry no
 * correction names is the value every process of that jurisdiction reads (workflows/rules/rule-in-force.ts).
 */
const meetings = (j: JurisdictionId) => rulebookFor(j).meetings;
const uncorrected = (j: JurisdictionId, rule: string) => !RULE_CORRECTIONS.some((c) => c.jurisdiction === j && c.rule === rule);
const silentIn = (speaking: readonly JurisdictionId[]) => JURISDICTION_IDS.filter((j) => !speaking.includes(j));

describe('meetings.minSolutionOptions — 001:41 「主管部门应提出两个以上解决方案」; the other texts ask for no number of options', () => {
  it.each(silentIn(['chaoyang-shuangta-2022']))('%s — meetings.minSolutionOptions silent: an item with one option or none is not refused for it', (j) => {
    expect(meetings(j).minSolutionOptions).toBeNull();
    expect(applicationViolations(meetings(j), '汇报材料', []).filter((e) => e.field === 'options')).toEqual([]);
    expect(applicationViolations(meetings(j), '汇报材料', ['方案一']).filter((e) => e.field === 'options')).toEqual([]);
  });

  it('001:41 minSolutionOptions — one option is refused, two are enough', () => {
    const rules = meetings('chaoyang-shuangta-2022');
    expect(rules.minSolutionOptions).toEqual({ value: 2, source: '001:41' });
    expect(applicationViolations(rules, '汇报材料', ['方案一'])).toEqual([{ field: 'options', reason: 'at least 2 solution options (001:41); 1 given' }]);
    expect(applicationViolations(rules, '汇报材料', ['方案一', '方案二'])).toEqual([]);
  });
});

describe('meetings.partyCommitteeFiledBy — only 003:54 files the agenda with the party committee (主办部门…向区委报备)', () => {
  it.each(silentIn(['zibo-zhangdian-2022']))('%s — meetings.partyCommitteeFiledBy silent: no filing is asked at all, so nobody is named to file', (j) => {
    expect(meetings(j).partyCommitteeFiledBy).toBeNull();
    // The standing meeting files only `if (rules.partyCommitteeFiling)` (workflows/standing-meeting.ts).
    expect(meetings(j).partyCommitteeFiling).toBeNull();
  });

  it('003:54 partyCommitteeFiledBy — the lead unit files, 3 working days before', () => {
    expect(meetings('zibo-zhangdian-2022').partyCommitteeFiledBy).toEqual({ value: 'lead-unit', source: '003:54' });
    expect(meetings('zibo-zhangdian-2022').partyCommitteeFiling).toEqual({ value: { unit: 'workingDays', n: 3 }, source: '003:54' });
  });
});

describe('meetings.prerequisites.normativeDocument — a legality review before the meeting only where the text asks it', () => {
  // 002:24 files normative documents for review after they are made (报送市政府和区人大常委会备案), and
  // 004:10 sends those that are major decisions through the decision procedure: neither asks a
  // legality review before the standing meeting.
  it.each(['jinan-lixia-2023', 'rizhao-2017'] as const)('%s — prerequisites.normativeDocument silent: a normative-document item needs no prerequisite', (j) => {
    expect(meetings(j).prerequisites.normativeDocument).toBeNull();
    expect(uncorrected(j, 'meetings.prerequisites.normativeDocument')).toBe(true);
  });

  it('000:31, 001:41, 003:53 normativeDocument — the legality review first', () => {
    expect(meetings('jinan-shizhong-2023').prerequisites.normativeDocument).toEqual({ value: ['legality-review'], source: '000:31' });
    expect(meetings('chaoyang-shuangta-2022').prerequisites.normativeDocument).toEqual({ value: ['legality-review'], source: '001:41' });
    expect(meetings('zibo-zhangdian-2022').prerequisites.normativeDocument).toEqual({ value: ['legality-review'], source: '003:53' });
  });
});

describe('meetings.minutesLimit and meetings.majorRevisionLimit — limits only where a text sets one', () => {
  // 001:46 「会议纪要原则上在会议结束后2个工作日内印发」; 000:53, 002:45, 003:56, 004:43 say who signs, not when.
  it.each(silentIn(['chaoyang-shuangta-2022']))('%s — meetings.minutesLimit silent: the minutes run on no deadline', (j) => {
    expect(meetings(j).minutesLimit).toBeNull();
    expect(uncorrected(j, 'meetings.minutesLimit')).toBe(true);
  });

  it('001:46 minutesLimit — 2 working days from the meeting', () => {
    expect(meetings('chaoyang-shuangta-2022').minutesLimit).toEqual({ value: { unit: 'workingDays', n: 2 }, source: '001:46' });
  });

  // 003:57 alone gives a major revision its own limit (10 working days); elsewhere the outcome form refuses data.majorRevision.
  it.each(silentIn(['zibo-zhangdian-2022']))('%s — meetings.majorRevisionLimit silent: no major revision can be recorded', (j) => {
    expect(meetings(j).majorRevisionLimit).toBeNull();
    expect(uncorrected(j, 'meetings.majorRevisionLimit')).toBe(true);
  });

  it('003:57 majorRevisionLimit — 10 working days', () => {
    expect(meetings('zibo-zhangdian-2022').majorRevisionLimit).toEqual({ value: { unit: 'workingDays', n: 10 }, source: '003:57' });
  });
});

describe('cited entries read only inside workflows: the rulebook value and its citation', () => {
  it('003:56 minutesSignedBy — 「区政府常务会议、区长办公会议的纪要，由区长签发」', () => {
    expect(meetings('zibo-zhangdian-2022').minutesSignedBy).toEqual({ value: 'chief', source: '003:56' });
  });

  it('policy:minutes-signature minutesSignedBy — 004:43 says minutes are made (市政府常务会议形成会议纪要) but not who signs; the office has the mayor sign', () => {
    expect(meetings('rizhao-2017').minutesSignedBy).toEqual({ value: 'chief', source: 'policy:minutes-signature' });
  });

  it('policy:coordination coordination — 001 asks units to agree before an item is submitted but names no procedure for a disagreement', () => {
    expect(meetings('chaoyang-shuangta-2022').coordination).toEqual({ value: true, source: 'policy:coordination' });
  });

  it('001:58 forwardedByOffice — 「无明确意见的,政府办公室不得流转」: with a clear instruction, the office passes it on', () => {
    expect(rulebookFor('chaoyang-shuangta-2022').requests.forwardedByOffice).toEqual({ value: true, source: '001:58' });
  });
});
