import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Role, User } from '../../domain/directory';
import { BadRequest, zodFieldErrors, type FieldError } from '../errors';
import '../types';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
/** `false`: public; `true`: any authenticated user; a role list: users holding one of them. */
export type RouteAuth = boolean | readonly Role[];

/** What a handler receives: the parsed (never the raw) params, query and body, and the caller. */
export interface RouteContext<P extends Schema, Q extends Schema, B extends Schema, A extends RouteAuth> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  user: A extends false ? User | undefined : User;
  req: Request;
  res: Response;
}

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
}

/** A route as its module declares it. */
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, A extends RouteAuth> {
  method: HttpMethod;
  /** Express style: '/v1/calendar/:year'. Every ':name' must be in `params`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The body as documented, when the route checks it loosely and the process strictly (task actions). */
  bodyDocs?: Record<string, unknown>;
  /** By status; 4xx/5xx without a schema are documented as problem+json. */
  responses: Record<number, RouteResponse>;
  /**
   * Returns the response body (sent as JSON with the route's single declared 2xx status, or the
   * status the handler set), or `undefined` after answering through `res` itself.
   */
  handler: (ctx: RouteContext<P, Q, B, A>) => Promise<unknown>;
}

/** A declared route, ready to mount (createApp) and to document (buildOpenApi). */
export interface RouteDefinition {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: RouteAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyDocs?: Record<string, unknown>;
  responses: Record<number, RouteResponse>;
  /** Validates, runs the handler, sends the result. Authentication is mounted in front by createApp. */
  handle: RequestHandler;
}

function parse<S extends Schema>(schema: S, value: unknown, whole: string, errors: FieldError[]): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Parsed<S>;
  errors.push(...zodFieldErrors(result.error, whole));
  return undefined as Parsed<S>;
}

/**
 * What createApp's middleware may answer on any route, for the OpenAPI document (a route's own
 * declaration wins): 403 from the jurisdiction and role checks every authenticated handler makes
 * (role-list routes get theirs, naming the roles, from buildOpenApi), 429 from the rate limits, 503
 * while Temporal does not answer (api/temporal-availability.ts).
 */
function platformResponses(auth: RouteAuth): Record<number, RouteResponse> {
  const responses: Record<number, RouteResponse> = {
    429: { description: auth === false ? 'too many requests from this client; Retry-After says when to try again' : 'too many refused tokens from this client; Retry-After says when to try again' },
  };
  if (auth === true) responses[403] = { description: 'your roles or jurisdiction do not allow this' };
  if (auth !== false) responses[503] = { description: 'the workflow service (Temporal) does not answer right now; Retry-After says when to try again' };
  return responses;
}

/**
 * Declares a route. The one way routes are written, so that validation, auth and the OpenAPI
 * document cannot drift apart.
 *
 * @throws {Error} at declaration time when a ':param' in the path has no `params` schema.
 * @example
 * defineRoute({
 *   method: 'get',
 *   path: '/v1/calendar/:year',
 *   summary: 'One year of the holiday calendar',
 *   tags: ['calendar'],
 *   auth: true,
 *   params: z.object({ year: z.coerce.number().int() }),
 *   responses: { 200: { description: 'the year', schema: holidayYearSchema }, 404: { description: 'not loaded' } },
 *   handler: async ({ params }) => getCalendarYear(db, params.year),
 * });
 */
export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, const A extends RouteAuth = RouteAuth>(
  spec: RouteSpec<P, Q, B, A>,
): RouteDefinition {
  const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (pathParams.length > 0 && !spec.params) throw new Error(`${spec.method.toUpperCase()} ${spec.path}: declare a params schema for :${pathParams.join(', :')}`);
  const successes = Object.keys(spec.responses).map(Number).filter((s) => s >= 200 && s < 300);
  // With one declared success status the handler need not set it; with several it must choose.
  const defaultStatus = successes.length === 1 ? successes[0] : 200;

  const handle: RequestHandler = async (req, res) => {
    if (spec.body && req.body === undefined && !req.is('application/json'))
      throw new BadRequest('send the body as JSON', [{ field: '(body)', reason: 'Content-Type must be application/json' }]);
    const errors: FieldError[] = [];
    const params = parse(spec.params as P, req.params, '(params)', errors);
    const query = parse(spec.query as Q, req.query, '(query)', errors);
    const body = parse(spec.body as B, req.body, '(body)', errors);
    if (errors.length > 0) throw new BadRequest(`${errors.length} invalid field${errors.length > 1 ? 's' : ''}`, errors);

    const result = await spec.handler({ params, query, body, user: req.user as RouteContext<P, Q, B, A>['user'], req, res });
    if (res.headersSent) return;
    const status = res.statusCode !== 200 ? res.statusCode : defaultStatus;
    if (result === undefined) res.status(status === 200 ? 204 : status).end();
    else res.status(status).json(result);
  };

  const { handler: _handler, ...declaration } = spec;
  return { ...declaration, responses: { ...platformResponses(spec.auth), ...spec.responses }, handle };
}
