import { ApplicationFailure } from '@temporalio/activity';
import { loadText } from '../db/document-text-repository';
import { issueDocument, publishDocument, type IssueInput, type IssuedDocument } from '../db/issued-document-repository';
import type { TextRef } from '../domain/documents/text-ref';
import { INPUT_ERROR } from './input-error';
import { shanghaiDateOf, yearOf } from '../domain/calendar/shanghai-date';
import type { ActivityDeps } from './index';

export function createDocumentActivities({ db }: ActivityDeps) {
  return {
    /**
     * Allocates the 发文字号 and records the document in one transaction. Retried after a crash it
     * returns the same number: numbers stay gap-free and one per document.
     */
    async issueDocument(input: Omit<IssueInput, 'year' | 'body'> & { body?: string; bodyRef?: TextRef }): Promise<Pick<IssuedDocument, 'number' | 'bodySha256' | 'issuedAt'>> {
      const { bodyRef, ...rest } = input;
      const body = rest.body ?? (bodyRef && (await loadText(db, bodyRef.sha256)));
      // Retrying cannot bring back a text the database never had: the process must not issue a blank document.
      if (body === undefined) throw ApplicationFailure.nonRetryable(`no stored draft text ${bodyRef?.sha256 ?? '(none given)'}`, INPUT_ERROR);
      const issued = await issueDocument(db, { ...rest, body, year: yearOf(shanghaiDateOf(input.issuedAt)) });
      return { number: issued.number, bodySha256: issued.bodySha256, issuedAt: issued.issuedAt };
    },

    /** Puts a proactively public document on the public list (GET /public/documents). */
    async publishDocument(input: { processId: string; at: string }): Promise<{ publishedAt: string }> {
      const published = await publishDocument(db, input.processId, input.at);
      return { publishedAt: published.publishedAt! };
    },
  };
}
