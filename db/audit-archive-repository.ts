import type { Queryable } from './database';

export interface ArchivedAuditTrail {
  processId: string;
  processType: string;
  jurisdiction: string;
  closedAt: string; // ISO instant
  entries: unknown[];
  headHash: string;
  archivedAt: string;
}

interface ArchiveRow {
  process_id: string;
  process_type: string;
  jurisdiction: string;
  closed_at: string;
  entries: unknown[];
  head_hash: string;
  archived_at: string;
}

/**
 * Stores a closed process's audit trail. Idempotent for the retried activity (same head hash);
 * an archived trail is never replaced.
 * @returns whether this call stored it.
 * @throws Error if a different trail (another head hash) is already archived for the process.
 */
export async function archiveAuditTrail(
  db: Queryable,
  input: { processId: string; processType: string; jurisdiction: string; closedAt: string; entries: unknown[]; headHash: string },
): Promise<{ created: boolean }> {
  const inserted = await db.query(
    `INSERT INTO audit_archive (process_id, process_type, jurisdiction, closed_at, entries, head_hash)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (process_id) DO NOTHING RETURNING process_id`,
    // Stringified: pg would send a JS array as a PostgreSQL array, not as JSON.
    [input.processId, input.processType, input.jurisdiction, input.closedAt, JSON.stringify(input.entries), input.headHash],
  );
  if (inserted.rows.length > 0) return { created: true };
  const existing = await getArchivedAuditTrail(db, input.processId);
  if (existing?.headHash !== input.headHash)
    throw new Error(`audit trail of ${input.processId} is already archived with head ${existing?.headHash}, not ${input.headHash}`);
  return { created: false };
}

export async function getArchivedAuditTrail(db: Queryable, processId: string): Promise<ArchivedAuditTrail | undefined> {
  const { rows } = await db.query<ArchiveRow>(
    'SELECT process_id, process_type, jurisdiction, closed_at, entries, head_hash, archived_at FROM audit_archive WHERE process_id = $1',
    [processId],
  );
  const r = rows[0];
  return (
    r && {
      processId: r.process_id,
      processType: r.process_type,
      jurisdiction: r.jurisdiction,
      closedAt: r.closed_at,
      entries: r.entries,
      headHash: r.head_hash,
      archivedAt: r.archived_at,
    }
  );
}
