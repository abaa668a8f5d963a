import { describe, expect, it } from 'vitest';
import { formatDocumentNumber } from '../../db/document-number-repository';
import { DOCUMENT_KINDS, ISSUER_KINDS } from '../../domain/documents';
import { issuerCodeFor } from '../../domain/documents/numbering';
import { JURISDICTION_IDS, type JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';

/**
 * documents.issuerCodes / documents.letterIssuerCodes (机关代字) of every jurisdiction, through the
 * function the official-document workflow numbers a document with (issuerCodeFor) and the
 * formatter of the 发文字号. Where an article names the code it is cited: 000:98 repeals
 * 「市中政发〔2022〕2号」, 002:78 「历下政发〔2017〕14号」, 004:60 「日政发〔2012〕8号」, 003:89 the office's
 * 「张政办发〔2019〕2号」; the others are the office's own setting (policy:issuer-code) — 朝双政发 and
 * 张政发 are printed only in the seeds' headers, which are no article.
 */
const CODES = [
  // jurisdiction, issuer, formal code and its citation, letter (函) code and its citation
  ['jinan-shizhong-2023', 'government', '市中政发', '000:98', '市中政函', 'policy:issuer-code'],
  ['jinan-shizhong-2023', 'office', '市中政办发', 'policy:issuer-code', '市中政办函', 'policy:issuer-code'],
  ['chaoyang-shuangta-2022', 'government', '朝双政发', 'policy:issuer-code', '朝双政函', 'policy:issuer-code'],
  ['chaoyang-shuangta-2022', 'office', '朝双政办发', 'policy:issuer-code', '朝双政办函', 'policy:issuer-code'],
  ['jinan-lixia-2023', 'government', '历下政发', '002:78', '历下政函', 'policy:issuer-code'],
  ['jinan-lixia-2023', 'office', '历下政办发', 'policy:issuer-code', '历下政办函', 'policy:issuer-code'],
  ['zibo-zhangdian-2022', 'government', '张政发', 'policy:issuer-code', '张政函', 'policy:issuer-code'],
  ['zibo-zhangdian-2022', 'office', '张政办发', '003:89', '张政办函', 'policy:issuer-code'],
  ['rizhao-2017', 'government', '日政发', '004:60', '日政函', 'policy:issuer-code'],
  ['rizhao-2017', 'office', '日政办发', 'policy:issuer-code', '日政办函', 'policy:issuer-code'],
] as const;

describe('documents.issuerCodes and documents.letterIssuerCodes — the 发文字号 of each jurisdiction', () => {
  it('the table names every jurisdiction and issuer once', () => {
    expect(new Set(CODES.map(([j, issuer]) => `${j}/${issuer}`))).toEqual(new Set(JURISDICTION_IDS.flatMap((j) => ISSUER_KINDS.map((k) => `${j}/${k.id}`))));
  });

  it.each(CODES)(
    '%s %s — documents.issuerCodes: every kind but a letter is numbered %s〔year〕n号 (%s); documents.letterIssuerCodes: a letter %s〔year〕n号 (%s)',
    (j, issuer, code, source, letterCode, letterSource) => {
      const rules = rulebookFor(j as JurisdictionId).documents;
      for (const kind of DOCUMENT_KINDS.filter((k) => k.id !== 'letter')) {
        expect(issuerCodeFor(rules, issuer, kind.id), kind.id).toEqual({ value: code, source });
        expect(formatDocumentNumber({ issuerCode: issuerCodeFor(rules, issuer, kind.id).value, year: 2026, seq: 3 })).toBe(`${code}〔2026〕3号`);
      }
      expect(issuerCodeFor(rules, issuer, 'letter')).toEqual({ value: letterCode, source: letterSource });
      expect(formatDocumentNumber({ issuerCode: issuerCodeFor(rules, issuer, 'letter').value, year: 2026, seq: 3 })).toBe(`${letterCode}〔2026〕3号`);
      // A letter runs its own sequence (docs2012:9): its number never equals a formal document's.
      expect(letterCode).not.toBe(code);
    },
  );
});
