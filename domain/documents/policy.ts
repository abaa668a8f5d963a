import { cited } from '../citation';
import type { Limit } from '../limit';

/**
 * Limits the government office sets for its own steps where no work rule gives a number
 * (000:71 only asks that every step keep "the prescribed limits"). Cited as policy, never as law.
 */
export const DOCUMENT_POLICY = {
  /** The office's review (审核) of a draft; the clock stops while the draft is back with its unit. */
  officeReviewLimit: cited<Limit>({ unit: 'workingDays', n: 3 }, 'policy:office-review-limit'),
  /** A lead unit revising a draft the office or its head returned. */
  revisionLimit: cited<Limit>({ unit: 'workingDays', n: 5 }, 'policy:draft-revision-limit'),
};
