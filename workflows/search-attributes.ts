import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes, so operators can list e.g. "all overdue countersigns in 市中区" in the
 * Temporal UI and the inbox is one visibility query. They carry no personal data beyond user ids.
 */
export const SA = {
  processType: defineSearchAttributeKey('GovProcessType', 'KEYWORD'),
  jurisdiction: defineSearchAttributeKey('GovJurisdiction', 'KEYWORD'),
  leadUnit: defineSearchAttributeKey('GovLeadUnit', 'KEYWORD'),
  step: defineSearchAttributeKey('GovStep', 'KEYWORD'),
  status: defineSearchAttributeKey('GovStatus', 'KEYWORD'),
  assignees: defineSearchAttributeKey('GovAssignees', 'KEYWORD_LIST'),
  dueAt: defineSearchAttributeKey('GovDueAt', 'DATETIME'),
  overdue: defineSearchAttributeKey('GovOverdue', 'BOOL'),
  provisional: defineSearchAttributeKey('GovProvisional', 'BOOL'),
  title: defineSearchAttributeKey('GovTitle', 'TEXT'),
  /** An activity failed for good: the process waits for an operator, or went on without it (details.activityFailures). */
  stuck: defineSearchAttributeKey('GovStuck', 'BOOL'),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);

/** `temporal server start-dev --search-attribute` arguments for the same keys. */
export function searchAttributeCliArgs(): string[] {
  const cliType: Record<(typeof ALL_SEARCH_ATTRIBUTES)[number]['type'], string> = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList', DATETIME: 'Datetime', BOOL: 'Bool', TEXT: 'Text' };
  return ALL_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}
