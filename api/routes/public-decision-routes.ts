import { z } from 'zod';
import type { Database } from '../../db/database';
import { listPublishedDecisions } from '../../db/published-decision-repository';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { defineRoute, type RouteDefinition } from './define-route';

const decisionSchema = z.object({
  itemId: z.string(),
  jurisdiction: z.string(),
  meetingId: z.string(),
  title: z.string(),
  decision: z.string().describe('as the signed minutes record it'),
  outcome: z.string(),
  rule: z.string().describe('the article requiring publication, e.g. 000:53'),
  decidedAt: z.string(),
  publishedAt: z.string(),
});

const listQuery = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('default 50'),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** Decisions of the standing meeting, published unless confidential (000:53, 001:27, 003:36, 004:21): no token needed. */
export function publicDecisionRoutes({ db }: { db: Database }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/public/decisions',
      summary: 'Decisions of the standing meeting (决定事项公开), newest first',
      tags: ['public'],
      auth: false,
      query: listQuery,
      responses: { 200: { description: 'published decisions', schema: z.object({ items: z.array(decisionSchema) }) } },
      handler: async ({ query }) => ({ items: await listPublishedDecisions(db, { jurisdiction: query.jurisdiction, limit: query.limit ?? 50, offset: query.offset ?? 0 }) }),
    }),
  ];
}
