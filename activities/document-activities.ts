import { storeText } from '../db/document-text-repository';
import { countCharacters } from '../domain/documents/length';
import { issueDocument, publishDocument, type IssueInput, type IssuedDocument } from '../db/issued-document-repository';
import type { TextRef } from '../domain/documents/text-ref';
import { storedText } from './stored-text';
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
      const body = rest.body ?? (await storedText(db, bodyRef));
      const issued = await issueDocument(db, { ...rest, body, year: yearOf(shanghaiDateOf(input.issuedAt)) });
      return { number: issued.number, bodySha256: issued.bodySha256, issuedAt: issued.issuedAt };
    },

    /**
     * Stores a text made of stored texts and literal pieces (a decision's draft and the decision)
     * and returns its reference: the workflow composes a document without holding its text.
     */
    async storeComposedText(input: { parts: ({ sha256: string } | { text: string })[] }): Promise<TextRef> {
      const pieces: string[] = [];
      for (const part of input.parts) pieces.push('text' in part ? part.text : await storedText(db, { sha256: part.sha256, chars: 0 }));
      const text = pieces.join('');
      return { sha256: await storeText(db, text), chars: countCharacters(text) };
    },

    /** Puts a proactively public document on the public list (GET /public/documents). */
    async publishDocument(input: { processId: string; at: string }): Promise<{ publishedAt: string }> {
      const published = await publishDocument(db, input.processId, input.at);
      return { publishedAt: published.publishedAt! };
    },
  };
}
