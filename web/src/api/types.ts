/** What the API sends, as the workbench reads it (the engine's own types, plus what the workbench may be served). */
import type { ActionView, AuditEntry, Deadline, Link, ProcessState, TaskView } from '../../../workflows/engine/types';

export type { AuditEntry, Deadline, Link };

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  pattern?: string;
  [keyword: string]: unknown;
};

/** An allowed action: with the one declaration of every action it carries its English label and its input's JSON Schema. */
export interface Action extends ActionView {
  labelEn?: string;
  inputSchema?: JsonSchema;
}

export interface Task extends Omit<TaskView, 'actions'> {
  actions: Action[];
  stepLabel?: string;
  stepLabelEn?: string;
  actionsUrl?: string;
}

export interface Process extends Omit<ProcessState, 'tasks' | 'links'> {
  tasks: Task[];
  openTasks: Task[];
  links: { self: string; audit: string; related: Link[]; temporalUi?: string };
}

export interface InboxItem {
  processId: string;
  processType: string;
  title: string;
  task: Task;
  actionsUrl: string;
}

export interface Inbox {
  items: InboxItem[];
  nextCursor?: string | null;
  /** The read model's counts over every page: { total, overdue, byType }. */
  counts?: { total?: number; overdue?: number; byType?: Record<string, number> } | Record<string, number>;
}

/** 已办 (GET /v1/tasks/done): a step the person decided, or a delegate decided for them. */
export interface ActedItem {
  processId: string;
  processType: string;
  title: string;
  processStatus: string;
  taskId: string;
  step: string;
  stepLabel: string;
  stepLabelEn: string;
  action: string;
  actionLabel: string;
  actionLabelEn: string;
  actorId: string;
  onBehalfOf?: string;
  at: string;
}

export interface ActedList {
  items: ActedItem[];
  nextCursor?: string;
}

export interface ProcessSummary {
  id: string;
  type?: string;
  /** From the read model: the lead (responsible) unit and the process's own status. */
  leadUnit?: string;
  processStatus?: string;
  provisional?: boolean;
  jurisdiction?: string;
  title?: string;
  status: string;
  step?: string;
  overdue: boolean;
  dueAt?: string;
  assignees: string[];
  startedAt: string;
  closedAt?: string;
}

export interface Me {
  user: { id: string; name: string; jurisdiction: string; unitId: string; unitName?: string; roles: string[] };
  startForms: { kind: string; path: string; label: string; labelEn: string; schema: JsonSchema }[];
  /** By year: the statutory holidays the server counts with for years the holiday table lacks. */
  statutoryHolidays?: Record<string, string[]>;
}

export interface DirectoryUser {
  id: string;
  name: string;
  unitId: string;
  roles: string[];
  portfolio: string[];
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
}

export interface HolidayYear {
  year: number;
  version: number;
  daysOff: string[];
  workingWeekendDays: string[];
  source: string;
}
