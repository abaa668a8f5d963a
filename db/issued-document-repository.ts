import { sha256Hex } from '../domain/hash/sha256';
import type { Database, Queryable } from './database';
import { allocateDocumentNumberIn } from './document-number-repository';

/** An issued document (公文) as it went out. */
export interface IssuedDocument {
  processId: string;
  jurisdiction: string;
  issuer: 'government' | 'office';
  kind: string;
  number: string; // '市中政发〔2026〕12号'
  title: string;
  body: string;
  bodySha256: string;
  disclosure: 'proactive' | 'on-request' | 'not-public';
  addressees: string[];
  issuedAt: string;
  publishedAt: string | null;
}

export interface IssueInput {
  processId: string;
  jurisdiction: string;
  issuer: IssuedDocument['issuer'];
  issuerCode: string;
  kind: string;
  title: string;
  body: string;
  disclosure: IssuedDocument['disclosure'];
  addressees: string[];
  issuedAt: string; // ISO instant: the workflow's time of issuance
  year: number; // the year in the number, 〔2026〕
}

interface Row {
  process_id: string;
  jurisdiction: string;
  issuer: IssuedDocument['issuer'];
  kind: string;
  number: string;
  title: string;
  body: string;
  body_sha256: string;
  disclosure: IssuedDocument['disclosure'];
  addressees: string[];
  issued_at: string;
  published_at: string | null;
}

const toDocument = (r: Row): IssuedDocument => ({
  processId: r.process_id,
  jurisdiction: r.jurisdiction,
  issuer: r.issuer,
  kind: r.kind,
  number: r.number,
  title: r.title,
  body: r.body,
  bodySha256: r.body_sha256,
  disclosure: r.disclosure,
  addressees: r.addressees,
  issuedAt: new Date(r.issued_at).toISOString(),
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
});

/**
 * Numbers and records a document in one transaction: the number exists only together with the
 * document it belongs to, and a retried activity (after a worker crash) gets the same number and
 * row back instead of a second one.
 */
export function issueDocument(db: Database, input: IssueInput): Promise<IssuedDocument> {
  return db.transaction(async (tx) => {
    const { number } = await allocateDocumentNumberIn(tx, { issuerCode: input.issuerCode, kind: input.kind, year: input.year, processId: input.processId });
    await tx.query(
      `INSERT INTO issued_documents (process_id, jurisdiction, issuer, kind, number, title, body, body_sha256, disclosure, addressees, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
       ON CONFLICT (process_id) DO NOTHING`,
      [input.processId, input.jurisdiction, input.issuer, input.kind, number, input.title, input.body, sha256Hex(input.body), input.disclosure, JSON.stringify(input.addressees), input.issuedAt],
    );
    return (await getIssuedDocumentIn(tx, input.processId))!;
  });
}

function getIssuedDocumentIn(db: Queryable, processId: string): Promise<IssuedDocument | undefined> {
  return db.query<Row>('SELECT * FROM issued_documents WHERE process_id = $1', [processId]).then((r) => (r.rows[0] ? toDocument(r.rows[0]) : undefined));
}

export const getIssuedDocument = getIssuedDocumentIn;

/** Puts a proactively public document on the public list; idempotent (the first time stands). */
export async function publishDocument(db: Queryable, processId: string, at: string): Promise<IssuedDocument> {
  const { rows } = await db.query<Row>(
    `UPDATE issued_documents SET published_at = COALESCE(published_at, $2) WHERE process_id = $1 AND disclosure = 'proactive' RETURNING *`,
    [processId, at],
  );
  if (!rows[0]) throw new Error(`no proactively public issued document for ${processId}`);
  return toDocument(rows[0]);
}

/** The public list (政府信息公开): newest first. */
export async function listPublishedDocuments(
  db: Queryable,
  query: { jurisdiction?: string; limit: number; offset: number },
): Promise<IssuedDocument[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM issued_documents WHERE published_at IS NOT NULL AND ($1::text IS NULL OR jurisdiction = $1)
     ORDER BY published_at DESC, number LIMIT $2 OFFSET $3`,
    [query.jurisdiction ?? null, query.limit, query.offset],
  );
  return rows.map(toDocument);
}
