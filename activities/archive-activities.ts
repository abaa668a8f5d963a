import { archiveAuditTrail } from '../db/audit-archive-repository';
import type { AuditEntry } from '../workflows/engine/types';
import type { ActivityDeps } from './index';

export function createArchiveActivities({ db }: ActivityDeps) {
  return {
    /** A closed process's trail outlives the namespace retention in the database. */
    async archiveAudit(input: {
      processId: string;
      processType: string;
      jurisdiction: string;
      closedAt: string;
      entries: AuditEntry[];
      headHash: string;
    }): Promise<void> {
      await archiveAuditTrail(db, input);
    },
  };
}
