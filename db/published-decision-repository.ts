import type { Queryable } from './database';

/** A decision of the standing meeting on the public list (决定事项公开). */
export interface PublishedDecision {
  itemId: string;
  jurisdiction: string;
  meetingId: string;
  title: string;
  decision: string;
  outcome: string;
  rule: string;
  decidedAt: string;
  publishedAt: string;
}

interface Row {
  item_id: string;
  jurisdiction: string;
  meeting_id: string;
  title: string;
  decision: string;
  outcome: string;
  rule: string;
  decided_at: string;
  published_at: string;
}

const toDecision = (r: Row): PublishedDecision => ({
  itemId: r.item_id,
  jurisdiction: r.jurisdiction,
  meetingId: r.meeting_id,
  title: r.title,
  decision: r.decision,
  outcome: r.outcome,
  rule: r.rule,
  decidedAt: new Date(r.decided_at).toISOString(),
  publishedAt: new Date(r.published_at).toISOString(),
});

/** Puts a decision on the public list; idempotent per item (a retried activity keeps the first). */
export async function publishDecision(db: Queryable, d: PublishedDecision): Promise<PublishedDecision> {
  await db.query(
    `INSERT INTO published_decisions (item_id, jurisdiction, meeting_id, title, decision, outcome, rule, decided_at, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (item_id) DO NOTHING`,
    [d.itemId, d.jurisdiction, d.meetingId, d.title, d.decision, d.outcome, d.rule, d.decidedAt, d.publishedAt],
  );
  const { rows } = await db.query<Row>('SELECT * FROM published_decisions WHERE item_id = $1', [d.itemId]);
  return toDecision(rows[0]);
}

/** The public list of decisions, newest first. */
export async function listPublishedDecisions(db: Queryable, query: { jurisdiction?: string; limit: number; offset: number }): Promise<PublishedDecision[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM published_decisions WHERE ($1::text IS NULL OR jurisdiction = $1) ORDER BY published_at DESC, item_id LIMIT $2 OFFSET $3`,
    [query.jurisdiction ?? null, query.limit, query.offset],
  );
  return rows.map(toDecision);
}
