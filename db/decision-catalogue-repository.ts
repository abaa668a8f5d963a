import type { Database, Queryable } from './database';

export interface CatalogueEntry {
  id: string;
  jurisdiction: string;
  year: number;
  seq: number;
  title: string;
  proposingUnit: string;
  scopeCategory: string;
  plannedQuarter: number;
  status: 'planned' | 'in-progress' | 'decided' | 'withdrawn';
  decisionId: string | null;
  createdBy: string;
  createdAt: string;
  adjustments: { kind: string; reason: string; by: string; at: string }[];
}

export interface Catalogue {
  jurisdiction: string;
  year: number;
  publishedAt: string | null;
  entries: CatalogueEntry[];
}

export type NewCatalogueEntry = Pick<CatalogueEntry, 'title' | 'proposingUnit' | 'scopeCategory' | 'plannedQuarter'>;

interface EntryRow {
  id: string;
  jurisdiction: string;
  year: number;
  seq: number;
  title: string;
  proposing_unit: string;
  scope_category: string;
  planned_quarter: number;
  status: CatalogueEntry['status'];
  decision_id: string | null;
  created_by: string;
  created_at: string;
}

const iso = (t: string | Date) => new Date(t).toISOString();
const COLUMNS = 'id, jurisdiction, year, seq, title, proposing_unit, scope_category, planned_quarter, status, decision_id, created_by, created_at';

async function adjustmentsOf(db: Queryable, ids: string[]): Promise<Map<string, CatalogueEntry['adjustments']>> {
  const byEntry = new Map<string, CatalogueEntry['adjustments']>();
  if (!ids.length) return byEntry;
  const { rows } = await db.query<{ entry_id: string; kind: string; reason: string; by_user: string; at: string }>(
    'SELECT entry_id, kind, reason, by_user, at FROM decision_catalogue_adjustments WHERE entry_id = ANY($1) ORDER BY id',
    [ids],
  );
  for (const r of rows) byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), { kind: r.kind, reason: r.reason, by: r.by_user, at: iso(r.at) }]);
  return byEntry;
}

function toEntry(r: EntryRow, adjustments: CatalogueEntry['adjustments'] = []): CatalogueEntry {
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    year: r.year,
    seq: r.seq,
    title: r.title,
    proposingUnit: r.proposing_unit,
    scopeCategory: r.scope_category,
    plannedQuarter: r.planned_quarter,
    status: r.status,
    decisionId: r.decision_id,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    adjustments,
  };
}

export async function getCatalogue(db: Queryable, jurisdiction: string, year: number): Promise<Catalogue> {
  const head = await db.query<{ published_at: string | null }>('SELECT published_at FROM decision_catalogues WHERE jurisdiction = $1 AND year = $2', [jurisdiction, year]);
  const { rows } = await db.query<EntryRow>(`SELECT ${COLUMNS} FROM decision_catalogue_entries WHERE jurisdiction = $1 AND year = $2 ORDER BY seq`, [jurisdiction, year]);
  const adjustments = await adjustmentsOf(db, rows.map((r) => r.id));
  return { jurisdiction, year, publishedAt: head.rows[0]?.published_at ? iso(head.rows[0].published_at) : null, entries: rows.map((r) => toEntry(r, adjustments.get(r.id))) };
}

export async function getCatalogueEntry(db: Queryable, id: string): Promise<CatalogueEntry | undefined> {
  const { rows } = await db.query<EntryRow>(`SELECT ${COLUMNS} FROM decision_catalogue_entries WHERE id = $1`, [id]);
  if (!rows[0]) return undefined;
  return toEntry(rows[0], (await adjustmentsOf(db, [id])).get(id));
}

/**
 * Adds entries to a year's catalogue in one transaction. Once the catalogue is published, an
 * addition is an adjustment: it needs a reason, recorded with it (002:18, 003:27).
 * @throws {Error} 'catalogue published: an addition needs a reason' when the reason is missing.
 */
export function addCatalogueEntries(db: Database, input: { jurisdiction: string; year: number; entries: NewCatalogueEntry[]; by: string; adjustmentReason?: string }): Promise<CatalogueEntry[]> {
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO decision_catalogues (jurisdiction, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [input.jurisdiction, input.year]);
    const head = await tx.query<{ published_at: string | null }>('SELECT published_at FROM decision_catalogues WHERE jurisdiction = $1 AND year = $2 FOR UPDATE', [input.jurisdiction, input.year]);
    const published = !!head.rows[0].published_at;
    if (published && !input.adjustmentReason) throw new Error('catalogue published: an addition needs a reason');
    const { rows: last } = await tx.query<{ max: number | null }>('SELECT max(seq) AS max FROM decision_catalogue_entries WHERE jurisdiction = $1 AND year = $2', [input.jurisdiction, input.year]);
    let seq = last[0].max ?? 0;
    const ids: string[] = [];
    for (const e of input.entries) {
      seq++;
      const id = `${input.jurisdiction}.${input.year}.${seq}`;
      await tx.query(
        'INSERT INTO decision_catalogue_entries (id, jurisdiction, year, seq, title, proposing_unit, scope_category, planned_quarter, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [id, input.jurisdiction, input.year, seq, e.title, e.proposingUnit, e.scopeCategory, e.plannedQuarter, input.by],
      );
      if (published) await tx.query("INSERT INTO decision_catalogue_adjustments (entry_id, kind, reason, by_user) VALUES ($1, 'added', $2, $3)", [id, input.adjustmentReason, input.by]);
      ids.push(id);
    }
    const out: CatalogueEntry[] = [];
    for (const id of ids) out.push((await getCatalogueEntry(tx, id))!);
    return out;
  });
}

/** Publishes a year's catalogue (向社会公开, 002:18); idempotent. */
export async function publishCatalogue(db: Queryable, jurisdiction: string, year: number, by: string): Promise<Catalogue> {
  await db.query('INSERT INTO decision_catalogues (jurisdiction, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [jurisdiction, year]);
  await db.query('UPDATE decision_catalogues SET published_at = clock_timestamp(), published_by = $3 WHERE jurisdiction = $1 AND year = $2 AND published_at IS NULL', [jurisdiction, year, by]);
  return getCatalogue(db, jurisdiction, year);
}

/** The decision process moves its entry along (in progress, decided, withdrawn); idempotent. */
export async function setCatalogueEntryStatus(db: Queryable, id: string, status: CatalogueEntry['status'], decisionId: string): Promise<void> {
  await db.query('UPDATE decision_catalogue_entries SET status = $2, decision_id = $3 WHERE id = $1', [id, status, decisionId]);
}
