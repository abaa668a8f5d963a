/**
 * What the standing meeting decides on an item (议定): approved; approved subject to revision;
 * deferred for further study; not approved (domain.md A 8).
 */
export const AGENDA_OUTCOMES = ['approved', 'approved-with-revision', 'deferred', 'not-approved'] as const;
export type AgendaOutcomeKind = (typeof AGENDA_OUTCOMES)[number];

/** Outcomes that decide a matter to carry out: only these take a supervision deadline or a major revision. */
export const DECIDING_OUTCOMES: readonly AgendaOutcomeKind[] = ['approved', 'approved-with-revision'];
