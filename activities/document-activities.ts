import { issueDocument, publishDocument, type IssueInput, type IssuedDocument } from '../db/issued-document-repository';
import { shanghaiDateOf, yearOf } from '../domain/calendar/shanghai-date';
import type { ActivityDeps } from './index';

export function createDocumentActivities({ db }: ActivityDeps) {
  return {
    /**
     * Allocates the 发文字号 and records the document in one transaction. Retried after a crash it
     * returns the same number: numbers stay gap-free and one per document.
     */
    async issueDocument(input: Omit<IssueInput, 'year'>): Promise<Pick<IssuedDocument, 'number' | 'bodySha256' | 'issuedAt'>> {
      const issued = await issueDocument(db, { ...input, year: yearOf(shanghaiDateOf(input.issuedAt)) });
      return { number: issued.number, bodySha256: issued.bodySha256, issuedAt: issued.issuedAt };
    },

    /** Puts a proactively public document on the public list (GET /public/documents). */
    async publishDocument(input: { processId: string; at: string }): Promise<{ publishedAt: string }> {
      const published = await publishDocument(db, input.processId, input.at);
      return { publishedAt: published.publishedAt! };
    },
  };
}
