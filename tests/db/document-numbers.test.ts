import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import {
  allocateDocumentNumber,
  allocateDocumentNumberIn,
  formatDocumentNumber,
  listIssuedNumbers,
} from '../../db/document-number-repository';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

const GOV = { issuerCode: '市中政发', kind: 'notice', year: 2026 };
let processCounter = 0;
const allocate = (sequence: { issuerCode: string; kind: string; year: number }, processId = `documentIssuance/t/${++processCounter}`) =>
  allocateDocumentNumber(db, { ...sequence, processId });

describe('formatDocumentNumber', () => {
  it('issuer code + year in 〔〕 + sequence + 号', () => {
    expect(formatDocumentNumber({ issuerCode: '市中政发', year: 2026, seq: 12 })).toBe('市中政发〔2026〕12号');
    expect(formatDocumentNumber({ issuerCode: '市中政发', year: 2023, seq: 1 })).toBe('市中政发〔2023〕1号');
  });

  it('rejects an empty issuer code, a year not of four digits, a sequence below 1', () => {
    expect(() => formatDocumentNumber({ issuerCode: '', year: 2026, seq: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ issuerCode: '市中政发', year: 26, seq: 1 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ issuerCode: '市中政发', year: 2026, seq: 0 })).toThrow(RangeError);
    expect(() => formatDocumentNumber({ issuerCode: '市中政发', year: 2026, seq: 1.5 })).toThrow(RangeError);
  });
});

describe('allocateDocumentNumber', () => {
  it('consecutive numbers from 1', async () => {
    const got = [await allocate(GOV), await allocate(GOV), await allocate(GOV)];
    expect(got).toEqual([
      { number: '市中政发〔2026〕1号', seq: 1, created: true },
      { number: '市中政发〔2026〕2号', seq: 2, created: true },
      { number: '市中政发〔2026〕3号', seq: 3, created: true },
    ]);
    const listed = await listIssuedNumbers(db, GOV);
    expect(listed.map((n) => n.seq)).toEqual([1, 2, 3]);
    expect(listed[0]).toMatchObject({ ...GOV, number: '市中政发〔2026〕1号', processId: expect.any(String), issuedAt: expect.stringMatching(/Z$/) });
  });

  it('separate sequences per printed issuer code and per year; kinds sharing a code share its sequence', async () => {
    const office = { ...GOV, issuerCode: '市中政办发' };
    const decision = { ...GOV, kind: 'decision' };
    const byYear = { ...GOV, kind: 'by-year' };
    expect((await allocate(office)).number).toBe('市中政办发〔2026〕1号');
    // One printed code, one sequence: a decision after the three notices above is number 4, never a second 1 (issue 10, item 8).
    expect((await allocate(decision)).number).toBe('市中政发〔2026〕4号');
    expect((await allocate({ ...byYear, year: 2027 })).number).toBe('市中政发〔2027〕1号');
    expect((await allocate({ ...byYear, year: 2028 })).number).toBe('市中政发〔2028〕1号');
    expect((await allocate(office)).seq).toBe(2);
    expect((await allocate({ ...byYear, year: 2027 })).seq).toBe(2);
    expect(await listIssuedNumbers(db, office)).toHaveLength(2);
    expect(await listIssuedNumbers(db, decision)).toHaveLength(1);
    expect(await listIssuedNumbers(db, { issuerCode: '市中政发', year: 2026 })).toHaveLength(4);
  });

  it('idempotent per process id: a retried activity gets the number it already has', async () => {
    const seq = { ...GOV, issuerCode: '市中政函' };
    const first = await allocate(seq, 'documentIssuance/retry/1');
    const again = await allocate(seq, 'documentIssuance/retry/1');
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect((await allocate(seq)).seq).toBe(2);
    expect(await listIssuedNumbers(db, seq)).toHaveLength(2);
    // Retries racing each other: still one number.
    const racing = await Promise.all(Array.from({ length: 5 }, () => allocate(seq, 'documentIssuance/retry/2')));
    expect(new Set(racing.map((r) => r.number))).toEqual(new Set(['市中政函〔2026〕3号']));
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    // The same process asking in another sequence is a bug, not a retry.
    await expect(allocate({ ...seq, kind: 'other' }, 'documentIssuance/retry/1')).rejects.toThrow(/already holds 市中政函〔2026〕1号/);
  });

  it('200 allocations at once for one sequence: exactly 1..200, no gaps, no duplicates', async () => {
    const seq = { issuerCode: '双塔政发', kind: 'notice', year: 2026 };
    const started = performance.now();
    const got = await Promise.all(Array.from({ length: 200 }, (_, i) => allocate(seq, `documentIssuance/burst/${i}`)));
    const ms = performance.now() - started;
    console.info(`200 concurrent allocations on PGlite: ${ms.toFixed(0)} ms`);
    expect(got.map((g) => g.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(got.map((g) => g.number)).size).toBe(200);
    const listed = await listIssuedNumbers(db, seq);
    expect(listed.map((n) => n.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(listed.map((n) => n.processId)).size).toBe(200);
  });

  it('a transaction that allocates then throws leaves no gap', async () => {
    const seq = { ...GOV, issuerCode: '市中政办函' };
    expect((await allocate(seq)).seq).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        const doomed = await allocateDocumentNumberIn(tx, { ...seq, processId: 'documentIssuance/doomed' });
        expect(doomed.seq).toBe(2);
        throw new Error('printing failed');
      }),
    ).rejects.toThrow('printing failed');
    expect(await listIssuedNumbers(db, seq)).toHaveLength(1);
    expect(await allocate(seq)).toEqual({ number: '市中政办函〔2026〕2号', seq: 2, created: true });
    // The failed process, retried, gets the next number as a new allocation.
    expect(await allocate(seq, 'documentIssuance/doomed')).toMatchObject({ seq: 3, created: true });
  });
});
