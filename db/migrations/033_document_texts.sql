-- Document texts (draft bodies) by their SHA-256: the workflow history carries only the hash and
-- the character count (issue 11), so a draft edited a hundred times costs the history a few bytes
-- per edit instead of the whole text. Content-addressed: the same text is stored once, never
-- changed, and whoever holds the hash can check what they load.
CREATE TABLE document_texts (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
