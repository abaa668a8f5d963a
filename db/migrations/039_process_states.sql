-- The whole state of each process (what its workflow's `state` query answers), written by the same
-- projection as its summary (db/read-model-repository.ts), so reading one process asks the read
-- model instead of making a worker load the process into its cache (issue 12). Like the summary, a
-- state only ever moves to a higher version; a snapshot without a state (a process just started,
-- an ended process rebuilt from visibility) leaves the stored one as it is. Processes whose
-- workflows started before this table keep no state here: reading them still queries the workflow.
CREATE TABLE process_states (
  process_id  text PRIMARY KEY REFERENCES process_summaries (process_id) ON DELETE CASCADE,
  version     bigint NOT NULL,                  -- the snapshot's version (the state's readModelVersion)
  state       jsonb NOT NULL
);
