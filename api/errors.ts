import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { zhIssue, zhReason } from '../domain/field-messages';

/** One reason a request was refused, tied to the field it concerns (`daysOff[1]`, `jurisdiction`). */
export interface FieldError {
  field: string;
  /** English, stable: what clients and tests match on. */
  reason: string;
  /** 中文, for the person: shown beside the field (filled in from `reason` when the code gave none). */
  message?: string;
}

/** RFC 9457 problem details, as every error leaves the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
}

/** Problem types are URNs: stable identifiers for clients to switch on, not pages to fetch. */
const problemType = (slug: string) => `urn:govflow:problem:${slug}`;

/** An error the API answers with its own status; everything else is a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** 400: the request is invalid; `errors` names each field and why. */
export class BadRequest extends HttpError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(400, 'bad-request', 'Bad Request', detail, errors);
  }
}

/** 401: no valid bearer token. */
export class Unauthorized extends HttpError {
  constructor(detail = 'a valid bearer token is required') {
    // RFC 6750 §3: tell the client which scheme to use.
    super(401, 'unauthorized', 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer realm="govflow"' });
  }
}

/** 403: authenticated, but the caller's roles or position do not allow this. */
export class Forbidden extends HttpError {
  constructor(detail = 'your roles do not allow this') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

/** 404: no such resource. */
export class NotFound extends HttpError {
  constructor(detail = 'not found') {
    super(404, 'not-found', 'Not Found', detail);
  }
}

/** 409: the request conflicts with the current state (task already decided, step moved on). */
export class Conflict extends HttpError {
  constructor(detail: string) {
    super(409, 'conflict', 'Conflict', detail);
  }
}

/** 422: the request is well formed but cannot be processed as sent (an idempotency key reused with another body). */
export class UnprocessableContent extends HttpError {
  constructor(detail: string, errors: FieldError[] = []) {
    super(422, 'unprocessable-content', 'Unprocessable Content', detail, errors);
  }
}

/** `daysOff[1]`, `absence.to`; the whole value is `(body)`, `(query)` … when the path is empty. */
export function fieldPath(path: readonly PropertyKey[], whole = '(body)'): string {
  if (path.length === 0) return whole;
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** A zod failure as field errors; the caller says which part of the request it was about. */
export function zodFieldErrors(error: z.ZodError, whole = '(body)'): FieldError[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path, whole), reason: issue.message, message: zhIssue(issue) }));
}

/** Writes a problem+json response. */
export function sendProblem(req: Request, res: Response, problem: Omit<Problem, 'type' | 'instance'> & { slug: string }): void {
  const { slug, errors, ...rest } = problem;
  const body: Problem & { requestId?: string } = {
    type: problemType(slug),
    ...rest,
    ...(errors ? { errors: errors.map((e) => ({ ...e, message: e.message ?? zhReason(e.reason) })) } : {}),
    instance: req.originalUrl,
    requestId: req.id,
  };
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

/** body-parser's errors carry a `type` and an HTTP status of their own. */
interface BodyParserError extends Error {
  type: string;
  status: number;
  expose?: boolean;
}
const isBodyParserError = (err: unknown): err is BodyParserError =>
  err instanceof Error && typeof (err as BodyParserError).type === 'string' && typeof (err as BodyParserError).status === 'number';

/**
 * body-parser passes a decompression failure (zlib's Z_DATA_ERROR, brotli's, …) on with status
 * 400 but without the `type` its own errors carry.
 */
const isUndecodableBody = (err: unknown, req: Request): boolean =>
  err instanceof Error && (err as { status?: unknown }).status === 400 && (err as { type?: unknown }).type === undefined && req.get('content-encoding') !== undefined;

/**
 * The one error middleware, mounted last: typed errors, zod errors and body-parser failures become
 * problem+json; anything else is logged and answered with a bare 500 so internals never leak.
 */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err); // express closes the connection
    if (err instanceof HttpError) {
      res.set(err.headers);
      return sendProblem(req, res, { slug: err.slug, title: err.title, status: err.status, detail: err.message, errors: err.errors });
    }
    if (err instanceof z.ZodError) {
      return sendProblem(req, res, { slug: 'bad-request', title: 'Bad Request', status: 400, detail: 'the request is invalid', errors: zodFieldErrors(err) });
    }
    if (isUndecodableBody(err, req)) {
      return sendProblem(req, res, {
        slug: 'bad-request',
        title: 'Bad Request',
        status: 400,
        detail: 'the body could not be decoded as its Content-Encoding says',
        errors: [{ field: 'Content-Encoding', reason: `the body is not valid ${req.get('content-encoding')} data` }],
      });
    }
    if (isBodyParserError(err) && err.status < 500) {
      const malformed = err.type === 'entity.parse.failed';
      return sendProblem(req, res, {
        slug: malformed ? 'bad-request' : 'unreadable-body',
        title: malformed ? 'Bad Request' : 'Unreadable Body',
        status: err.status,
        detail: malformed ? 'the body is not valid JSON' : err.expose ? err.message : 'the body could not be read',
        errors: malformed ? [{ field: '(body)', reason: err.message }] : undefined,
      });
    }
    (req.log ?? log).error({ err }, 'unhandled error');
    sendProblem(req, res, { slug: 'internal', title: 'Internal Server Error', status: 500, detail: 'something went wrong; the request id identifies it in the logs' });
  };
}
