import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { listIssuedNumbers } from '../../db/document-number-repository';
import { getIssuedDocument, issueDocument, listPublishedDocuments, publishDocument, type IssueInput } from '../../db/issued-document-repository';
import { sha256Hex } from '../../domain/hash/sha256';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

const doc = (processId: string, overrides: Partial<IssueInput> = {}): IssueInput => ({
  processId,
  jurisdiction: 'zibo-zhangdian-2022',
  issuer: 'government',
  issuerCode: '张政发',
  kind: 'notice',
  title: '关于做好防汛工作的通知',
  body: '各镇政府、街道办事处：……',
  disclosure: 'proactive',
  addressees: ['zd.housing'],
  issuedAt: '2026-11-20T02:00:00.000Z',
  year: 2026,
  ...overrides,
});

describe('issued documents: number and record in one transaction', () => {
  it('a retried issuance (worker crashed after the commit) gets the same number and row, and takes no second number', async () => {
    const first = await issueDocument(db, doc('document.zd.a'));
    const retried = await issueDocument(db, doc('document.zd.a'));
    expect(first.number).toBe('张政发〔2026〕1号');
    expect(retried).toEqual(first);
    expect(first.bodySha256).toBe(sha256Hex('各镇政府、街道办事处：……'));
    expect((await issueDocument(db, doc('document.zd.b'))).number).toBe('张政发〔2026〕2号');
    expect((await listIssuedNumbers(db, { issuerCode: '张政发', kind: 'notice', year: 2026 })).map((n) => n.seq)).toEqual([1, 2]);
  });

  it('a failure inside the transaction rolls the counter back: the next document gets the number, no gap', async () => {
    await expect(issueDocument(db, doc('document.zd.bad', { disclosure: 'secret' as never }))).rejects.toThrow();
    expect(await getIssuedDocument(db, 'document.zd.bad')).toBeUndefined();
    expect((await issueDocument(db, doc('document.zd.c'))).number).toBe('张政发〔2026〕3号');
  });

  it('publication: only proactively public documents, idempotent, listed newest first and without the others', async () => {
    await issueDocument(db, doc('document.zd.private', { disclosure: 'not-public' }));
    await expect(publishDocument(db, 'document.zd.private', '2026-11-21T02:00:00.000Z')).rejects.toThrow(/no proactively public/);
    const published = await publishDocument(db, 'document.zd.a', '2026-11-21T02:00:00.000Z');
    const again = await publishDocument(db, 'document.zd.a', '2026-11-25T02:00:00.000Z');
    expect(again.publishedAt).toBe(published.publishedAt);
    await publishDocument(db, 'document.zd.b', '2026-11-22T02:00:00.000Z');
    const list = await listPublishedDocuments(db, { jurisdiction: 'zibo-zhangdian-2022', limit: 10, offset: 0 });
    expect(list.map((d) => d.processId)).toEqual(['document.zd.b', 'document.zd.a']);
    expect(await listPublishedDocuments(db, { jurisdiction: 'rizhao-2017', limit: 10, offset: 0 })).toEqual([]);
  });
});
