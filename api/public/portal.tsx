import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { z } from 'zod';
import { getConsultation, listConsultations } from '../../db/consultation-repository';
import type { Database } from '../../db/database';
import { listUnits } from '../../db/directory-repository';
import { listPublishedDocuments } from '../../db/issued-document-repository';
import { listPublishedDecisions } from '../../db/major-decision-repository';
import { chineseNameOf, type DocumentKind } from '../../domain/documents/kinds';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { BadRequest } from '../errors';
import { TooManyRequests } from '../rate-limits';
import type { RouteDefinition } from '../routes/define-route';
import { commentBody, consultationParams, consultationRoutes, listQuery, pageQuery, storeComment } from './consultation-routes';
import { ConsultationListPage, ConsultationPage, MessagePage, ReceiptPage, type UnitNames } from './pages/consultations';
import { DocumentListPage, MajorDecisionListPage, PortalHomePage } from './pages/publications';

export interface PortalDeps {
  db: Database;
  /** Comments per client per minute (GOVFLOW_RATE_LIMIT_COMMENTS). */
  commentsPerMinute: number;
}

function html(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').send(`<!doctype html>${renderToString(page)}`);
}

const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';
/** Browsers get the page; anything else falls through to the JSON route at the same address. */
const htmlOnly: RequestHandler = (req, _res, next) => next(wantsHtml(req) ? undefined : 'route');

function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw new BadRequest('invalid query', parsed.error.issues.map((i) => ({ field: `(query).${i.path.join('.')}`, reason: i.message })));
  return parsed.data;
}

async function unitNames(db: Database, jurisdictions: string[]): Promise<UnitNames> {
  const names: UnitNames = {};
  for (const j of new Set(jurisdictions)) for (const u of await listUnits(db, j as JurisdictionId)) names[u.id] = u.name;
  return names;
}

/**
 * The public portal (公众参与): server-rendered Chinese pages for people on their phones; the
 * same addresses answer programs with JSON (consultation-routes.ts, documented in OpenAPI).
 * Consultations, the comment form (no login, validated, rate-limited per client, a receipt shown,
 * only while open), published major decisions and documents. Nothing a commenter sends besides
 * the comment itself is ever shown.
 */
export function publicPortal(deps: PortalDeps): { routes: RouteDefinition[]; pages: (publicLimit: RequestHandler) => Router } {
  const { db } = deps;
  // One counter per client for the form and the JSON route alike.
  const commentLimit = rateLimit({
    windowMs: 60_000,
    limit: deps.commentsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res, next) => {
      if (wantsHtml(req)) return html(res, <MessagePage title="提交过于频繁" message="您提交意见过于频繁，请稍后再试。" status="error" />, 429);
      next(new TooManyRequests(`more than ${deps.commentsPerMinute} comments a minute from this client; try again later`, 60));
    },
  });

  function pages(publicLimit: RequestHandler): Router {
    const router = express.Router();
    const notFound = (res: Response) => html(res, <MessagePage title="未找到" message="没有这项意见征集。" status="error" />, 404);
    const consultationOf = async (req: Request) => {
      const id = consultationParams.safeParse(req.params);
      return id.success ? getConsultation(db, id.data.id) : undefined;
    };

    router.get('/', publicLimit, (_req, res) => html(res, <PortalHomePage />));

    router.get('/consultations', htmlOnly, publicLimit, async (req, res) => {
      const q = parseQuery(listQuery, req);
      const items = await listConsultations(db, q);
      html(res, <ConsultationListPage items={items} status={q.status} units={await unitNames(db, items.map((c) => c.jurisdiction))} />);
    });

    router.get('/consultations/:id', htmlOnly, publicLimit, async (req, res) => {
      const c = await consultationOf(req);
      if (!c) return notFound(res);
      html(res, <ConsultationPage c={c} units={await unitNames(db, [c.jurisdiction])} now={Date.now()} />);
    });

    router.post('/consultations/:id/comments', htmlOnly, publicLimit, commentLimit, express.urlencoded({ extended: false, limit: '20kb' }), async (req, res) => {
      const c = await consultationOf(req);
      if (!c) return notFound(res);
      const parsed = commentBody.safeParse(req.body ?? {});
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }));
        return html(res, <ConsultationPage c={c} units={await unitNames(db, [c.jurisdiction])} now={Date.now()} form={{ body: String(req.body?.body ?? ''), errors }} />, 400);
      }
      const stored = await storeComment(db, c.id, parsed.data, req.ip);
      if ('refused' in stored) return html(res, <MessagePage title="征求意见已结束" message={`《${c.title}》的征求意见期已结束，不再接收意见。`} status="error" />, 409);
      html(res, <ReceiptPage c={c} receipt={stored.receipt} />, 201);
    });

    router.get('/major-decisions', htmlOnly, publicLimit, async (req, res) => {
      const items = await listPublishedDecisions(db, parseQuery(pageQuery, req));
      html(res, <MajorDecisionListPage items={items} units={await unitNames(db, items.map((d) => d.jurisdiction))} />);
    });

    router.get('/documents', htmlOnly, publicLimit, async (req, res) => {
      const docs = await listPublishedDocuments(db, parseQuery(pageQuery, req));
      html(res, <DocumentListPage items={docs.map((d) => ({ number: d.number, title: d.title, kindZh: chineseNameOf(d.kind as DocumentKind), body: d.body, publishedAt: d.publishedAt! }))} />);
    });
    return router;
  }

  return { routes: consultationRoutes({ db, commentLimit }), pages };
}
