import { describe, expect, it } from 'vitest';
import { storedText } from '../../activities/stored-text';
import type { Database } from '../../db/database';
import { loadText, storeText, textSha256 } from '../../db/document-text-repository';
import { sha256Hex } from '../../domain/hash/sha256';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

describe('document texts by their hash (issue 11)', () => {
  it('stores a text once under its SHA-256 (the same as the audit trail computes) and loads it back byte for byte', async () => {
    const text = '各街道办事处：\r\n\t现通知如下。𠀋 ';
    const sha256 = await storeText(db, text);
    expect(sha256).toBe(sha256Hex(text));
    expect(await storeText(db, text)).toBe(sha256);
    expect((await db.query('SELECT count(*)::int AS n FROM document_texts WHERE sha256 = $1', [sha256])).rows[0]).toEqual({ n: 1 });
    expect(await loadText(db, sha256)).toBe(text);
    expect(await loadText(db, textSha256('没有存过的文字'))).toBeUndefined();
  });

  it('refuses to hand out a text altered in the database', async () => {
    const sha256 = await storeText(db, '原文');
    await db.query('UPDATE document_texts SET body = $2 WHERE sha256 = $1', [sha256, '改过的文字']);
    await expect(loadText(db, sha256)).rejects.toThrow(/does not match its hash/);
  });

  it('an activity asking for a missing or altered text fails for good (no retry brings it back) rather than issuing a blank text', async () => {
    const missing = await storedText(db, { sha256: textSha256('从未存过'), chars: 4 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    const sha256 = await storeText(db, '又一原文');
    await db.query('UPDATE document_texts SET body = $2 WHERE sha256 = $1', [sha256, '被改动']);
    expect(await storedText(db, { sha256, chars: 4 }).catch((e: unknown) => e)).toMatchObject({ type: 'InvalidInput', nonRetryable: true, message: expect.stringContaining('does not match its hash') });
    expect(await storedText(db, { sha256: await storeText(db, '完好的原文'), chars: 5 })).toBe('完好的原文');
  });
});
