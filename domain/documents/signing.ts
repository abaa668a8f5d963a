import type { Rulebook } from '../rulebooks/types';
import type { Direction, IssuerKind } from './attributes';
import type { DocumentKind } from './kinds';
import type { RouteCondition, SigningRoute, SigningStep } from './rules';

/** Subjects some texts route by, whatever the kind: 人员任免 (001:55, 004:50(三)), 出国(境)报批 (004:50(四)). */
export const DOCUMENT_SUBJECTS = [
  { id: 'appointment', zh: '人员任免' },
  { id: 'trip-abroad', zh: '出国（境）报批' },
] as const;
export type DocumentSubject = (typeof DOCUMENT_SUBJECTS)[number]['id'];

export interface SigningQuery {
  issuer: IssuerKind;
  kind: DocumentKind;
  direction?: Direction;
  severalPortfolios?: boolean;
  viewsDiffer?: boolean;
  chiefAgreedBeforehand?: boolean;
  decidedAtStandingMeeting?: boolean;
  important?: boolean;
  /** What the document is about where the matrix routes by subject (documents.subjectRoutes). */
  subject?: DocumentSubject;
  /** To be sent to the party committee (报送区委/市委的文件): see documents.partyCommitteeSignedByChief. */
  toPartyCommittee?: boolean;
}

function holds(condition: RouteCondition, q: SigningQuery): boolean {
  switch (condition) {
    case 'several-portfolios':
      return q.severalPortfolios === true;
    case 'views-differ':
      return q.viewsDiffer === true;
    case 'chief-agreed-beforehand':
      return q.chiefAgreedBeforehand === true;
    case 'decided-at-standing-meeting':
      return q.decidedAtStandingMeeting === true;
    case 'important':
      return q.important === true;
    case 'appointment':
      return q.subject === 'appointment';
    case 'trip-abroad':
      return q.subject === 'trip-abroad';
  }
}

function matches(route: SigningRoute, q: SigningQuery): boolean {
  if (route.issuer !== q.issuer) return false;
  if (route.kinds !== 'all' && !route.kinds.includes(q.kind)) return false;
  if (route.direction !== undefined && route.direction !== q.direction) return false;
  return route.when === undefined || route.when.some((c) => holds(c, q));
}

/** The route of the signing-authority matrix (签发权限) that applies to a draft. */
export function signingRoute(rulebook: Rulebook, q: SigningQuery): SigningRoute {
  const route = rulebook.documents.signing.find((r) => matches(r, q));
  if (!route)
    throw new RangeError(
      `${rulebook.id}: no signing route for ${q.issuer} ${q.kind}${q.direction ? ` (${q.direction})` : ''}` +
        ' — the direction may be missing',
    );
  return route;
}

/**
 * The steps a draft passes before it is issued, in order, each with its article.
 * @throws RangeError when no route covers the draft (e.g. a letter whose direction decides the route but is not given).
 * @example
 * signingChain(rulebookFor('jinan-lixia-2023'), { issuer: 'government', kind: 'letter', direction: 'downward', severalPortfolios: true })
 * // [{ role: 'chief', act: 'issue', rule: '002:55' }]
 */
export function signingChain(rulebook: Rulebook, q: SigningQuery): readonly SigningStep[] {
  const steps = signingRoute(rulebook, q).steps;
  const chiefSigns = rulebook.documents.partyCommitteeSignedByChief;
  return q.toPartyCommittee && chiefSigns.value ? endingWithTheChief(steps, chiefSigns.source) : steps;
}

/** Issuing roles the chief may hold: where the chief must sign, they become the chief. */
const CHIEF_AMONG: readonly SigningStep['role'][] = ['executive-vice-chief-or-chief', 'chief-or-vice-chief', 'chief-or-authorised-vice-chief'];

/**
 * The route's steps made to end with the chief's 签发 (需报送区委的,原则上由区长签批, 000:64/002:52):
 * the chief's own 签发 now cites the rule; any other signer's 签发 becomes their 审签, the chief's follows.
 */
function endingWithTheChief(steps: readonly SigningStep[], rule: SigningStep['rule']): readonly SigningStep[] {
  const last = steps[steps.length - 1];
  const before = steps.slice(0, -1);
  if (last.role === 'chief' || CHIEF_AMONG.includes(last.role)) return [...before, { role: 'chief', act: 'issue', rule }];
  return [...before, { ...last, act: 'sign-off' }, { role: 'chief', act: 'issue', rule }];
}
