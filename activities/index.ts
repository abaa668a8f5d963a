import type { Database } from '../db/database';
import { createDeadlineActivities } from './deadline-activities';
import { createDirectoryActivities } from './directory-activities';
import { createNotificationActivities } from './notification-activities';
import { createArchiveActivities } from './archive-activities';
import { createDocumentActivities } from './document-activities';
import { createMeetingActivities } from './meeting-activities';
import { createDecisionPublicationActivities } from './decision-publication-activities';
import { createDecisionActivities } from './decision-activities';

export interface ActivityDeps {
  db: Database;
}

/** Every activity the workflows call; a factory so tests pass their own database. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDirectoryActivities(deps),
    ...createDeadlineActivities(deps),
    ...createNotificationActivities(deps),
    ...createArchiveActivities(deps),
    ...createDocumentActivities(deps),
    ...createMeetingActivities(deps),
    ...createDecisionPublicationActivities(deps),
    ...createDecisionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
