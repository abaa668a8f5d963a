import type { Database, Queryable } from './database';

/** Advisory-lock class for allocations (two-key form: the second key is hashtext(process id)). */
const ALLOCATION_LOCK_CLASS = 71_460_202;

/**
 * Which sequence a number comes from: sequences run per printed issuer code (机关代字) and year —
 * the code already names the kind of issuance (政发, 政函, 政办发), so kinds that share a code share
 * its sequence and no two documents print the same number (national-rules.md, docs2012:9).
 */
export interface DocumentNumberSequence {
  issuerCode: string; // '市中政发'
  year: number;
}

/** What an allocation records: the sequence and the document kind numbered (kept for the record). */
export interface DocumentNumberRequest extends DocumentNumberSequence {
  kind: string; // document kind, e.g. 'notice'
}

/** A number given out, and to which process. */
export interface IssuedDocumentNumber extends DocumentNumberRequest {
  seq: number;
  number: string; // '市中政发〔2026〕12号'
  processId: string;
  issuedAt: string; // ISO instant
}

interface IssuedRow {
  issuer_code: string;
  kind: string;
  year: number;
  seq: number;
  number: string;
  process_id: string;
  issued_at: string;
}

const toIssued = (r: IssuedRow): IssuedDocumentNumber => ({
  issuerCode: r.issuer_code,
  kind: r.kind,
  year: r.year,
  seq: r.seq,
  number: r.number,
  processId: r.process_id,
  issuedAt: r.issued_at,
});

const ISSUED_COLUMNS = 'issuer_code, kind, year, seq, number, process_id, issued_at';

/**
 * 发文字号: issuer code + year in 〔〕 + sequence + 号 (《党政机关公文处理工作条例》 Art. 9).
 * @example formatDocumentNumber({ issuerCode: '市中政发', year: 2026, seq: 12 }) === '市中政发〔2026〕12号'
 * @throws RangeError for an empty issuer code, a year that is not four digits, or a sequence below 1.
 */
export function formatDocumentNumber(input: { issuerCode: string; year: number; seq: number }): string {
  if (!input.issuerCode) throw new RangeError('issuer code is empty');
  if (!Number.isInteger(input.year) || input.year < 1000 || input.year > 9999) throw new RangeError(`year ${input.year} is not four digits`);
  if (!Number.isInteger(input.seq) || input.seq < 1) throw new RangeError(`sequence ${input.seq} is not a positive integer`);
  return `${input.issuerCode}〔${input.year}〕${input.seq}号`;
}

/**
 * Gives `processId` the next number of its issuer code and year, or the number it already
 * has (`created: false`): an activity retried after a worker crash never gets a second number.
 * Runs in one transaction of its own; see {@link allocateDocumentNumberIn} to allocate inside the
 * caller's (e.g. together with recording the issued document).
 * @throws RangeError for a bad issuer code, kind or year, or when processId already holds a number
 *   of another issuer code, kind or year.
 */
export function allocateDocumentNumber(
  db: Database,
  input: DocumentNumberRequest & { processId: string },
): Promise<{ number: string; seq: number; created: boolean }> {
  return db.transaction((tx) => allocateDocumentNumberIn(tx, input));
}

/**
 * {@link allocateDocumentNumber} inside the caller's transaction `tx` (it must be one: the counter
 * row lock and the process lock are held until it ends). If that transaction rolls back, the
 * counter goes back too: no gap.
 */
export async function allocateDocumentNumberIn(
  tx: Queryable,
  input: DocumentNumberRequest & { processId: string },
): Promise<{ number: string; seq: number; created: boolean }> {
  formatDocumentNumber({ issuerCode: input.issuerCode, year: input.year, seq: 1 }); // validates
  if (!input.kind) throw new RangeError('kind is empty');
  if (!input.processId) throw new RangeError('process id is empty');

  // Two calls for one process at once (a retry racing a slow first attempt): the second waits here,
  // then sees the first one's committed number. Without it, both would take a number from the counter.
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ALLOCATION_LOCK_CLASS, input.processId]);
  const existing = await tx.query<IssuedRow>(`SELECT ${ISSUED_COLUMNS} FROM issued_document_numbers WHERE process_id = $1`, [input.processId]);
  if (existing.rows[0]) {
    const had = toIssued(existing.rows[0]);
    if (had.issuerCode !== input.issuerCode || had.kind !== input.kind || had.year !== input.year) {
      throw new RangeError(`process ${input.processId} already holds ${had.number} (${had.kind}), not a number of ${input.issuerCode}/${input.kind}/${input.year}`);
    }
    return { number: had.number, seq: had.seq, created: false };
  }

  // The upsert locks the counter row until commit: concurrent issuers of one sequence queue here.
  const counter = await tx.query<{ last_seq: number }>(
    `INSERT INTO document_number_sequences AS counter (issuer_code, year, last_seq) VALUES ($1, $2, 1)
     ON CONFLICT (issuer_code, year) DO UPDATE SET last_seq = counter.last_seq + 1
     RETURNING last_seq`,
    [input.issuerCode, input.year],
  );
  const seq = counter.rows[0].last_seq;
  const number = formatDocumentNumber({ issuerCode: input.issuerCode, year: input.year, seq });
  await tx.query(
    'INSERT INTO issued_document_numbers (issuer_code, kind, year, seq, number, process_id) VALUES ($1, $2, $3, $4, $5, $6)',
    [input.issuerCode, input.kind, input.year, seq, number, input.processId],
  );
  return { number, seq, created: true };
}

/** The numbers given out in one sequence (of one kind, if given), in order. */
export async function listIssuedNumbers(db: Queryable, sequence: DocumentNumberSequence & { kind?: string }): Promise<IssuedDocumentNumber[]> {
  const { rows } = await db.query<IssuedRow>(
    `SELECT ${ISSUED_COLUMNS} FROM issued_document_numbers WHERE issuer_code = $1 AND year = $2 AND ($3::text IS NULL OR kind = $3) ORDER BY seq, kind`,
    [sequence.issuerCode, sequence.year, sequence.kind ?? null],
  );
  return rows.map(toIssued);
}
