import { createHash } from 'node:crypto';
import type { Queryable } from './database';

/** Hex SHA-256 of the text's UTF-8 bytes (the same as domain/hash/sha256.ts, at native speed). */
export function textSha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Stores a text under its hash (once: the same text is the same row) and returns the hash. */
export async function storeText(db: Queryable, body: string): Promise<string> {
  const sha256 = textSha256(body);
  await db.query('INSERT INTO document_texts (sha256, body) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, body]);
  return sha256;
}

/**
 * The text stored under a hash, checked against it, or undefined when none is stored.
 * @throws {Error} when the stored text does not hash to its key (it was altered in the database).
 */
export async function loadText(db: Queryable, sha256: string): Promise<string | undefined> {
  const { rows } = await db.query<{ body: string }>('SELECT body FROM document_texts WHERE sha256 = $1', [sha256]);
  if (!rows[0]) return undefined;
  if (textSha256(rows[0].body) !== sha256) throw new Error(`the text stored under ${sha256} does not match its hash`);
  return rows[0].body;
}
