import { randomBytes } from 'node:crypto';
import { shanghaiDateOf } from '../domain/calendar/shanghai-date';
import type { Queryable } from './database';

export interface HearingNotice {
  matter: string;
  at: string;
  place: string;
  materialsSentAt: string;
  participantSelection: string;
}

export interface CommentSummary {
  overview: string;
  themes: { theme: string; commentCount: number; response: 'adopted' | 'partly-adopted' | 'not-adopted'; explanation?: string }[];
}

export interface Consultation {
  id: string;
  jurisdiction: string;
  title: string;
  proposingUnit: string;
  draft: string;
  grounds: string;
  opensAt: string;
  closesAt: string;
  shortPeriodReason: string | null;
  hearing: HearingNotice | null;
  status: 'open' | 'closed';
  summary: CommentSummary | null;
  summaryPublishedAt: string | null;
  commentCount: number;
}

export interface PublicComment {
  receipt: string;
  body: string;
  contact: string | null;
  receivedAt: string;
}

interface Row {
  id: string;
  jurisdiction: string;
  title: string;
  proposing_unit: string;
  draft: string;
  grounds: string;
  opens_at: string;
  closes_at: string;
  short_period_reason: string | null;
  hearing: HearingNotice | null;
  status: 'open' | 'closed';
  summary: CommentSummary | null;
  summary_published_at: string | null;
  comment_count: string | number;
}

const iso = (t: string) => new Date(t).toISOString();
const SELECT = `SELECT c.id, c.jurisdiction, c.title, c.proposing_unit, c.draft, c.grounds, c.opens_at, c.closes_at, c.short_period_reason, c.hearing, c.status, c.summary, c.summary_published_at,
  (SELECT count(*) FROM public_comments p WHERE p.consultation_id = c.id) AS comment_count FROM consultations c`;
const toConsultation = (r: Row): Consultation => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  title: r.title,
  proposingUnit: r.proposing_unit,
  draft: r.draft,
  grounds: r.grounds,
  opensAt: iso(r.opens_at),
  closesAt: iso(r.closes_at),
  shortPeriodReason: r.short_period_reason,
  hearing: r.hearing,
  status: r.status,
  summary: r.summary,
  summaryPublishedAt: r.summary_published_at ? iso(r.summary_published_at) : null,
  commentCount: Number(r.comment_count),
});

/** Publishes a draft for comment (idempotent per decision: a retried activity keeps the first). */
export async function openConsultation(db: Queryable, c: Pick<Consultation, 'id' | 'jurisdiction' | 'title' | 'proposingUnit' | 'draft' | 'grounds' | 'opensAt' | 'closesAt' | 'shortPeriodReason'>): Promise<void> {
  await db.query(
    `INSERT INTO consultations (id, jurisdiction, title, proposing_unit, draft, grounds, opens_at, closes_at, short_period_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
    [c.id, c.jurisdiction, c.title, c.proposingUnit, c.draft, c.grounds, c.opensAt, c.closesAt, c.shortPeriodReason],
  );
}

export async function setHearingNotice(db: Queryable, id: string, hearing: HearingNotice): Promise<void> {
  await db.query('UPDATE consultations SET hearing = $2 WHERE id = $1', [id, JSON.stringify(hearing)]);
}

/** Ends the comment period; returns how many comments arrived. */
export async function closeConsultation(db: Queryable, id: string): Promise<number> {
  await db.query("UPDATE consultations SET status = 'closed' WHERE id = $1", [id]);
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM public_comments WHERE consultation_id = $1', [id]);
  return Number(rows[0].n);
}

/** The unit's summary by theme with its responses, published with the consultation (the first one stands). */
export async function publishSummary(db: Queryable, id: string, summary: CommentSummary, at: string): Promise<void> {
  await db.query('UPDATE consultations SET summary = coalesce(summary, $2), summary_published_at = coalesce(summary_published_at, $3) WHERE id = $1', [id, JSON.stringify(summary), at]);
}

export async function getConsultation(db: Queryable, id: string): Promise<Consultation | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ? toConsultation(rows[0]) : undefined;
}

export async function listConsultations(db: Queryable, filter: { status: 'open' | 'closed'; jurisdiction?: string; limit: number; offset: number }): Promise<Consultation[]> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE c.status = $1 AND ($2::text IS NULL OR c.jurisdiction = $2) ORDER BY c.closes_at ${filter.status === 'open' ? 'ASC' : 'DESC'}, c.id LIMIT $3 OFFSET $4`, [
    filter.status,
    filter.jurisdiction ?? null,
    filter.limit,
    filter.offset,
  ]);
  return rows.map(toConsultation);
}

export type CommentRefusal = 'unknown' | 'closed';

/** A receipt citizens can quote: the Shanghai date it was given and eight random characters (no 0/O/1/I). */
export function newReceipt(at: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const random = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `YJ${shanghaiDateOf(at).replace(/-/g, '')}-${random}`;
}

/**
 * Stores a public comment while the consultation is open at `at`, in one statement (a comment
 * cannot slip in after the period ends). Returns its receipt, or why it was refused.
 */
export async function addComment(db: Queryable, c: { consultationId: string; body: string; contact?: string; clientHash?: string; at: string }): Promise<{ receipt: string } | { refused: CommentRefusal }> {
  const receipt = newReceipt(c.at);
  const { rows } = await db.query<{ receipt: string }>(
    `INSERT INTO public_comments (consultation_id, receipt, body, contact, client_hash, received_at)
     SELECT id, $2, $3, $4, $5, $6 FROM consultations WHERE id = $1 AND status = 'open' AND opens_at <= $6 AND closes_at > $6
     RETURNING receipt`,
    [c.consultationId, receipt, c.body, c.contact ?? null, c.clientHash ?? null, c.at],
  );
  if (rows[0]) return { receipt: rows[0].receipt };
  const exists = await db.query('SELECT 1 FROM consultations WHERE id = $1', [c.consultationId]);
  return { refused: exists.rows.length ? 'closed' : 'unknown' };
}

/** The comments for the unit that summarises them (staff only; contact included), oldest first. */
export async function listComments(db: Queryable, consultationId: string, page: { limit: number; offset: number }): Promise<PublicComment[]> {
  const { rows } = await db.query<{ receipt: string; body: string; contact: string | null; received_at: string }>(
    'SELECT receipt, body, contact, received_at FROM public_comments WHERE consultation_id = $1 ORDER BY id LIMIT $2 OFFSET $3',
    [consultationId, page.limit, page.offset],
  );
  return rows.map((r) => ({ receipt: r.receipt, body: r.body, contact: r.contact, receivedAt: iso(r.received_at) }));
}
