import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import { z } from 'zod';
import { addComment, getConsultation, listConsultations } from '../../db/consultation-repository';
import type { Database } from '../../db/database';
import { listUnits } from '../../db/directory-repository';
import { listPublishedDocuments } from '../../db/issued-document-repository';
import { listPublishedDecisions } from '../../db/major-decision-repository';
import { chineseNameOf, type DocumentKind } from '../../domain/documents/kinds';
import { sha256Hex } from '../../domain/hash/sha256';
import { JURISDICTION_IDS, type JurisdictionId } from '../../domain/jurisdictions';
import { BadRequest, Conflict, NotFound } from '../errors';
import { textProblem } from '../input-guard';
import { TooManyRequests } from '../rate-limits';
import { ConsultationListPage, ConsultationPage, MessagePage, ReceiptPage, type UnitNames } from './pages/consultations';
import { DocumentListPage, MajorDecisionListPage, PortalHomePage } from './pages/publications';

export interface PortalDeps {
  db: Database;
  /** Comments per client per minute (GOVFLOW_RATE_LIMIT_COMMENTS). */
  commentsPerMinute: number;
  /** The limit every public endpoint has (GOVFLOW_RATE_LIMIT_PUBLIC). */
  publicLimit: RequestHandler;
}

const listQuery = z.object({
  status: z.enum(['open', 'closed']).default('open'),
  jurisdiction: z.enum(JURISDICTION_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
const pageQuery = listQuery.omit({ status: true });

/** What a citizen sends: validated here, stored as is; the contact is never shown publicly. */
const plainText = (v: string) => !textProblem(v);
export const commentBody = z.object({
  body: z.string().trim().min(5, '意见至少5个字').max(2000, '意见不超过2000字').refine(plainText, '意见含有无法保存的字符'),
  contact: z
    .string()
    .trim()
    .max(100, '联系方式不超过100字')
    .refine(plainText, '联系方式含有无法保存的字符')
    .optional()
    .transform((v) => (v ? v : undefined)),
});

const CONSULTATION_ID = /^decision\.[\w.-]{1,200}$/;

function html(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').send(`<!doctype html>${renderToString(page)}`);
}

const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';

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
 * The public portal (公众参与): server-rendered Chinese pages for people on their phones, and the
 * same data as JSON for programs (content negotiation). Consultations, the comment form (no
 * login, validated, rate-limited per client, a receipt shown, only while open), published major
 * decisions and documents. Nothing a commenter sends besides the comment itself is ever shown.
 */
export function publicPortal(deps: PortalDeps): Router {
  const { db, publicLimit } = deps;
  const router = express.Router();
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

  router.get('/', publicLimit, (_req, res) => html(res, <PortalHomePage />));

  router.get('/consultations', publicLimit, async (req, res) => {
    const q = parseQuery(listQuery, req);
    const items = await listConsultations(db, q);
    if (!wantsHtml(req)) {
      res.json({ items: items.map(({ draft: _d, grounds: _g, ...c }) => c) });
      return;
    }
    html(res, <ConsultationListPage items={items} status={q.status} units={await unitNames(db, items.map((c) => c.jurisdiction))} />);
  });

  router.get('/consultations/:id', publicLimit, async (req, res) => {
    const id = String(req.params.id);
    const c = CONSULTATION_ID.test(id) ? await getConsultation(db, id) : undefined;
    if (!c) {
      if (wantsHtml(req)) return html(res, <MessagePage title="未找到" message="没有这项意见征集。" status="error" />, 404);
      throw new NotFound(`no consultation ${id}`);
    }
    if (!wantsHtml(req)) {
      res.json(c);
      return;
    }
    html(res, <ConsultationPage c={c} units={await unitNames(db, [c.jurisdiction])} now={Date.now()} />);
  });

  router.post('/consultations/:id/comments', publicLimit, commentLimit, express.urlencoded({ extended: false, limit: '20kb' }), async (req, res) => {
    const id = String(req.params.id);
    const c = CONSULTATION_ID.test(id) ? await getConsultation(db, id) : undefined;
    const page = wantsHtml(req);
    if (!c) {
      if (page) return html(res, <MessagePage title="未找到" message="没有这项意见征集。" status="error" />, 404);
      throw new NotFound(`no consultation ${id}`);
    }
    const parsed = commentBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }));
      if (page) return html(res, <ConsultationPage c={c} units={await unitNames(db, [c.jurisdiction])} now={Date.now()} form={{ body: String(req.body?.body ?? ''), errors }} />, 400);
      throw new BadRequest('the comment cannot be accepted', errors);
    }
    const stored = await addComment(db, { consultationId: id, body: parsed.data.body, contact: parsed.data.contact, clientHash: sha256Hex(req.ip ?? ''), at: new Date().toISOString() });
    if ('refused' in stored) {
      if (page) return html(res, <MessagePage title="征求意见已结束" message={`《${c.title}》的征求意见期已结束，不再接收意见。`} status="error" />, 409);
      throw new Conflict('the comment period is over; no more comments are accepted');
    }
    if (page) return html(res, <ReceiptPage c={c} receipt={stored.receipt} />, 201);
    res.status(201).json({ receipt: stored.receipt });
  });

  router.get('/major-decisions', publicLimit, async (req, res) => {
    const q = parseQuery(pageQuery, req);
    const items = await listPublishedDecisions(db, q);
    if (!wantsHtml(req)) {
      res.json({ items });
      return;
    }
    html(res, <MajorDecisionListPage items={items} units={await unitNames(db, items.map((d) => d.jurisdiction))} />);
  });

  // The documents list keeps its JSON route; a browser asking for HTML gets the page.
  router.get('/documents', (req, _res, next) => next(wantsHtml(req) ? undefined : 'route'), publicLimit, async (req, res) => {
    const q = parseQuery(pageQuery, req);
    const docs = await listPublishedDocuments(db, q);
    html(res, <DocumentListPage items={docs.map((d) => ({ number: d.number, title: d.title, kindZh: chineseNameOf(d.kind as DocumentKind), body: d.body, publishedAt: d.publishedAt! }))} />);
  });

  return router;
}
