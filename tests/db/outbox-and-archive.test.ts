import { describe, expect, it } from 'vitest';
import { archiveAuditTrail, getArchivedAuditTrail } from '../../db/audit-archive-repository';
import type { Database } from '../../db/database';
import { enqueueNotification, listNotifications, markNotificationRead } from '../../db/notification-repository';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened), { seeded: true });

const note = (subject: string, recipientId = 'js.finance.head') => ({
  recipientId,
  processId: 'supervisionTicket/jinan-shizhong-2023/1',
  kind: 'reminder',
  subject,
  body: `${subject}：请按时办理`,
  dedupeKey: `t1/reminder/${subject}/${recipientId}`,
});

describe('notification outbox', () => {
  it('the same dedupeKey twice (a retried activity) — stores one notification', async () => {
    const first = await enqueueNotification(db, note('first'));
    const again = await enqueueNotification(db, note('first'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await listNotifications(db, { recipientId: 'js.finance.head' })).toHaveLength(1);
  });

  it('listing — newest first, limited, unread filter; marking read is scoped to the recipient', async () => {
    const second = await enqueueNotification(db, note('second'));
    await enqueueNotification(db, note('other', 'js.finance.staff'));
    const all = await listNotifications(db, { recipientId: 'js.finance.head' });
    expect(all.map((n) => n.subject)).toEqual(['second', 'first']);
    expect(all[0]).toMatchObject({ recipientId: 'js.finance.head', kind: 'reminder', createdAt: expect.stringMatching(/Z$/) });
    expect(all[0].readAt).toBeUndefined();
    expect(await listNotifications(db, { recipientId: 'js.finance.head', limit: 1 })).toHaveLength(1);

    expect(await markNotificationRead(db, { id: second.id, recipientId: 'js.finance.staff' })).toBe(false);
    expect(await markNotificationRead(db, { id: second.id, recipientId: 'js.finance.head' })).toBe(true);
    const unread = await listNotifications(db, { recipientId: 'js.finance.head', unreadOnly: true });
    expect(unread.map((n) => n.subject)).toEqual(['first']);
    expect((await listNotifications(db, { recipientId: 'js.finance.head' }))[0].readAt).toMatch(/Z$/);
  });
});

describe('audit archive', () => {
  const trail = {
    processId: 'supervisionTicket/jinan-shizhong-2023/9',
    processType: 'supervisionTicket',
    jurisdiction: 'jinan-shizhong-2023',
    closedAt: '2026-10-09T16:00:00.000Z',
    entries: [{ seq: 1, action: 'started', actorId: 'js.supervision.staff', hash: 'h1' }, { seq: 2, action: 'closed', hash: 'h2' }],
    headHash: 'h2',
  };

  it('archiving twice with the same trail (a retried activity) — stores it once and reads it back', async () => {
    expect(await archiveAuditTrail(db, trail)).toEqual({ created: true });
    expect(await archiveAuditTrail(db, trail)).toEqual({ created: false });
    expect(await getArchivedAuditTrail(db, trail.processId)).toEqual({ ...trail, archivedAt: expect.stringMatching(/Z$/) });
  });

  it('archiving a different trail for an archived process — throws and keeps the first', async () => {
    await expect(archiveAuditTrail(db, { ...trail, entries: [], headHash: 'other' })).rejects.toThrow(/already archived/);
    expect((await getArchivedAuditTrail(db, trail.processId))?.headHash).toBe('h2');
  });

  it('an unknown process — is undefined', async () => {
    expect(await getArchivedAuditTrail(db, 'nope')).toBeUndefined();
  });
});
