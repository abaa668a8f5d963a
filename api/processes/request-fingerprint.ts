import { createHash } from 'node:crypto';

/**
 * The fingerprint a start keeps in its process's memo, so that a retried Idempotency-Key with
 * another body is refused: hex SHA-256 of the input's JSON. node:crypto here (the API is not
 * workflow code); the same hex as domain/hash/sha256's plain-TypeScript `sha256Hex`, which
 * processes started before kept.
 */
export function requestFingerprint(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input) ?? '', 'utf8').digest('hex');
}
