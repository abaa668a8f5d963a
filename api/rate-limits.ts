import type { RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { HttpError } from './errors';

/** 429: this client sent too many requests of a kind; `Retry-After` says when to try again. */
export class TooManyRequests extends HttpError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'too-many-requests', 'Too Many Requests', detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export interface RateLimitSettings {
  /** Requests per client per minute on the endpoints anyone may call without a token. */
  publicPerMinute: number;
  /** Refused tokens (401) per client per minute before every authenticated request is refused. */
  authFailuresPerMinute: number;
}

const WINDOW_MS = 60_000;

function limiter(limit: number, what: string, extra: Parameters<typeof rateLimit>[0] = {}): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // A problem+json like every other error, through the error middleware.
    handler: (req, _res, next) => {
      const resetTime = (req as { rateLimit?: RateLimitInfo }).rateLimit?.resetTime?.getTime() ?? Date.now() + WINDOW_MS;
      next(new TooManyRequests(`more than ${limit} ${what} a minute from this client; try again later`, Math.max(1, Math.ceil((resetTime - Date.now()) / 1000))));
    },
    ...extra,
  });
}

/**
 * Per-client (IP address; behind a proxy set GOVFLOW_TRUST_PROXY) limits in memory, each app its
 * own counters: `publicEndpoints` in front of what needs no token, `authFailures` in front of
 * authentication, counting only the requests it refused, so guessing tokens stops after a few
 * tries while a client with a valid token is never slowed.
 */
export function createRateLimits(settings: RateLimitSettings) {
  return {
    publicEndpoints: limiter(settings.publicPerMinute, 'requests to public endpoints'),
    authFailures: limiter(settings.authFailuresPerMinute, 'refused tokens', {
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
  };
}
