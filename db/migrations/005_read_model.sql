-- The read model: what the inbox, the process lists and the dashboards query, so no list asks
-- Temporal about each process (visibility is eventually consistent and meant for operators).
-- Workflows project their snapshots here (activities/projection-activities.ts) and the API writes
-- the state an action returned through the same upsert: a row only ever moves to a higher
-- version, so a retried or replayed projection never goes backwards.
CREATE TABLE process_summaries (
  process_id    text PRIMARY KEY,
  version       bigint NOT NULL,
  process_type  text NOT NULL,
  jurisdiction  text NOT NULL,
  lead_unit     text,
  title         text NOT NULL,
  status        text NOT NULL,                    -- the process's own: running, closed, refused …
  step          text NOT NULL,
  overdue       boolean NOT NULL DEFAULT false,
  provisional   boolean NOT NULL DEFAULT false,
  due_at        timestamptz,                      -- the soonest due open task
  due_sort      timestamptz NOT NULL,             -- due_at, or 9999-12-31 (last) when none: a total order for cursors
  assignees     text[] NOT NULL DEFAULT '{}',
  started_at    timestamptz NOT NULL,
  closed_at     timestamptz,
  projected_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- Lists and dashboards: one jurisdiction, soonest due first, optionally one type.
CREATE INDEX process_summaries_by_due ON process_summaries (jurisdiction, due_sort, process_id);
CREATE INDEX process_summaries_by_type ON process_summaries (jurisdiction, process_type, due_sort, process_id);
-- Absences re-route the processes where someone holds a task.
CREATE INDEX process_summaries_by_assignee ON process_summaries USING gin (assignees);

-- One row per open task and holder: the inbox is one index range, soonest due first.
CREATE TABLE inbox_tasks (
  assignee_id   text NOT NULL,
  due_sort      timestamptz NOT NULL,
  process_id    text NOT NULL REFERENCES process_summaries (process_id) ON DELETE CASCADE,
  task_id       text NOT NULL,
  process_type  text NOT NULL,
  jurisdiction  text NOT NULL,
  lead_unit     text,
  title         text NOT NULL,                    -- the process's title, searched by the inbox
  overdue       boolean NOT NULL,
  task          jsonb NOT NULL,                   -- the task as the workflow shows it
  PRIMARY KEY (assignee_id, due_sort, process_id, task_id)
);
CREATE INDEX inbox_tasks_by_process ON inbox_tasks (process_id);
