import type { Queryable } from './database';

/** One message in the outbox; delivery (SMS, OA system) reads the outbox. */
export interface Notification {
  id: string;
  recipientId: string;
  processId: string;
  kind: string; // 'task-assigned' | 'reminder' | 'overdue' | 'escalation' | 'criticism-note' | …
  subject: string;
  body: string;
  dedupeKey: string;
  createdAt: string; // ISO instant
  readAt?: string;
}

interface NotificationRow {
  id: string;
  recipient_id: string;
  process_id: string;
  kind: string;
  subject: string;
  body: string;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  recipientId: r.recipient_id,
  processId: r.process_id,
  kind: r.kind,
  subject: r.subject,
  body: r.body,
  dedupeKey: r.dedupe_key,
  createdAt: r.created_at,
  ...(r.read_at ? { readAt: r.read_at } : {}),
});

/**
 * Adds a notification unless one with the same dedupeKey exists: activities retry, and a retry
 * must not notify twice.
 * @returns the notification's id and whether this call created it.
 */
export async function enqueueNotification(
  db: Queryable,
  input: { recipientId: string; processId: string; kind: string; subject: string; body: string; dedupeKey: string },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO notifications (recipient_id, process_id, kind, subject, body, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [input.recipientId, input.processId, input.kind, input.subject, input.body, input.dedupeKey],
  );
  if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
  const existing = await db.query<{ id: string }>('SELECT id FROM notifications WHERE dedupe_key = $1', [input.dedupeKey]);
  return { id: existing.rows[0].id, created: false };
}

/** A recipient's notifications, newest first (at most `limit`, default 50). */
export async function listNotifications(db: Queryable, filter: { recipientId: string; unreadOnly?: boolean; limit?: number }): Promise<Notification[]> {
  const { rows } = await db.query<NotificationRow>(
    `SELECT id, recipient_id, process_id, kind, subject, body, dedupe_key, created_at, read_at FROM notifications
      WHERE recipient_id = $1 AND (NOT $2 OR read_at IS NULL)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [filter.recipientId, filter.unreadOnly ?? false, filter.limit ?? 50],
  );
  return rows.map(toNotification);
}

/**
 * Marks one of the recipient's notifications read (again: the first time it was read is kept).
 * @returns false when the recipient has no such notification.
 */
export async function markNotificationRead(db: Queryable, input: { id: string; recipientId: string }): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING id',
    [input.id, input.recipientId],
  );
  return rows.length > 0;
}
