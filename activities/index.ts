import pino, { type Logger } from 'pino';
import type { Database } from '../db/database';
import { classifyFailures } from './classify-failures';
import { createDeadlineActivities } from './deadline-activities';
import { createDirectoryActivities } from './directory-activities';
import { createNotificationActivities } from './notification-activities';
import { createArchiveActivities } from './archive-activities';
import { createDocumentActivities } from './document-activities';
import { createMeetingActivities } from './meeting-activities';
import { createDecisionPublicationActivities } from './decision-publication-activities';
import { createDecisionActivities } from './decision-activities';
import { createProjectionActivities } from './projection-activities';

export interface ActivityDeps {
  db: Database;
  /** Where failing activities are logged; pino at LOG_LEVEL on stdout by default. */
  log?: Logger;
}

/** Every activity the workflows call; a factory so tests pass their own database. */
export function createActivities(deps: ActivityDeps) {
  const all = {
    ...createDirectoryActivities(deps),
    ...createDeadlineActivities(deps),
    ...createNotificationActivities(deps),
    ...createArchiveActivities(deps),
    ...createDocumentActivities(deps),
    ...createMeetingActivities(deps),
    ...createDecisionPublicationActivities(deps),
    ...createDecisionActivities(deps),
    ...createProjectionActivities(deps),
  };
  return classifyFailures(all, deps.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' }));
}

export type Activities = ReturnType<typeof createActivities>;
