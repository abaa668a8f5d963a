import { describe, expect, it } from 'vitest';
import { signingChain } from '../../domain/documents';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';

const SHUANGTA = rulebookFor('chaoyang-shuangta-2022');
const RIZHAO = rulebookFor('rizhao-2017');

describe('documents routed by subject — subjectRoutes: appointment (人员任免), tripAbroad (出国(境)报批)', () => {
  it('the rule per jurisdiction — 001:55 appointment; 004:50 appointment and tripAbroad; 000, 002, 003 silent (none)', () => {
    expect(SHUANGTA.documents.subjectRoutes).toEqual({ appointment: { value: true, source: '001:55' }, tripAbroad: { value: false, source: 'none:001' } });
    expect(RIZHAO.documents.subjectRoutes).toEqual({ appointment: { value: true, source: '004:50' }, tripAbroad: { value: true, source: '004:50' } });
    expect(rulebookFor('jinan-shizhong-2023').documents.subjectRoutes).toEqual({ appointment: { value: false, source: 'none:000' }, tripAbroad: { value: false, source: 'none:000' } });
    expect(rulebookFor('jinan-lixia-2023').documents.subjectRoutes).toEqual({ appointment: { value: false, source: 'none:002' }, tripAbroad: { value: false, source: 'none:002' } });
    expect(rulebookFor('zibo-zhangdian-2022').documents.subjectRoutes).toEqual({ appointment: { value: false, source: 'none:003' }, tripAbroad: { value: false, source: 'none:003' } });
  });

  it('every jurisdiction — a route with the subject’s condition exists exactly where the rule says so, citing it', () => {
    for (const id of JURISDICTION_IDS) {
      const documents = rulebookFor(id).documents;
      for (const [subject, rule] of [['appointment', documents.subjectRoutes.appointment], ['trip-abroad', documents.subjectRoutes.tripAbroad]] as const) {
        const routes = documents.signing.filter((r) => r.when?.includes(subject));
        expect(routes.length > 0, `${id} ${subject}`).toBe(rule.value);
        for (const route of routes) expect(route.rule, `${id} ${subject}`).toBe(rule.source);
      }
    }
  });

  it('001:55 — an appointment (人员任免文件): 人力资源和社会保障局负责初审 → the vice chief in charge reviews → the chief 签发', () => {
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'notice', subject: 'appointment' })).toEqual([
      { role: 'human-resources-bureau', act: 'review', rule: '001:55' },
      { role: 'vice-chief', act: 'review', rule: '001:55' },
      { role: 'chief', act: 'issue', rule: '001:55' },
    ]);
    // the same kind without the subject: the general route, no first check
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'notice' }).map((s) => s.role)).toEqual(['office', 'vice-chief', 'chief']);
  });

  it('004:50(三) — 处级干部任免公文,由市长签发 — the mayor, even where the standing meeting decided it (no authorised vice mayor)', () => {
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'decision', subject: 'appointment' })).toEqual([{ role: 'chief', act: 'issue', rule: '004:50' }]);
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'decision', subject: 'appointment', decidedAtStandingMeeting: true })).toEqual([{ role: 'chief', act: 'issue', rule: '004:50' }]);
  });

  it('004:50(四) — a trip abroad: vice mayor in charge and vice mayor for foreign affairs 审核 → mayor 审批 → 报市委同意 → the vice mayor for foreign affairs 签发', () => {
    expect(signingChain(RIZHAO, { issuer: 'government', kind: 'request', direction: 'upward', subject: 'trip-abroad' })).toEqual([
      { role: 'vice-chief', act: 'review', rule: '004:50' },
      { role: 'foreign-affairs-vice-chief', act: 'review', rule: '004:50' },
      { role: 'chief', act: 'approve', rule: '004:50' },
      { role: 'party-committee', act: 'consent', rule: '004:50' },
      { role: 'foreign-affairs-vice-chief', act: 'issue', rule: '004:50' },
    ]);
  });

  it('none:000, none:003 — a subject changes nothing where the text routes none', () => {
    for (const id of ['jinan-shizhong-2023', 'jinan-lixia-2023', 'zibo-zhangdian-2022'] as const)
      for (const subject of ['appointment', 'trip-abroad'] as const)
        expect(signingChain(rulebookFor(id), { issuer: 'government', kind: 'notice', subject })).toEqual(signingChain(rulebookFor(id), { issuer: 'government', kind: 'notice' }));
  });
});
