import { SA } from '../../workflows/search-attributes';

export interface ProcessFilter {
  type?: string;
  jurisdiction?: string;
  overdue?: boolean;
  assignee?: string;
  running?: boolean;
  provisional?: boolean;
}

/** Temporal visibility values are single-quoted; zod already limits them, this keeps quotes harmless. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The list filter in Temporal's visibility query language, over govflow's search attributes. */
export function visibilityQuery(filter: ProcessFilter): string {
  const clauses = [`${SA.processType.name} IS NOT NULL`];
  if (filter.type) clauses.push(`${SA.processType.name} = ${quote(filter.type)}`);
  if (filter.jurisdiction) clauses.push(`${SA.jurisdiction.name} = ${quote(filter.jurisdiction)}`);
  if (filter.overdue !== undefined) clauses.push(`${SA.overdue.name} = ${filter.overdue}`);
  if (filter.assignee) clauses.push(`${SA.assignees.name} = ${quote(filter.assignee)}`);
  if (filter.provisional !== undefined) clauses.push(`${SA.provisional.name} = ${filter.provisional}`);
  if (filter.running) clauses.push(`ExecutionStatus = 'Running'`);
  return clauses.join(' AND ');
}
