import type { RequestHandler } from 'express';
import { z } from 'zod';
import { addComment, getConsultation, listConsultations } from '../../db/consultation-repository';
import type { Database } from '../../db/database';
import { listPublishedDecisions } from '../../db/major-decision-repository';
import { sha256Hex } from '../../domain/hash/sha256';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { Conflict, NotFound } from '../errors';
import { textProblem } from '../input-guard';
import { defineRoute, type RouteDefinition } from '../routes/define-route';

export const listQuery = z.object({
  status: z.enum(['open', 'closed']).default('open'),
  jurisdiction: z.enum(JURISDICTION_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const pageQuery = listQuery.omit({ status: true });

const plainText = (v: string) => !textProblem(v);
/** What a citizen sends: validated here, stored as is; the contact is never shown publicly. */
export const commentBody = z.object({
  body: z.string().trim().min(5, '意见至少5个字').max(2000, '意见不超过2000字').refine(plainText, '意见含有无法保存的字符'),
  contact: z
    .string()
    .trim()
    .max(100, '联系方式不超过100字')
    .refine(plainText, '联系方式含有无法保存的字符')
    .optional()
    .transform((v) => (v ? v : undefined))
    .describe('optional, for the drafting unit only; never shown publicly'),
});

export const consultationParams = z.object({ id: z.string().regex(/^decision\.[\w.-]{1,200}$/, 'a major decision id') });

/** Stores a comment for a client; undefined refusal means stored. */
export async function storeComment(db: Database, id: string, body: z.output<typeof commentBody>, clientIp: string | undefined) {
  return addComment(db, { consultationId: id, body: body.body, contact: body.contact, clientHash: sha256Hex(clientIp ?? ''), at: new Date().toISOString() });
}

/** Runs `limit` in front of a route's handler (express-rate-limit per client). */
function limited(route: RouteDefinition, limit: RequestHandler): RouteDefinition {
  return {
    ...route,
    handle: (req, res, next) =>
      limit(req, res, (err?: unknown) => {
        if (err) return next(err);
        // Called from the limiter's callback, not by express: a rejected handler goes to next() by hand.
        Promise.resolve(route.handle(req, res, next)).catch(next);
      }),
  };
}

/** The consultation portal as JSON for programs (the same addresses serve the pages to browsers). */
export function consultationRoutes({ db, commentLimit }: { db: Database; commentLimit: RequestHandler }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/public/consultations',
      summary: 'Consultations on major decisions (意见征集): open ones by closing date, or closed ones with their results',
      tags: ['public'],
      auth: false,
      query: listQuery,
      responses: { 200: { description: 'consultations without their texts' } },
      handler: async ({ query }) => ({ items: (await listConsultations(db, query)).map(({ draft: _d, grounds: _g, ...c }) => c) }),
    }),
    defineRoute({
      method: 'get',
      path: '/public/consultations/:id',
      summary: 'One consultation: draft, grounds, period (and the reason for a shorter one), hearing notice, comment count, the summary with responses',
      tags: ['public'],
      auth: false,
      params: consultationParams,
      responses: { 200: { description: 'the consultation' }, 404: { description: 'no such consultation' } },
      handler: async ({ params }) => {
        const c = await getConsultation(db, params.id);
        if (!c) throw new NotFound(`no consultation ${params.id}`);
        return c;
      },
    }),
    limited(
      defineRoute({
        method: 'post',
        path: '/public/consultations/:id/comments',
        summary: 'Comment on a draft while its period is open (no login; rate-limited per client); answers the receipt number',
        tags: ['public'],
        auth: false,
        params: consultationParams,
        body: commentBody,
        responses: {
          201: { description: 'stored', schema: z.object({ receipt: z.string().describe('e.g. YJ20261124-7K3M9QXA') }) },
          404: { description: 'no such consultation' },
          409: { description: 'the comment period is over' },
          429: { description: 'too many comments from this client' },
        },
        handler: async ({ params, body, req }) => {
          const stored = await storeComment(db, params.id, body, req.ip);
          if ('refused' in stored) {
            if (stored.refused === 'unknown') throw new NotFound(`no consultation ${params.id}`);
            throw new Conflict('the comment period is over; no more comments are accepted');
          }
          return { receipt: stored.receipt };
        },
      }),
      commentLimit,
    ),
    defineRoute({
      method: 'get',
      path: '/public/major-decisions',
      summary: 'Published major decisions (重大行政决策), newest first, with their document numbers',
      tags: ['public'],
      auth: false,
      query: pageQuery,
      responses: { 200: { description: 'published decisions' } },
      handler: async ({ query }) => ({ items: await listPublishedDecisions(db, query) }),
    }),
  ];
}
