import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../domain/hash/sha256';

describe('sha256Hex (audit hash chain inside workflows)', () => {
  it.each(['', 'abc', '督查督办 710', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'long '.repeat(500)])(
    'matches node:crypto for %#',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );
});
