import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Queryable } from '../db/database';
import { directoryCache } from '../db/directory-repository';
import type { Role } from '../domain/directory';
import type { Config } from './config';
import { Forbidden, Unauthorized } from './errors';
import './types';

const ALGORITHM = 'HS256';
const keyOf = (secret: string) => new TextEncoder().encode(secret);
/** The secret as a WebCrypto key once: given raw bytes, jose imports them again on every verify. */
const verifyKeyOf = (secret: string) => crypto.subtle.importKey('raw', keyOf(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);

/**
 * Signs a bearer token for a directory user (the local dev issuer). The token names the user
 * only: roles are looked up in the directory on every request (kept up to DIRECTORY_CACHE_TTL_MS),
 * so a role change takes effect without reissuing tokens.
 *
 * @example
 * const token = await issueToken({ userId: 'js.chief', jurisdiction: 'jinan-shizhong-2023', secret, issuer: 'govflow-dev' });
 */
export async function issueToken(options: {
  userId: string;
  jurisdiction: string;
  secret: string;
  issuer: string;
  /** A jose time span ('8h', '30m') or seconds since the epoch; default 8 hours, a working day. */
  expiresIn?: string | number;
}): Promise<string> {
  return new SignJWT({ jurisdiction: options.jurisdiction })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(options.userId)
    .setIssuer(options.issuer)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(keyOf(options.secret));
}

/** Why a token was refused, in words a developer can act on; never the token itself. */
function reasonFor(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'exp' && err.reason === 'missing') return 'the token has no expiry (exp): tokens that never expire are not accepted';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${err.claim} claim is not accepted`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  return 'the token is malformed or not signed by this issuer';
}

/**
 * Middleware: verifies the bearer token, loads its subject from the directory (through the
 * process's directory cache: a change is seen within DIRECTORY_CACHE_TTL_MS, at once when written
 * through govflow in this process), and sets `req.user`. Anything wrong is a 401 problem.
 *
 * @throws {Unauthorized} (passed to the error middleware) for a missing, invalid or expired token,
 * or a subject that is no longer in the directory.
 */
export function authenticate(deps: { db: Queryable; config: Pick<Config, 'GOVFLOW_JWT_SECRET' | 'GOVFLOW_JWT_ISSUER'> }): RequestHandler {
  let key: Promise<CryptoKey> | undefined;
  const directory = directoryCache(deps.db);
  return async (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) throw new Unauthorized('send Authorization: Bearer <token> (npm run token gives one for local use)');
    let subject: string | undefined;
    let jurisdiction: unknown;
    try {
      const { payload } = await jwtVerify(match[1], await (key ??= verifyKeyOf(deps.config.GOVFLOW_JWT_SECRET)), {
        issuer: deps.config.GOVFLOW_JWT_ISSUER,
        algorithms: [ALGORITHM],
        // A leaked token without an expiry would work forever.
        requiredClaims: ['exp'],
      });
      subject = payload.sub;
      jurisdiction = payload.jurisdiction;
    } catch (err) {
      throw new Unauthorized(reasonFor(err));
    }
    if (!subject) throw new Unauthorized('the token names no user (sub)');
    const user = await directory.user(subject);
    if (!user) throw new Unauthorized(`user ${subject} is not in the directory`);
    // A token minted for another jurisdiction's user of the same id is not this user.
    if (jurisdiction !== undefined && jurisdiction !== user.jurisdiction) throw new Unauthorized(`the token's jurisdiction does not match user ${subject}`);
    req.user = user;
    next();
  };
}

/** True when the user holds at least one of the roles. */
export function hasRole(user: { roles: readonly Role[] }, roles: readonly Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

/**
 * Middleware after `authenticate`: 403 unless the caller holds one of the roles.
 *
 * @throws {Forbidden} naming the roles that would be allowed.
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new Unauthorized();
    if (!hasRole(req.user, roles)) throw new Forbidden(`this needs one of the roles: ${roles.join(', ')}`);
    next();
  };
}

/**
 * Middleware for GET /metrics: the configured scrape token (GOVFLOW_METRICS_TOKEN) as a bearer
 * token, or else `authenticate` and the operator role. Request counts by route say what the
 * government is doing; they are not public.
 *
 * @throws {Unauthorized} / {Forbidden} as `authenticate` and `requireRole('operator')` do.
 */
export function metricsAccess(deps: Parameters<typeof authenticate>[0] & { config: Pick<Config, 'GOVFLOW_METRICS_TOKEN'> }): RequestHandler {
  const scrape = deps.config.GOVFLOW_METRICS_TOKEN ? Buffer.from(deps.config.GOVFLOW_METRICS_TOKEN) : undefined;
  const isScrapeToken = (sent: string) => scrape !== undefined && Buffer.byteLength(sent) === scrape.length && timingSafeEqual(Buffer.from(sent), scrape);
  const auth = authenticate(deps);
  const operator = requireRole('operator');
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (match && isScrapeToken(match[1])) return next();
    // Returned, so that express 5 turns a rejection (401, 403) into the error middleware's problem.
    return auth(req, res, (err?: unknown) => (err ? next(err) : operator(req, res, next)));
  };
}
