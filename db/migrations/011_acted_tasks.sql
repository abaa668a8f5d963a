-- 已办: the tasks each person decided, written by the same projection as the inbox
-- (db/read-model-repository.ts), so "what I acted on, newest first" is one range of one index.
-- A row per task and person: the one who acted and, for a delegate, the one acted for.
-- Processes projected before this table have no rows until they are projected again
-- (their next change, or `npm run reproject`).
CREATE TABLE acted_tasks (
  person_id     text NOT NULL,                    -- who acted, or on whose behalf
  acted_at      timestamptz NOT NULL,
  process_id    text NOT NULL REFERENCES process_summaries (process_id) ON DELETE CASCADE,
  task_id       text NOT NULL,
  step          text NOT NULL,                    -- e.g. ticket.execution
  action        text NOT NULL,                    -- e.g. submit-completion
  actor_id      text NOT NULL,
  on_behalf_of  text,
  PRIMARY KEY (person_id, acted_at, process_id, task_id)
);
CREATE INDEX acted_tasks_by_process ON acted_tasks (process_id);
