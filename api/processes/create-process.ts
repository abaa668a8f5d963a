import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { BadRequest } from '../errors';
import type { RouteResponse } from '../routes/define-route';

const idempotencyKey = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');

/** The body field a client may send instead of the Idempotency-Key header. */
export const idempotencyKeyField = idempotencyKey.optional();

/** The Idempotency-Key header, held to the same rules as the body field; undefined when not sent. */
export function idempotencyKeyHeader(req: Request): string | undefined {
  const raw = req.get('Idempotency-Key');
  if (raw === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(raw);
  if (!parsed.success)
    throw new BadRequest('invalid Idempotency-Key header', parsed.error.issues.map((issue) => ({ field: 'Idempotency-Key', reason: issue.message })));
  return parsed.data;
}

/** What every create route answers: 201 for a new process, 200 for a retried key. */
export const CREATED_RESPONSES: Record<number, RouteResponse> = {
  201: { description: 'started; Location names the process', schema: z.object({ id: z.string(), created: z.boolean() }) },
  200: { description: 'the same idempotency key was used before: the existing process' },
  422: { description: 'the idempotency key was used before with a different request (problem+json naming Idempotency-Key)' },
};

/** The client's key (body field, then header), or a fresh one: the same key finds the same process. */
export function clientKey(body: { idempotencyKey?: string }, req: Request): string {
  const header = idempotencyKeyHeader(req);
  return body.idempotencyKey ?? header ?? randomUUID();
}

/** Sets 201 or 200 and the Location of the process, and returns the body to send. */
export function answerStarted<T extends { id: string; created: boolean }>(res: Response, started: T): T {
  res.status(started.created ? 201 : 200).location(`/v1/processes/${encodeURIComponent(started.id)}`);
  return started;
}

/** The ids of a list of `{ id }` entries, as the tuple z.enum takes. */
export function idsOf<T extends readonly { id: string }[]>(list: T): [T[number]['id'], ...T[number]['id'][]] {
  return list.map((x) => x.id) as [T[number]['id'], ...T[number]['id'][]];
}
