-- 发文字号 sequences run per printed issuer code (机关代字) and year, not per document kind: a
-- 市中区 government notice and letter both became 市中政发〔2026〕1号 under the old per-kind
-- counters (issue 10, item 8). The code already names the kind of issuance (政发, 政函, 政办发 …);
-- kinds that share a sequence share a code. Numbers already issued stay exactly as printed.

CREATE TABLE document_number_sequences (
  issuer_code text NOT NULL CHECK (issuer_code <> ''),   -- '市中政发'
  year        integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  last_seq    integer NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (issuer_code, year)
);

-- Each code goes on after the highest number any of its kinds reached, so no new number can
-- repeat one already issued.
INSERT INTO document_number_sequences (issuer_code, year, last_seq)
  SELECT issuer_code, year, max(last_seq) FROM document_number_counters GROUP BY issuer_code, year;

-- The per-kind counters go; the numbers they gave out stay, marked as issued under that scheme.
ALTER TABLE issued_document_numbers DROP CONSTRAINT issued_document_numbers_issuer_code_kind_year_fkey;
DROP TABLE document_number_counters;
ALTER TABLE issued_document_numbers ADD COLUMN per_kind_sequence boolean NOT NULL DEFAULT false;
UPDATE issued_document_numbers SET per_kind_sequence = true;

-- From now on one number per code, year and sequence: no two documents print the same 发文字号.
CREATE UNIQUE INDEX issued_document_numbers_per_code ON issued_document_numbers (issuer_code, year, seq) WHERE NOT per_kind_sequence;
