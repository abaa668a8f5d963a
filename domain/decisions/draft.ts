import type { DocumentRules } from '../documents/rules';
import { lengthViolation, lengthViolationOfCount, type DocumentScope } from '../documents/length';

/**
 * A decision is published as an official document of the government (000:28, decree713:32), so
 * its draft keeps to the same length cap a comprehensive document does (000:68, 002:57): checked
 * when the decision starts and whenever the unit replaces the draft, never first at publication.
 */
export const DECISION_DOCUMENT_SCOPE: DocumentScope = 'comprehensive';

/** Why a decision's draft is too long to be published as its document, or undefined. */
export function draftLengthViolation(documents: DocumentRules, draft: string): string | undefined {
  return lengthViolation(documents, DECISION_DOCUMENT_SCOPE, draft);
}

/** The same check for a stored draft, known by its count (domain/documents/text-ref.ts). */
export function draftLengthViolationOfCount(documents: DocumentRules, chars: number): string | undefined {
  return lengthViolationOfCount(documents, DECISION_DOCUMENT_SCOPE, chars);
}
