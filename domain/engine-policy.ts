import { cited } from './citation';

/**
 * How the human-task engine reminds people. No work rule sets these; they are the government
 * office's own policy (architecture.md: reminders at 50 % and 75 % of the time and at the due
 * time), so they are cited as policy, never as law.
 */
export const ENGINE_POLICY = {
  /** Fractions of a task's time at which its holders are reminded before the due time. */
  reminderFractions: cited([0.5, 0.75], 'policy:reminder-ladder'),
  /** Longest free-text comment an action may carry. */
  maxCommentLength: cited(2000, 'policy:comment-length'),
  /**
   * Bounds on any action's `data`, whatever its own schema says: every action is kept in the
   * workflow's history, which Temporal ends at 50 MB. The longest field people send is a
   * document body (100 000 characters, domain/documents/actions.ts).
   */
  actionData: cited({ maxSerializedLength: 120_000, maxStringLength: 100_000, maxDepth: 8 }, 'policy:action-data-size'),
};
