import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { allocateDocumentNumber, listIssuedNumbers } from '../../db/document-number-repository';
import { migrate } from '../../db/migrate';
import { openTestDatabase } from '../support/test-database';

/**
 * Issue 10, item 8: under the per-kind counters a 000 government notice and letter both printed
 * 市中政发〔2026〕1号. 007 moves to one sequence per printed issuer code and year without changing
 * any number already issued.
 */
const DIR = new URL('../../db/migrations/', import.meta.url);

describe('007: document number sequences per printed issuer code and year', () => {
  it('keeps every issued number, and the next one of a code follows the highest any kind reached', async () => {
    const db = await openTestDatabase();
    try {
      // The database as it was before 007, with numbers issued under the per-kind counters.
      const before = (await readdir(DIR)).filter((n) => n.endsWith('.sql') && n < '007').sort();
      for (const name of before) await db.query(await readFile(new URL(name, DIR), 'utf8'));
      await db.query('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const name of before) await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      const issue = async (kind: string, seq: number, processId: string) => {
        await db.query(
          `INSERT INTO document_number_counters (issuer_code, kind, year, last_seq) VALUES ('市中政发', $1, 2026, $2)
           ON CONFLICT (issuer_code, kind, year) DO UPDATE SET last_seq = excluded.last_seq`,
          [kind, seq],
        );
        await db.query(`INSERT INTO issued_document_numbers (issuer_code, kind, year, seq, number, process_id) VALUES ('市中政发', $1, 2026, $2, $3, $4)`, [kind, seq, `市中政发〔2026〕${seq}号`, processId]);
      };
      await issue('notice', 1, 'doc/notice-1');
      await issue('notice', 2, 'doc/notice-2');
      await issue('letter', 1, 'doc/letter-1'); // the duplicate the issue found
      const printedBefore = (await db.query<{ process_id: string; number: string }>('SELECT process_id, number FROM issued_document_numbers ORDER BY process_id')).rows;

      expect(await migrate(db)).toContain('007_document_number_sequences.sql');

      const printedAfter = (await db.query<{ process_id: string; number: string }>('SELECT process_id, number FROM issued_document_numbers ORDER BY process_id')).rows;
      expect(printedAfter).toEqual(printedBefore);
      // Whatever the kind, the code's next number is 3: never a second 1 or 2.
      expect(await allocateDocumentNumber(db, { issuerCode: '市中政发', kind: 'letter', year: 2026, processId: 'doc/after-1' })).toEqual({ number: '市中政发〔2026〕3号', seq: 3, created: true });
      expect(await allocateDocumentNumber(db, { issuerCode: '市中政发', kind: 'notice', year: 2026, processId: 'doc/after-2' })).toMatchObject({ number: '市中政发〔2026〕4号' });
      expect((await listIssuedNumbers(db, { issuerCode: '市中政发', year: 2026 })).map((n) => n.number)).toEqual([
        '市中政发〔2026〕1号',
        '市中政发〔2026〕1号',
        '市中政发〔2026〕2号',
        '市中政发〔2026〕3号',
        '市中政发〔2026〕4号',
      ]);
      // From now on the database itself refuses a second number of a code, year and sequence.
      await expect(db.query(`INSERT INTO issued_document_numbers (issuer_code, kind, year, seq, number, process_id) VALUES ('市中政发', 'decision', 2026, 4, '市中政发〔2026〕4号', 'doc/dup')`)).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});
