import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, signingChain } from '../../domain/documents';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';

const SHIZHONG = rulebookFor('jinan-shizhong-2023');
const SHUANGTA = rulebookFor('chaoyang-shuangta-2022');
const LIXIA = rulebookFor('jinan-lixia-2023');
const ZHANGDIAN = rulebookFor('zibo-zhangdian-2022');
const RIZHAO = rulebookFor('rizhao-2017');

describe('documents to the party committee (报送区委的文件) — partyCommitteeSignedByChief', () => {
  it('the rule per jurisdiction — 000:64 and 002:52 「需报送区委的,原则上由区长签批」, 001:55 「向[区]委报送的重要文件…由[区]长签发」; 003 and 004 silent', () => {
    expect(SHIZHONG.documents.partyCommitteeSignedByChief).toEqual({ value: true, source: '000:64' });
    expect(LIXIA.documents.partyCommitteeSignedByChief).toEqual({ value: true, source: '002:52' });
    expect(SHUANGTA.documents.partyCommitteeSignedByChief).toEqual({ value: true, source: '001:55' });
    expect(ZHANGDIAN.documents.partyCommitteeSignedByChief).toEqual({ value: false, source: 'none:003' });
    expect(RIZHAO.documents.partyCommitteeSignedByChief).toEqual({ value: false, source: 'none:004' });
  });

  it('000:64 — a government letter (便函, 000:67: office director 审签 → vice chief 签发) to the party committee — the vice chief 审签, the chief 签发', () => {
    expect(signingChain(SHIZHONG, { issuer: 'government', kind: 'letter' }).at(-1)).toEqual({ role: 'vice-chief', act: 'issue', rule: '000:67' });
    expect(signingChain(SHIZHONG, { issuer: 'government', kind: 'letter', toPartyCommittee: true })).toEqual([
      { role: 'office-director', act: 'sign-off', rule: '000:67' },
      { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
      { role: 'chief', act: 'issue', rule: '000:64' },
    ]);
  });

  it('000:64 — an office document (000:67: vice chief 审签 → office director 签发) to the party committee — the director 审签, the chief 签发', () => {
    expect(signingChain(SHIZHONG, { issuer: 'office', kind: 'report', toPartyCommittee: true })).toEqual([
      { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
      { role: 'office-director', act: 'sign-off', rule: '000:67' },
      { role: 'chief', act: 'issue', rule: '000:64' },
    ]);
  });

  it('000:64 — a formal government document already ends with the chief: the chief’s 签发 cites 000:64, the chain is otherwise the same', () => {
    expect(signingChain(SHIZHONG, { issuer: 'government', kind: 'report', toPartyCommittee: true })).toEqual([
      { role: 'office', act: 'review', rule: '000:67' },
      { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
      { role: 'chief', act: 'issue', rule: '000:64' },
    ]);
  });

  it('002:52 — a downward letter (002:55: the vice chief 签发) and an office document (002:55: the director 签发) to the party committee — the chief 签发', () => {
    expect(signingChain(LIXIA, { issuer: 'government', kind: 'letter', direction: 'downward', toPartyCommittee: true })).toEqual([
      { role: 'vice-chief', act: 'sign-off', rule: '002:55' },
      { role: 'chief', act: 'issue', rule: '002:52' },
    ]);
    expect(signingChain(LIXIA, { issuer: 'office', kind: 'report', toPartyCommittee: true })).toEqual([
      { role: 'office-deputy-director', act: 'review', rule: '002:55' },
      { role: 'vice-chief', act: 'sign-off', rule: '002:55' },
      { role: 'office-director', act: 'sign-off', rule: '002:55' },
      { role: 'chief', act: 'issue', rule: '002:52' },
    ]);
  });

  it('001:55 — an office document (the vice chief 签发) to the party committee — 经分管领导审核后,由区长签发', () => {
    expect(signingChain(SHUANGTA, { issuer: 'office', kind: 'report', toPartyCommittee: true })).toEqual([
      { role: 'vice-chief', act: 'sign-off', rule: '001:55' },
      { role: 'chief', act: 'issue', rule: '001:55' },
    ]);
    // 001:59's important letter, signed by the executive vice chief or the chief: the chief.
    expect(signingChain(SHUANGTA, { issuer: 'government', kind: 'letter', important: true, toPartyCommittee: true })).toEqual([{ role: 'chief', act: 'issue', rule: '001:55' }]);
  });

  it('none:003, none:004 — the flag changes nothing where the text is silent', () => {
    for (const rulebook of [ZHANGDIAN, RIZHAO])
      for (const issuer of ['government', 'office'] as const)
        expect(signingChain(rulebook, { issuer, kind: 'report', direction: 'upward', toPartyCommittee: true })).toEqual(signingChain(rulebook, { issuer, kind: 'report', direction: 'upward' }));
  });

  it('every jurisdiction that has the rule — every kind from either issuer to the party committee ends with the chief’s 签发 citing it', () => {
    for (const id of JURISDICTION_IDS) {
      const rulebook = rulebookFor(id);
      const rule = rulebook.documents.partyCommitteeSignedByChief;
      if (!rule.value) continue;
      for (const issuer of ['government', 'office'] as const)
        for (const { id: kind } of DOCUMENT_KINDS)
          expect(signingChain(rulebook, { issuer, kind, direction: 'upward', toPartyCommittee: true }).at(-1), `${id} ${issuer} ${kind}`).toEqual({ role: 'chief', act: 'issue', rule: rule.source });
    }
  });
});
