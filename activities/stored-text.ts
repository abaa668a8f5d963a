import { ApplicationFailure } from '@temporalio/activity';
import type { Queryable } from '../db/database';
import { loadText } from '../db/document-text-repository';
import type { TextRef } from '../domain/documents/text-ref';
import { INPUT_ERROR } from './input-error';

/**
 * The text a workflow holds by reference (issue 11), checked against its hash. Retrying cannot
 * bring back a text the database never had, so a missing one fails for good: a process must not
 * issue or publish a blank text.
 */
export async function storedText(db: Queryable, ref: TextRef | undefined): Promise<string> {
  let text: string | undefined;
  try {
    text = ref && (await loadText(db, ref.sha256));
  } catch (err) {
    // A text altered in the database stays altered: retrying would not make it match its hash.
    if (err instanceof Error && /does not match its hash/.test(err.message)) throw ApplicationFailure.nonRetryable(err.message, INPUT_ERROR);
    throw err;
  }
  if (text === undefined) throw ApplicationFailure.nonRetryable(`no stored text ${ref?.sha256 ?? '(none given)'}`, INPUT_ERROR);
  return text;
}
