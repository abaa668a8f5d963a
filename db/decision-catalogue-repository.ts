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
  /** proposed: added to a published catalogue, awaiting the government's approval (decree713:4); refused: not approved; removed: taken out of the published catalogue by an approved adjustment. */
  status: 'proposed' | 'planned' | 'in-progress' | 'decided' | 'withdrawn' | 'refused' | 'removed';
  decisionId: string | null;
  /** A planned entry whose removal is with the government (an adjustment, decree713:4): the process approving it and the request; no decision starts from it meanwhile. */
  pendingRemoval: { processId: string; reason: string; by: string; at: string } | null;
  createdBy: string;
  createdAt: string;
  adjustments: { kind: string; reason: string; by: string; at: string }[];
}

export interface Catalogue {
  jurisdiction: string;
  year: number;
  publishedAt: string | null;
  /** drafting (the office adds entries), approval (with the government and the party committee), published. */
  stage: CatalogueStage;
  /** The decisionCatalogue process that approves the year's catalogue. */
  processId: string | null;
  entries: CatalogueEntry[];
}

export type CatalogueStage = 'drafting' | 'approval' | 'published';

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
  removal_process_id: string | null;
}

const iso = (t: string | Date) => new Date(t).toISOString();
const COLUMNS = 'id, jurisdiction, year, seq, title, proposing_unit, scope_category, planned_quarter, status, decision_id, created_by, created_at, removal_process_id';

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
  // The pending removal's request is the entry's latest 'removal-proposed' record.
  const requested = r.removal_process_id ? adjustments.filter((a) => a.kind === 'removal-proposed').at(-1) : undefined;
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
    pendingRemoval: r.removal_process_id && requested ? { processId: r.removal_process_id, reason: requested.reason, by: requested.by, at: requested.at } : null,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    adjustments,
  };
}

export async function getCatalogue(db: Queryable, jurisdiction: string, year: number): Promise<Catalogue> {
  const head = await db.query<{ published_at: string | null; stage: CatalogueStage; process_id: string | null }>('SELECT published_at, stage, process_id FROM decision_catalogues WHERE jurisdiction = $1 AND year = $2', [jurisdiction, year]);
  const { rows } = await db.query<EntryRow>(`SELECT ${COLUMNS} FROM decision_catalogue_entries WHERE jurisdiction = $1 AND year = $2 ORDER BY seq`, [jurisdiction, year]);
  const adjustments = await adjustmentsOf(db, rows.map((r) => r.id));
  const h = head.rows[0];
  return { jurisdiction, year, publishedAt: h?.published_at ? iso(h.published_at) : null, stage: h?.stage ?? 'drafting', processId: h?.process_id ?? null, entries: rows.map((r) => toEntry(r, adjustments.get(r.id))) };
}

export async function getCatalogueEntry(db: Queryable, id: string): Promise<CatalogueEntry | undefined> {
  const { rows } = await db.query<EntryRow>(`SELECT ${COLUMNS} FROM decision_catalogue_entries WHERE id = $1`, [id]);
  if (!rows[0]) return undefined;
  return toEntry(rows[0], (await adjustmentsOf(db, [id])).get(id));
}

/**
 * Adds entries to a year's catalogue in one transaction. Once the catalogue is published, an
 * addition is an adjustment: it needs a reason, recorded with it, and the entries are 'proposed'
 * until the government approves them (002:18, 003:27, decree713:4). While the catalogue is with
 * the government for approval nothing is added.
 * @throws {Error} 'catalogue published: an addition needs a reason' when the reason is missing.
 * @throws {Error} 'catalogue in approval' while it is with the government.
 */
export function addCatalogueEntries(db: Database, input: { jurisdiction: string; year: number; entries: NewCatalogueEntry[]; by: string; adjustmentReason?: string }): Promise<CatalogueEntry[]> {
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO decision_catalogues (jurisdiction, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [input.jurisdiction, input.year]);
    const head = await tx.query<{ published_at: string | null; stage: CatalogueStage }>('SELECT published_at, stage FROM decision_catalogues WHERE jurisdiction = $1 AND year = $2 FOR UPDATE', [input.jurisdiction, input.year]);
    const published = !!head.rows[0].published_at;
    if (published && !input.adjustmentReason) throw new Error('catalogue published: an addition needs a reason');
    if (head.rows[0].stage === 'approval') throw new Error('catalogue in approval');
    const { rows: last } = await tx.query<{ max: number | null }>('SELECT max(seq) AS max FROM decision_catalogue_entries WHERE jurisdiction = $1 AND year = $2', [input.jurisdiction, input.year]);
    let seq = last[0].max ?? 0;
    const ids: string[] = [];
    for (const e of input.entries) {
      seq++;
      const id = `${input.jurisdiction}.${input.year}.${seq}`;
      await tx.query(
        'INSERT INTO decision_catalogue_entries (id, jurisdiction, year, seq, title, proposing_unit, scope_category, planned_quarter, created_by, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [id, input.jurisdiction, input.year, seq, e.title, e.proposingUnit, e.scopeCategory, e.plannedQuarter, input.by, published ? 'proposed' : 'planned'],
      );
      if (published) await tx.query("INSERT INTO decision_catalogue_adjustments (entry_id, kind, reason, by_user) VALUES ($1, 'added', $2, $3)", [id, input.adjustmentReason, input.by]);
      ids.push(id);
    }
    const out: CatalogueEntry[] = [];
    for (const id of ids) out.push((await getCatalogueEntry(tx, id))!);
    return out;
  });
}

/** Publishes a year's catalogue (向社会公开, 002:18) once its approval process reaches publication; idempotent. */
export async function publishCatalogue(db: Queryable, jurisdiction: string, year: number, by: string): Promise<Catalogue> {
  await db.query('INSERT INTO decision_catalogues (jurisdiction, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [jurisdiction, year]);
  await db.query("UPDATE decision_catalogues SET published_at = clock_timestamp(), published_by = $3, stage = 'published' WHERE jurisdiction = $1 AND year = $2 AND published_at IS NULL", [jurisdiction, year, by]);
  return getCatalogue(db, jurisdiction, year);
}

/**
 * Claims the year's catalogue for its approval process: true for the first caller only, who then
 * starts it (so two offices adding the first entries at once start one process).
 */
export async function claimCatalogueProcess(db: Queryable, jurisdiction: string, year: number, processId: string): Promise<boolean> {
  await db.query('INSERT INTO decision_catalogues (jurisdiction, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [jurisdiction, year]);
  const { rows } = await db.query('UPDATE decision_catalogues SET process_id = $3 WHERE jurisdiction = $1 AND year = $2 AND process_id IS NULL RETURNING year', [jurisdiction, year, processId]);
  return rows.length === 1;
}

/** Gives the claim back when its process could not be started (Temporal unavailable): the next addition starts it. */
export async function releaseCatalogueProcess(db: Queryable, jurisdiction: string, year: number, processId: string): Promise<void> {
  await db.query('UPDATE decision_catalogues SET process_id = NULL WHERE jurisdiction = $1 AND year = $2 AND process_id = $3', [jurisdiction, year, processId]);
}

/** Drafting or approval, as the approval process moves; a published catalogue stays published. */
export async function setCatalogueStage(db: Queryable, jurisdiction: string, year: number, stage: Exclude<CatalogueStage, 'published'>): Promise<void> {
  await db.query("UPDATE decision_catalogues SET stage = $3 WHERE jurisdiction = $1 AND year = $2 AND stage <> 'published'", [jurisdiction, year, stage]);
}

/**
 * Takes back entries added as an adjustment whose approval process could not be started (Temporal
 * unavailable): the request failed, so it leaves nothing behind — no entry proposed for good with
 * no process to approve it. Only entries still proposed are removed, with their 'added' record.
 */
export function withdrawUnstartedAdjustment(db: Database, entryIds: string[]): Promise<void> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>("SELECT id FROM decision_catalogue_entries WHERE id = ANY($1) AND status = 'proposed' FOR UPDATE", [entryIds]);
    const ids = rows.map((r) => r.id);
    await tx.query("DELETE FROM decision_catalogue_adjustments WHERE entry_id = ANY($1) AND kind = 'added'", [ids]);
    await tx.query('DELETE FROM decision_catalogue_entries WHERE id = ANY($1)', [ids]);
  });
}

/** The government's answer to an adjustment (decree713:4): the proposed entries planned, or refused; recorded with its reason. */
export function decideCatalogueAdjustment(db: Database, input: { entryIds: string[]; approved: boolean; reason: string; by: string }): Promise<void> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>("UPDATE decision_catalogue_entries SET status = $2 WHERE id = ANY($1) AND status = 'proposed' RETURNING id", [input.entryIds, input.approved ? 'planned' : 'refused']);
    for (const r of rows)
      await tx.query('INSERT INTO decision_catalogue_adjustments (entry_id, kind, reason, by_user) VALUES ($1, $2, $3, $4)', [r.id, input.approved ? 'approved' : 'refused', input.reason, input.by]);
  });
}

/** The decision process moves its entry along (in progress, decided, withdrawn); idempotent. */
export async function setCatalogueEntryStatus(db: Queryable, id: string, status: CatalogueEntry['status'], decisionId: string): Promise<void> {
  await db.query('UPDATE decision_catalogue_entries SET status = $2, decision_id = $3 WHERE id = $1', [id, status, decisionId]);
}

/** Why an entry cannot be taken out of its catalogue, in English and in Chinese. */
export interface RemovalRefusal {
  /** Where the entry stands in the request. */
  index: number;
  entryId: string;
  reason: string;
  message: string;
}

/**
 * Requests the removal of entries from a published catalogue (调整: 删除事项, decree713:4), in one
 * transaction: each must be a planned entry of that catalogue whose decision has not started and
 * whose removal is not already pending. They are marked pending for `processId` with a
 * 'removal-proposed' record and stay planned until the adjustment is approved; nothing changes
 * when any is refused.
 * @returns the entries as marked, or the refusals (nothing changed).
 */
export function proposeCatalogueRemoval(
  db: Database,
  input: { jurisdiction: string; year: number; entryIds: string[]; reason: string; by: string; processId: string },
): Promise<{ entries: CatalogueEntry[] } | { refused: RemovalRefusal[] }> {
  return db.transaction(async (tx) => {
    const head = await tx.query<{ published_at: string | null }>('SELECT published_at FROM decision_catalogues WHERE jurisdiction = $1 AND year = $2 FOR UPDATE', [input.jurisdiction, input.year]);
    const { rows } = await tx.query<EntryRow>(`SELECT ${COLUMNS} FROM decision_catalogue_entries WHERE id = ANY($1) FOR UPDATE`, [input.entryIds]);
    const published = !!head.rows[0]?.published_at;
    const refused: RemovalRefusal[] = [];
    for (const [i, id] of input.entryIds.entries()) {
      if (input.entryIds.indexOf(id) !== i) {
        refused.push({ index: i, entryId: id, reason: `${id} is listed twice`, message: `${id} 重复列出` });
        continue;
      }
      const r = rows.find((row) => row.id === id && row.jurisdiction === input.jurisdiction && row.year === input.year);
      const refuse = (reason: string, message: string) => refused.push({ index: i, entryId: id, reason, message });
      if (!r) refuse(`no catalogue entry ${id} in the ${input.year} catalogue of ${input.jurisdiction}`, `${input.year}年度目录中没有事项 ${id}`);
      else if (!published) refuse(`the ${input.year} catalogue is not published: only an entry of a published catalogue is removed by an adjustment`, `${input.year}年度目录尚未公开：只有已公开目录中的事项才通过调整删除`);
      else if (r.removal_process_id) refuse(`the entry's removal is already with the government (${r.removal_process_id})`, `该事项的删除调整已在审批中（${r.removal_process_id}）`);
      else if (r.status !== 'planned' || r.decision_id) refuse(`the entry is ${r.status}${r.decision_id ? ` (${r.decision_id})` : ''}: only a planned entry whose decision has not started can be removed`, REFUSED_STATUS_ZH[r.status](r.decision_id));
    }
    if (refused.length) return { refused };
    await tx.query('UPDATE decision_catalogue_entries SET removal_process_id = $2 WHERE id = ANY($1)', [input.entryIds, input.processId]);
    for (const id of input.entryIds) await tx.query("INSERT INTO decision_catalogue_adjustments (entry_id, kind, reason, by_user) VALUES ($1, 'removal-proposed', $2, $3)", [id, input.reason, input.by]);
    const entries: CatalogueEntry[] = [];
    for (const id of input.entryIds) entries.push((await getCatalogueEntry(tx, id))!);
    return { entries };
  });
}

const REFUSED_STATUS_ZH: Record<CatalogueEntry['status'], (decisionId: string | null) => string> = {
  proposed: () => '该事项是尚未经政府研究确定的新增事项，不能删除',
  planned: (d) => `该事项的决策已经启动（${d}），不能从目录中删除`,
  'in-progress': (d) => `该事项的决策已经启动（${d}），不能从目录中删除`,
  decided: (d) => `该事项已作出决策（${d}），不能从目录中删除`,
  withdrawn: (d) => `该事项的决策已撤回（${d}），不能从目录中删除`,
  refused: () => '该事项的新增未获批准，不在目录中',
  removed: () => '该事项已从目录中删除',
};

/**
 * Takes back a removal request whose approval process could not be started (Temporal
 * unavailable): the entries are no longer pending and their 'removal-proposed' record is gone, as
 * if the request had never been made.
 */
export function withdrawUnstartedRemoval(db: Database, processId: string): Promise<void> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>('UPDATE decision_catalogue_entries SET removal_process_id = NULL WHERE removal_process_id = $1 RETURNING id', [processId]);
    await tx.query(
      "DELETE FROM decision_catalogue_adjustments WHERE id IN (SELECT max(id) FROM decision_catalogue_adjustments WHERE entry_id = ANY($1) AND kind = 'removal-proposed' GROUP BY entry_id)",
      [rows.map((r) => r.id)],
    );
  });
}

/**
 * The government's answer to a removal (decree713:4), recorded with its reason: approved, the
 * pending entries are removed ('removed'); refused, they stay planned ('removal-refused').
 * Idempotent: only entries still pending are touched. An entry whose decision started meanwhile
 * is not removed.
 */
export function decideCatalogueRemoval(db: Database, input: { entryIds: string[]; approved: boolean; reason: string; by: string }): Promise<void> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; status: CatalogueEntry['status'] }>(
      'SELECT id, status FROM decision_catalogue_entries WHERE id = ANY($1) AND removal_process_id IS NOT NULL FOR UPDATE',
      [input.entryIds],
    );
    for (const r of rows) {
      const removed = input.approved && r.status === 'planned';
      await tx.query('UPDATE decision_catalogue_entries SET removal_process_id = NULL, status = $2 WHERE id = $1', [r.id, removed ? 'removed' : r.status]);
      if (removed || !input.approved) await tx.query('INSERT INTO decision_catalogue_adjustments (entry_id, kind, reason, by_user) VALUES ($1, $2, $3, $4)', [r.id, removed ? 'removed' : 'removal-refused', input.reason, input.by]);
    }
  });
}
