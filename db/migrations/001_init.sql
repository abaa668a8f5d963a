-- govflow: data that lives outside workflow histories (architecture.md, "Data outside workflow histories").
-- Later migrations add tables (public comments, document numbers …) as 002_*.sql, 003_*.sql.

-- Directory: units, people, roles, portfolios (分管), AB pairs (AB角), absences.
CREATE TABLE units (
  id           text PRIMARY KEY,               -- 'js.finance'
  jurisdiction text NOT NULL,
  name         text NOT NULL,
  kind         text NOT NULL,
  sort_order   integer NOT NULL DEFAULT 0      -- order of the seed file, for readable lists
);
CREATE INDEX units_by_jurisdiction ON units (jurisdiction, sort_order);

CREATE TABLE users (
  id            text PRIMARY KEY,              -- 'js.chief'
  jurisdiction  text NOT NULL,
  name          text NOT NULL,
  unit_id       text NOT NULL REFERENCES units (id),
  roles         text[] NOT NULL CHECK (cardinality(roles) > 0),
  portfolio     text[] NOT NULL DEFAULT '{}',  -- unit ids a vice chief is in charge of
  -- Deferred: AB partners name each other, so a pair can only be written inside one transaction.
  ab_partner_id text REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  sort_order    integer NOT NULL DEFAULT 0
);
CREATE INDEX users_by_jurisdiction ON users (jurisdiction, sort_order);

CREATE TABLE absences (
  id               text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  user_id          text NOT NULL REFERENCES users (id),
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  stand_in_user_id text REFERENCES users (id),  -- named acting person (003:77); else the AB partner
  reason           text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX absences_by_user ON absences (user_id, starts_at);

-- Holiday calendar: every version an operator loads is kept; the highest version of a year wins.
CREATE TABLE calendar_years (
  year                 integer NOT NULL,
  version              integer NOT NULL CHECK (version > 0),
  days_off             date[] NOT NULL,
  working_weekend_days date[] NOT NULL,         -- 调休上班
  source               text NOT NULL,           -- '国办发明电〔2025〕7号'
  loaded_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, version)
);

-- Notification outbox: delivery (SMS, OA system) reads this table, not the workflows.
-- No foreign key to users: the outbox must accept what an activity wrote even if the directory changes.
CREATE TABLE notifications (
  id           text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  recipient_id text NOT NULL,
  process_id   text NOT NULL,
  kind         text NOT NULL,
  subject      text NOT NULL,
  body         text NOT NULL,
  dedupe_key   text NOT NULL UNIQUE,            -- activities retry; a retry must not notify twice
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  read_at      timestamptz
);
CREATE INDEX notifications_by_recipient ON notifications (recipient_id, created_at DESC);

-- Audit trails of closed processes, kept after the namespace retention deletes their histories.
CREATE TABLE audit_archive (
  process_id   text PRIMARY KEY,
  process_type text NOT NULL,
  jurisdiction text NOT NULL,
  closed_at    timestamptz NOT NULL,
  entries      jsonb NOT NULL,
  head_hash    text NOT NULL,                   -- last link of the hash chain over entries
  archived_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_archive_by_jurisdiction ON audit_archive (jurisdiction, closed_at);
