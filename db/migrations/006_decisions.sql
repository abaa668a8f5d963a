-- Major administrative decisions (重大行政决策, domain.md C).
-- The yearly catalogue (目录, 002:18, 003:27, decree713:4), the decisions themselves, and their
-- public consultations with the comments citizens send: thousands per consultation, so they live
-- here and never in a workflow history (one row each, a receipt number per comment).

CREATE TABLE decision_catalogues (
  jurisdiction  text NOT NULL,
  year          integer NOT NULL,
  published_at  timestamptz,                      -- after this, every change is an adjustment with a reason
  published_by  text,
  PRIMARY KEY (jurisdiction, year)
);

CREATE TABLE decision_catalogue_entries (
  id               text PRIMARY KEY,              -- '<jurisdiction>.<year>.<seq>'
  jurisdiction     text NOT NULL,
  year             integer NOT NULL,
  seq              integer NOT NULL,
  title            text NOT NULL,
  proposing_unit   text NOT NULL,
  scope_category   text NOT NULL,                 -- 000:20's list (domain/decisions/scope.ts)
  planned_quarter  integer NOT NULL CHECK (planned_quarter BETWEEN 1 AND 4),
  status           text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'decided', 'withdrawn')),
  decision_id      text,                          -- the majorDecision process that carries it
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (jurisdiction, year, seq),
  FOREIGN KEY (jurisdiction, year) REFERENCES decision_catalogues (jurisdiction, year)
);

-- Every change to a published catalogue, with its reason.
CREATE TABLE decision_catalogue_adjustments (
  id          bigserial PRIMARY KEY,
  entry_id    text NOT NULL REFERENCES decision_catalogue_entries (id),
  kind        text NOT NULL CHECK (kind IN ('added', 'withdrawn', 'changed')),
  reason      text NOT NULL,
  by_user     text NOT NULL,
  at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX decision_catalogue_adjustments_entry ON decision_catalogue_adjustments (entry_id, id);

CREATE TABLE major_decisions (
  id                  text PRIMARY KEY,           -- the majorDecision workflow id
  jurisdiction        text NOT NULL,
  title               text NOT NULL,
  proposing_unit      text NOT NULL,
  catalogue_entry_id  text REFERENCES decision_catalogue_entries (id),
  scope_category      text NOT NULL,
  status              text NOT NULL DEFAULT 'running',
  decision            text,                       -- as the minutes record it
  decided_at          timestamptz,
  document_number     text,                       -- 发文字号 of the published decision
  published_at        timestamptz,
  suspended_at        timestamptz,
  suspension_reason   text,
  file                jsonb,                      -- the whole decision file, archived (decree713:33)
  archived_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX major_decisions_published ON major_decisions (jurisdiction, published_at DESC) WHERE published_at IS NOT NULL;

CREATE TABLE consultations (
  id                    text PRIMARY KEY REFERENCES major_decisions (id),
  jurisdiction          text NOT NULL,
  title                 text NOT NULL,
  proposing_unit        text NOT NULL,
  draft                 text NOT NULL,
  grounds               text NOT NULL,           -- 起草说明
  opens_at              timestamptz NOT NULL,
  closes_at             timestamptz NOT NULL,
  short_period_reason   text,                    -- shown with the consultation (decree713:15)
  hearing               jsonb,                   -- the notice: matter, time, place (decree713:16)
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  summary               jsonb,                   -- themes with responses, once published
  summary_published_at  timestamptz
);
CREATE INDEX consultations_by_status ON consultations (jurisdiction, status, closes_at);

CREATE TABLE public_comments (
  id               bigserial PRIMARY KEY,
  consultation_id  text NOT NULL REFERENCES consultations (id),
  receipt          text NOT NULL UNIQUE,          -- shown to the commenter
  body             text NOT NULL,
  contact          text,                          -- optional, never shown publicly
  client_hash      text,                          -- a hash of the client address: abuse handling only
  received_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX public_comments_by_consultation ON public_comments (consultation_id, id);

-- A major decision's agenda item is marked in the queue, so the meeting records members' views on it (decree713:30).
ALTER TABLE agenda_queue ADD COLUMN major_decision boolean NOT NULL DEFAULT false;
