import { enqueueNotification } from '../db/notification-repository';
import type { ActivityDeps } from './index';

export interface NotifyInput {
  recipientIds: string[];
  processId: string;
  kind: string; // 'task-assigned' | 'reminder' | 'overdue' | 'escalation' | 'criticism-note' | ...
  subject: string;
  body: string;
  /** Stable per notification, so a retried activity never sends twice. */
  dedupeKey: string;
}

export function createNotificationActivities({ db }: ActivityDeps) {
  return {
    /** Writes to the outbox; delivery (SMS, OA system) reads the outbox, not the workflow. */
    async notify(input: NotifyInput): Promise<void> {
      for (const recipientId of input.recipientIds) {
        await enqueueNotification(db, {
          recipientId,
          processId: input.processId,
          kind: input.kind,
          subject: input.subject,
          body: input.body,
          dedupeKey: `${input.dedupeKey}/${recipientId}`,
        });
      }
    },
  };
}
