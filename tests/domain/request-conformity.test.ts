import { describe, expect, it } from 'vitest';
import { JURISDICTION_IDS, type JurisdictionId } from '../../domain/jurisdictions';
import { conformityViolations, GOVERNMENT_ADDRESSEE, topicsNeedingOpinion, type RequestForm } from '../../domain/requests/conformity';
import { defaultFunctionalUnit, REQUEST_TOPIC_IDS } from '../../domain/requests/topics';
import { rulebookFor } from '../../domain/rulebooks';

const rules = (j: JurisdictionId) => rulebookFor(j).requests;
const JS: JurisdictionId = 'jinan-shizhong-2023';
const CS: JurisdictionId = 'chaoyang-shuangta-2022';
const RZ: JurisdictionId = 'rizhao-2017';

const conforming: RequestForm = {
  matters: ['关于拨付老旧小区改造配套资金的请示'],
  addressees: [GOVERNMENT_ADDRESSEE],
  skipsLevel: false,
  contactPerson: '王敏',
  contactPhone: '0531-86080000',
};
const reasonsOf = (form: Partial<RequestForm>, j: JurisdictionId) => conformityViolations({ ...conforming, ...form }, rules(j)).map((v) => `${v.reason} ${v.field} ${v.rule}`);

describe('请示 conformity — what the office returns (000:63, 001:51)', () => {
  it('a request with one matter, one addressee, contact details — conforms in every jurisdiction', () => {
    for (const j of JURISDICTION_IDS) expect(conformityViolations(conforming, rules(j)), j).toEqual([]);
  });

  it('000:61 — two matters in one request (一事一报) — several-matters', () => {
    expect(reasonsOf({ matters: ['a', 'b'] }, JS)).toEqual(['several-matters matters 000:61']);
  });

  it('000:63 — addressed to the government and the chief — several-addressees and addressed-to-leader', () => {
    expect(reasonsOf({ addressees: [GOVERNMENT_ADDRESSEE, 'js.chief'] }, JS)).toEqual(['several-addressees addressees 000:63', 'addressed-to-leader addressees 000:63']);
  });

  it('000:63 — the same addressee twice — is one addressee', () => {
    expect(reasonsOf({ addressees: [GOVERNMENT_ADDRESSEE, GOVERNMENT_ADDRESSEE] }, JS)).toEqual([]);
  });

  it('000:63 — to a vice chief personally (不得直接报送领导同志个人) — addressed-to-leader', () => {
    expect(reasonsOf({ addressees: ['js.vice-chief-wang'] }, JS)).toEqual(['addressed-to-leader addressees 000:63']);
  });

  it('000:63 — skipping a level (越级行文) — skips-level', () => {
    expect(reasonsOf({ skipsLevel: true }, JS)).toEqual(['skips-level skipsLevel 000:63']);
  });

  it('001:51 — no contact person or phone (联系人和联系电话) — no-contact in 001 only', () => {
    expect(reasonsOf({ contactPhone: undefined }, CS)).toEqual(['no-contact contactPhone 001:51']);
    expect(reasonsOf({ contactPerson: '  ' }, CS)).toEqual(['no-contact contactPerson 001:51']);
    for (const j of JURISDICTION_IDS.filter((x) => x !== CS)) {
      expect(reasonsOf({ contactPerson: undefined, contactPhone: undefined }, j), j).toEqual([]);
      expect(rules(j).contactRequired, j).toEqual({ value: false, source: `none:${rulebookFor(j).seed}` });
    }
  });

  it('each jurisdiction — cites its own article for one matter per request (000:61, 001:51, 002:51, 003:59, 004:48)', () => {
    const cited = Object.fromEntries(JURISDICTION_IDS.map((j) => [j, conformityViolations({ ...conforming, matters: ['a', 'b'] }, rules(j))[0].rule]));
    expect(cited).toEqual({
      'jinan-shizhong-2023': '000:61',
      'chaoyang-shuangta-2022': '001:51',
      'jinan-lixia-2023': '002:51',
      'zibo-zhangdian-2022': '003:59',
      'rizhao-2017': '004:48',
    });
  });

  it('every violation at once — all are listed, in a fixed order', () => {
    const all = conformityViolations({ matters: ['a', 'b'], addressees: [GOVERNMENT_ADDRESSEE, 'cs.chief'], skipsLevel: true }, rules(CS));
    expect(all.map((v) => v.reason)).toEqual(['several-matters', 'several-addressees', 'skips-level', 'addressed-to-leader', 'no-contact']);
    expect(all.every((v) => v.rule === '001:51')).toBe(true);
  });
});

describe('004:48 — the functional department gives its opinion first (财政经费、编制、因公出访、城市配套费减免、表彰奖励)', () => {
  it('004:48 — all five topics go to a functional department in 004', () => {
    expect(rules(RZ).functionalOpinionTopics).toEqual({ value: [...REQUEST_TOPIC_IDS], source: '004:48' });
    expect(topicsNeedingOpinion(['funding', 'award', 'funding'], rules(RZ))).toEqual(['funding', 'award']);
  });

  it('000, 001, 002, 003 — have no such step: a funding request goes straight to the proposal', () => {
    for (const j of JURISDICTION_IDS.filter((x) => x !== RZ)) {
      expect(rules(j).functionalOpinionTopics, j).toBeNull();
      expect(topicsNeedingOpinion([...REQUEST_TOPIC_IDS], rules(j)), j).toEqual([]);
    }
  });

  it('funding — defaults to the finance bureau (财政局); staffing — has no default, the request names it', () => {
    const units = [{ id: 'rz.education', name: '市教育局' }, { id: 'rz.finance', name: '市财政局' }];
    expect(defaultFunctionalUnit('funding', units)?.id).toBe('rz.finance');
    expect(defaultFunctionalUnit('staffing', units)).toBeUndefined();
  });
});

describe('routing and handling rules', () => {
  it('001:54, 003:60 — major matters go to the chief (重大事项报区长审批); 000, 002, 004 say nothing of it', () => {
    const major = Object.fromEntries(JURISDICTION_IDS.map((j) => [j, rules(j).majorToChief]));
    expect(major).toEqual({
      'jinan-shizhong-2023': { value: false, source: 'none:000' },
      'chaoyang-shuangta-2022': { value: true, source: '001:54' },
      'jinan-lixia-2023': { value: false, source: 'none:002' },
      'zibo-zhangdian-2022': { value: true, source: '003:60' },
      'rizhao-2017': { value: false, source: 'none:004' },
    });
  });

  it('000:71 — the handling unit explains a delay to the office; only 000 provides it', () => {
    for (const j of JURISDICTION_IDS) expect(rules(j).delayExplanation.value, j).toBe(j === JS);
    expect(rules(JS).delayExplanation.source).toBe('000:71');
  });

  it('docs2012:24 — where the local text says nothing of returning (002, 003, 004), the national 初审 rule applies', () => {
    expect(JURISDICTION_IDS.map((j) => rules(j).officeReturns.source)).toEqual(['000:63', '001:51', 'docs2012:24', 'docs2012:24', 'docs2012:24']);
  });
});
