-- 发文字号 (document numbers): issuer code + year in 〔〕 + sequence + 号, e.g. 市中政发〔2023〕1号.
-- Sequences run per issuer code, kind and year, from 1, without gaps (national-rules.md, process B).
-- Allocated in one transaction at issuance (db/document-number-repository.ts).

-- The last sequence number given out; the row lock taken by the upsert serialises concurrent issuers.
CREATE TABLE document_number_counters (
  issuer_code text NOT NULL CHECK (issuer_code <> ''),   -- '市中政发'
  kind        text NOT NULL CHECK (kind <> ''),          -- document kind, e.g. 'notice'
  year        integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  last_seq    integer NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (issuer_code, kind, year)
);

-- Every number given out, and to which process. process_id unique: an activity retried after a
-- worker crash gets the number it already has, never a second one.
CREATE TABLE issued_document_numbers (
  issuer_code text NOT NULL,
  kind        text NOT NULL,
  year        integer NOT NULL,
  seq         integer NOT NULL CHECK (seq > 0),
  number      text NOT NULL,                             -- '市中政发〔2026〕12号'
  process_id  text NOT NULL UNIQUE,
  issued_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (issuer_code, kind, year, seq),
  -- The printed number leaves the kind out; sequences per kind may repeat it across kinds.
  UNIQUE (kind, number),
  FOREIGN KEY (issuer_code, kind, year) REFERENCES document_number_counters (issuer_code, kind, year)
);
CREATE INDEX issued_document_numbers_by_number ON issued_document_numbers (number);
