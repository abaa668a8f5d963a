import type { Database, Queryable } from './database';

export interface MeetingRecord {
  id: string;
  jurisdiction: string;
  startsAt: string;
  cutoffAt: string;
  status: 'scheduled' | 'frozen' | 'held' | 'closed' | 'cancelled';
}

export interface QueuedItem {
  itemId: string;
  jurisdiction: string;
  title: string;
  leadUnit: string;
  readyAt: string;
  meetingId: string | null;
  /** A major decision's item: the meeting records each member's view, the chief's last (decree713:30). */
  majorDecision?: boolean;
}

interface MeetingRow {
  id: string;
  jurisdiction: string;
  starts_at: string;
  cutoff_at: string;
  status: MeetingRecord['status'];
}
interface ItemRow {
  item_id: string;
  jurisdiction: string;
  title: string;
  lead_unit: string;
  ready_at: string;
  meeting_id: string | null;
  major_decision: boolean;
}

const iso = (t: string) => new Date(t).toISOString();
const toMeeting = (r: MeetingRow): MeetingRecord => ({ id: r.id, jurisdiction: r.jurisdiction, startsAt: iso(r.starts_at), cutoffAt: iso(r.cutoff_at), status: r.status });
const toItem = (r: ItemRow): QueuedItem => ({ itemId: r.item_id, jurisdiction: r.jurisdiction, title: r.title, leadUnit: r.lead_unit, readyAt: iso(r.ready_at), meetingId: r.meeting_id, ...(r.major_decision ? { majorDecision: true } : {}) });

/** Records a meeting (idempotent: a retried activity keeps the first record). */
export async function registerMeeting(db: Queryable, m: Omit<MeetingRecord, 'status'>): Promise<MeetingRecord> {
  await db.query('INSERT INTO meetings (id, jurisdiction, starts_at, cutoff_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [m.id, m.jurisdiction, m.startsAt, m.cutoffAt]);
  return (await getMeeting(db, m.id))!;
}

export async function getMeeting(db: Queryable, id: string): Promise<MeetingRecord | undefined> {
  const { rows } = await db.query<MeetingRow>('SELECT id, jurisdiction, starts_at, cutoff_at, status FROM meetings WHERE id = $1', [id]);
  return rows[0] ? toMeeting(rows[0]) : undefined;
}

/** Moves a meeting to a new date and cut-off (no quorum: rescheduled), back to 'scheduled'. */
export async function rescheduleMeeting(db: Queryable, id: string, startsAt: string, cutoffAt: string): Promise<void> {
  await db.query(`UPDATE meetings SET starts_at = $2, cutoff_at = $3, status = 'scheduled' WHERE id = $1`, [id, startsAt, cutoffAt]);
}

export async function setMeetingStatus(db: Queryable, id: string, status: MeetingRecord['status']): Promise<void> {
  await db.query('UPDATE meetings SET status = $2 WHERE id = $1', [id, status]);
}

/**
 * Puts a queued item on the agenda of a meeting whose agenda froze before the item's review ended
 * (002:40, 003:54: the item reached the office in time). Only while the meeting is frozen, not yet
 * sitting: returns false otherwise, and the item stays in the queue.
 */
export async function joinFrozenAgenda(db: Queryable, itemId: string, meetingId: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE agenda_queue SET meeting_id = $2 WHERE item_id = $1 AND meeting_id IS NULL
       AND EXISTS (SELECT 1 FROM meetings WHERE id = $2 AND status = 'frozen') RETURNING item_id`,
    [itemId, meetingId],
  );
  return rows.length > 0;
}

/** Puts a ready item in the queue, or back in it (deferred, or removed from an agenda). */
export async function enqueueAgendaItem(db: Queryable, item: Omit<QueuedItem, 'meetingId'>): Promise<void> {
  await db.query(
    `INSERT INTO agenda_queue (item_id, jurisdiction, title, lead_unit, ready_at, major_decision) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (item_id) DO UPDATE SET ready_at = EXCLUDED.ready_at, meeting_id = NULL`,
    [item.itemId, item.jurisdiction, item.title, item.leadUnit, item.readyAt, item.majorDecision ?? false],
  );
}

/**
 * The meeting takes every waiting item that was ready by its cut-off, in one transaction (two
 * meetings freezing at once never take the same item). Returns what it took, and also the items
 * it already holds (a retried activity gets the same agenda).
 */
export function claimAgendaItems(db: Database, meetingId: string, jurisdiction: string, cutoffAt: string): Promise<QueuedItem[]> {
  return db.transaction(async (tx) => {
    await tx.query('UPDATE agenda_queue SET meeting_id = $1 WHERE jurisdiction = $2 AND meeting_id IS NULL AND ready_at <= $3', [meetingId, jurisdiction, cutoffAt]);
    const { rows } = await tx.query<ItemRow>('SELECT item_id, jurisdiction, title, lead_unit, ready_at, meeting_id, major_decision FROM agenda_queue WHERE meeting_id = $1 ORDER BY ready_at, item_id', [meetingId]);
    return rows.map(toItem);
  });
}

/** Gives items back to the queue (the chief left them off the agenda, or they were deferred). */
export async function releaseAgendaItems(db: Queryable, meetingId: string, itemIds: string[]): Promise<void> {
  await db.query('UPDATE agenda_queue SET meeting_id = NULL WHERE meeting_id = $1 AND item_id = ANY($2::text[])', [meetingId, itemIds]);
}

/** Takes a decided (or withdrawn) item out of the queue for good. */
export async function removeAgendaItem(db: Queryable, itemId: string): Promise<void> {
  await db.query('DELETE FROM agenda_queue WHERE item_id = $1', [itemId]);
}

export async function getQueuedItem(db: Queryable, itemId: string): Promise<QueuedItem | undefined> {
  const { rows } = await db.query<ItemRow>('SELECT item_id, jurisdiction, title, lead_unit, ready_at, meeting_id, major_decision FROM agenda_queue WHERE item_id = $1', [itemId]);
  return rows[0] ? toItem(rows[0]) : undefined;
}

/**
 * Meetings of a jurisdiction still to be held or being held (scheduled, frozen, held), soonest
 * first: the ones an item ready now can still make, or has just missed.
 */
export async function openMeetings(db: Queryable, jurisdiction: string): Promise<MeetingRecord[]> {
  const { rows } = await db.query<MeetingRow>(
    `SELECT id, jurisdiction, starts_at, cutoff_at, status FROM meetings WHERE jurisdiction = $1 AND status IN ('scheduled', 'frozen', 'held') ORDER BY starts_at`,
    [jurisdiction],
  );
  return rows.map(toMeeting);
}
