-- Issued official documents (公文): the text as signed, with its number, kept beside the archived
-- audit trail. One row per process; the number comes from the allocator in the same transaction.
CREATE TABLE issued_documents (
  process_id    text PRIMARY KEY REFERENCES issued_document_numbers (process_id),
  jurisdiction  text NOT NULL,
  issuer        text NOT NULL CHECK (issuer IN ('government', 'office')),
  kind          text NOT NULL,
  number        text NOT NULL,                        -- '市中政发〔2026〕12号'
  title         text NOT NULL,
  body          text NOT NULL,
  body_sha256   text NOT NULL,
  disclosure    text NOT NULL CHECK (disclosure IN ('proactive', 'on-request', 'not-public')),
  addressees    jsonb NOT NULL DEFAULT '[]',
  issued_at     timestamptz NOT NULL,
  -- Set when the office publishes a proactively public document (ogi2019:26: within 20 working days).
  published_at  timestamptz,
  CHECK (published_at IS NULL OR disclosure = 'proactive')
);
CREATE INDEX issued_documents_public ON issued_documents (jurisdiction, published_at DESC) WHERE published_at IS NOT NULL;
