import { publishDecision, type PublishedDecision } from '../db/published-decision-repository';
import type { ActivityDeps } from './index';

export function createDecisionPublicationActivities({ db }: ActivityDeps) {
  return {
    /** Puts a decided matter on the public list (GET /public/decisions); idempotent per item. */
    async publishDecision(input: PublishedDecision): Promise<{ publishedAt: string }> {
      const published = await publishDecision(db, input);
      return { publishedAt: published.publishedAt };
    },
  };
}
