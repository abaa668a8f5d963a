import type { Queryable } from './database';

export interface MajorDecisionRecord {
  id: string;
  jurisdiction: string;
  title: string;
  proposingUnit: string;
  catalogueEntryId: string | null;
  scopeCategory: string;
  status: string;
  decision: string | null;
  decidedAt: string | null;
  documentNumber: string | null;
  publishedAt: string | null;
  suspendedAt: string | null;
  suspensionReason: string | null;
  archivedAt: string | null;
}

interface Row {
  id: string;
  jurisdiction: string;
  title: string;
  proposing_unit: string;
  catalogue_entry_id: string | null;
  scope_category: string;
  status: string;
  decision: string | null;
  decided_at: string | null;
  document_number: string | null;
  published_at: string | null;
  suspended_at: string | null;
  suspension_reason: string | null;
  archived_at: string | null;
}

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);
const COLUMNS = 'id, jurisdiction, title, proposing_unit, catalogue_entry_id, scope_category, status, decision, decided_at, document_number, published_at, suspended_at, suspension_reason, archived_at';
const toRecord = (r: Row): MajorDecisionRecord => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  title: r.title,
  proposingUnit: r.proposing_unit,
  catalogueEntryId: r.catalogue_entry_id,
  scopeCategory: r.scope_category,
  status: r.status,
  decision: r.decision,
  decidedAt: iso(r.decided_at),
  documentNumber: r.document_number,
  publishedAt: iso(r.published_at),
  suspendedAt: iso(r.suspended_at),
  suspensionReason: r.suspension_reason,
  archivedAt: iso(r.archived_at),
});

/** Records a decision when its process starts (idempotent: a retried activity keeps the first). */
export async function registerDecision(db: Queryable, d: Pick<MajorDecisionRecord, 'id' | 'jurisdiction' | 'title' | 'proposingUnit' | 'catalogueEntryId' | 'scopeCategory'>): Promise<void> {
  await db.query(
    'INSERT INTO major_decisions (id, jurisdiction, title, proposing_unit, catalogue_entry_id, scope_category) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
    [d.id, d.jurisdiction, d.title, d.proposingUnit, d.catalogueEntryId, d.scopeCategory],
  );
}

export async function getDecision(db: Queryable, id: string): Promise<MajorDecisionRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM major_decisions WHERE id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function setDecisionStatus(db: Queryable, id: string, status: string): Promise<void> {
  await db.query('UPDATE major_decisions SET status = $2 WHERE id = $1', [id, status]);
}

/** The collective decision as the signed minutes record it. */
export async function recordDecided(db: Queryable, id: string, decision: string, decidedAt: string): Promise<void> {
  await db.query("UPDATE major_decisions SET decision = $2, decided_at = $3, status = 'decided' WHERE id = $1", [id, decision, decidedAt]);
}

/** Published on the portal with its document number (000:28, decree713:32); the first publication stands. */
export async function publishDecision(db: Queryable, id: string, documentNumber: string | null, at: string): Promise<void> {
  await db.query("UPDATE major_decisions SET document_number = coalesce(document_number, $2), published_at = coalesce(published_at, $3), status = 'published' WHERE id = $1", [id, documentNumber, at]);
}

/** Suspended by the chief in an emergency (decree713:38). */
export async function suspendDecision(db: Queryable, id: string, reason: string, at: string): Promise<void> {
  await db.query("UPDATE major_decisions SET suspended_at = coalesce(suspended_at, $3), suspension_reason = coalesce(suspension_reason, $2), status = 'suspended' WHERE id = $1", [id, reason, at]);
}

/** Resumed by the chief after a suspension (decree713:38): back to where it stood; the suspension stays in the decision file. */
export async function resumeDecision(db: Queryable, id: string): Promise<void> {
  await db.query(
    "UPDATE major_decisions SET status = CASE WHEN published_at IS NOT NULL THEN 'published' ELSE 'decided' END, suspended_at = NULL, suspension_reason = NULL WHERE id = $1 AND status = 'suspended'",
    [id],
  );
}

/** The whole decision file (decree713:33). */
export async function archiveDecisionFile(db: Queryable, id: string, file: unknown, at: string): Promise<void> {
  await db.query('UPDATE major_decisions SET file = $2, archived_at = coalesce(archived_at, $3) WHERE id = $1', [id, JSON.stringify(file), at]);
}

export async function listPublishedDecisions(db: Queryable, filter: { jurisdiction?: string; limit: number; offset: number }): Promise<MajorDecisionRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM major_decisions WHERE published_at IS NOT NULL AND ($1::text IS NULL OR jurisdiction = $1) ORDER BY published_at DESC, id LIMIT $2 OFFSET $3`,
    [filter.jurisdiction ?? null, filter.limit, filter.offset],
  );
  return rows.map(toRecord);
}
