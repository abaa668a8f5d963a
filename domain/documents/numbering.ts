import type { Cited } from '../citation';
import type { IssuerKind } from './attributes';
import type { DocumentKind } from './kinds';
import type { DocumentRules } from './rules';

/**
 * The printed issuer code (机关代字) of a document: it names the kind of issuance — 政发 for the
 * government's formal documents, 政函 for its letters, 政办发 / 政办函 for the office's. The number's
 * sequence runs per printed code and year (national-rules.md, docs2012:9), so two kinds that
 * printed the same code would print the same number: a letter takes the letter code.
 * @example issuerCodeFor(rulebookFor('jinan-shizhong-2023').documents, 'government', 'letter').value === '市中政函'
 */
export function issuerCodeFor(rules: DocumentRules, issuer: IssuerKind, kind: DocumentKind): Cited<string> {
  return kind === 'letter' ? rules.letterIssuerCodes[issuer] : rules.issuerCodes[issuer];
}
