import { z } from 'zod';
import type { Database } from '../../db/database';
import { listPublishedDocuments } from '../../db/issued-document-repository';
import { chineseNameOf, type DocumentKind } from '../../domain/documents/kinds';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { defineRoute, type RouteDefinition } from './define-route';

const publishedSchema = z.object({
  number: z.string().describe('发文字号, e.g. 市中政发〔2026〕12号'),
  title: z.string(),
  kind: z.string(),
  kindZh: z.string(),
  issuer: z.enum(['government', 'office']),
  jurisdiction: z.string(),
  body: z.string(),
  bodySha256: z.string(),
  issuedAt: z.string(),
  publishedAt: z.string(),
});

const listQuery = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('default 50'),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

/** The public list of proactively published documents (政府信息公开, ogi2019:26): no token needed. */
export function publicDocumentRoutes({ db }: { db: Database }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/public/documents',
      summary: 'Proactively public documents (主动公开), newest first',
      tags: ['public'],
      auth: false,
      query: listQuery,
      responses: { 200: { description: 'published documents', schema: z.object({ items: z.array(publishedSchema) }) } },
      handler: async ({ query }) => {
        const docs = await listPublishedDocuments(db, { jurisdiction: query.jurisdiction, limit: query.limit ?? 50, offset: query.offset ?? 0 });
        return {
          items: docs.map((d) => ({
            number: d.number,
            title: d.title,
            kind: d.kind,
            kindZh: chineseNameOf(d.kind as DocumentKind),
            issuer: d.issuer,
            jurisdiction: d.jurisdiction,
            body: d.body,
            bodySha256: d.bodySha256,
            issuedAt: d.issuedAt,
            publishedAt: d.publishedAt!,
          })),
        };
      },
    }),
  ];
}
