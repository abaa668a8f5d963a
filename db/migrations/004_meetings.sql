-- Standing meetings (常务会议) and the queue of agenda items (议题) waiting for one.
-- An item that is ready (reviewed, approved by the chief) waits here; the meeting claims the
-- items ready by its lead-time cut-off when it freezes its agenda; a late one waits for the next.
CREATE TABLE meetings (
  id            text PRIMARY KEY,                 -- the standingMeeting workflow id
  jurisdiction  text NOT NULL,
  starts_at     timestamptz NOT NULL,
  cutoff_at     timestamptz NOT NULL,             -- starts_at less the rulebook's lead time
  status        text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'frozen', 'held', 'closed', 'cancelled')),
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX meetings_upcoming ON meetings (jurisdiction, starts_at) WHERE status = 'scheduled';

CREATE TABLE agenda_queue (
  item_id       text PRIMARY KEY,                 -- the agendaItem workflow id
  jurisdiction  text NOT NULL,
  title         text NOT NULL,
  lead_unit     text NOT NULL,
  ready_at      timestamptz NOT NULL,
  meeting_id    text REFERENCES meetings (id),    -- null: waiting for a meeting
  queued_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX agenda_queue_waiting ON agenda_queue (jurisdiction, ready_at) WHERE meeting_id IS NULL;
