import type { Rulebook } from '../rulebooks/types';
import type { Direction, IssuerKind } from './attributes';
import type { DocumentKind } from './kinds';
import type { RouteCondition, SigningRoute, SigningStep } from './rules';

export interface SigningQuery {
  issuer: IssuerKind;
  kind: DocumentKind;
  direction?: Direction;
  severalPortfolios?: boolean;
  viewsDiffer?: boolean;
  chiefAgreedBeforehand?: boolean;
  decidedAtStandingMeeting?: boolean;
  important?: boolean;
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
  return signingRoute(rulebook, q).steps;
}
