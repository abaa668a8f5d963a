import { describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../api/processes/request-fingerprint';
import { sha256Hex } from '../../domain/hash/sha256';

/**
 * A start keeps its request's fingerprint in the process memo; a retried Idempotency-Key is compared
 * with it. The API now hashes with node:crypto (issue 12): processes started before, fingerprinted
 * by the plain-TypeScript sha256Hex, must still match the same request, Chinese text and all.
 */
describe('requestFingerprint', () => {
  const input = {
    jurisdiction: 'chaoyang-shuangta-2022',
    title: '老旧小区改造进度督办 — 第二批（含“加装电梯”）😀',
    source: 'leader-instruction',
    responsibleUnitId: 'cs.finance',
    complexity: 'ordinary',
    issuedBy: 'cs.supervision.director',
  };

  it('Chinese text, punctuation and a character outside the BMP — the hex the earlier starts kept', () => {
    // Computed with sha256Hex(JSON.stringify(input)) before the change.
    expect(requestFingerprint(input)).toBe('d7d4beb96948887c293d3ffd8223752baef7b957daf03b8742572154458aa8d6');
    expect(requestFingerprint(input)).toBe(sha256Hex(JSON.stringify(input)));
  });

  it('long and nested inputs (several SHA-256 blocks) — the same as sha256Hex', () => {
    const long = { ...input, description: '督查事项：'.repeat(500), items: [{ 名称: '一', 数量: 1 }, { 名称: '二', note: null }] };
    expect(requestFingerprint(long)).toBe(sha256Hex(JSON.stringify(long)));
  });

  it('nothing to serialise — the hash of the empty string, as sha256Hex gave', () => {
    expect(requestFingerprint(undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
