import { z } from 'zod';
import type { Database } from '../../db/database';
import { listNotifications, markNotificationRead } from '../../db/notification-repository';
import { NotFound } from '../errors';
import { defineRoute, type RouteDefinition } from './define-route';

const notificationSchema = z.object({
  id: z.string(),
  recipientId: z.string(),
  processId: z.string().describe('the process it is about: GET /v1/processes/{processId}'),
  kind: z.string().describe("'task-assigned', 'reminder', 'overdue', 'escalation' …"),
  subject: z.string(),
  body: z.string(),
  dedupeKey: z.string(),
  createdAt: z.string(),
  readAt: z.string().optional(),
});

const listQuery = z.object({
  unread: z.stringbool().optional().describe('true: only unread ones'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('at most this many, newest first (default 50)'),
});

/** Routes of the caller's own notifications (reminders, escalations, assignments). */
export function notificationRoutes(deps: { db: Database }): RouteDefinition[] {
  const { db } = deps;
  return [
    defineRoute({
      method: 'get',
      path: '/v1/notifications',
      summary: "The caller's notifications",
      tags: ['notifications'],
      auth: true,
      query: listQuery,
      responses: { 200: { description: 'newest first', schema: z.object({ notifications: z.array(notificationSchema) }) } },
      handler: async ({ query, user }) => ({
        notifications: await listNotifications(db, { recipientId: user.id, unreadOnly: query.unread ?? false, limit: query.limit ?? 50 }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/notifications/:id/read',
      summary: 'Mark one of the caller’s notifications read',
      tags: ['notifications'],
      auth: true,
      params: z.object({ id: z.string().min(1) }),
      responses: { 204: { description: 'marked read' }, 404: { description: 'no such notification for the caller' } },
      handler: async ({ params, user }) => {
        // Scoped by recipient: someone else's notification is indistinguishable from a missing one.
        const marked = await markNotificationRead(db, { id: params.id, recipientId: user.id });
        if (!marked) throw new NotFound(`no notification ${params.id} for you`);
        return undefined;
      },
    }),
  ];
}
