import { z } from 'zod';
import type { Database } from '../../db/database';
import { loadText, storeText } from '../../db/document-text-repository';
import { countCharacters } from '../../domain/documents/length';
import { refFieldOf, type TextRef } from '../../domain/documents/text-ref';
import { DECLARED_STEPS, findStep } from '../../domain/step-catalog';
import type { ProcessState } from '../../workflows/engine/types';
import type { TaskActionInput } from '../../workflows/messages';
import { BadRequest } from '../errors';

/**
 * Document texts stay out of the workflow history (issue 11): the API stores a draft's text in the
 * database and sends the workflow its reference ({ sha256, chars }); reading a process puts the
 * text back, so clients send and read `body` as before.
 */

/** Every field some action declares as a stored text (`body`). */
const STORED_FIELDS = [...new Set(DECLARED_STEPS.flatMap((step) => Object.values(step.actions).flatMap((a) => (a.storedText ? [a.storedText] : []))))];

/** Stores a text and returns the reference the workflow receives; chars as the length rules count them. */
export async function storeDraftText(db: Database, text: string): Promise<TextRef> {
  return { sha256: await storeText(db, text), chars: countCharacters(text) };
}

/**
 * The action as the workflow receives it: a declared stored text replaced by its reference. A
 * reference sent by a client is refused (only govflow vouches that the text behind it is stored).
 * A text its field's schema refuses is passed on as it is, so the workflow names the problem as
 * it always has.
 * @param stepOf the step of the task acted on (asked only when the action carries a text)
 */
export async function storeActionText(db: Database, input: TaskActionInput, stepOf: () => Promise<string | undefined>): Promise<TaskActionInput> {
  const data = input.data;
  if (!data) return input;
  const forged = STORED_FIELDS.map(refFieldOf).filter((ref) => data[ref] !== undefined);
  if (forged.length)
    throw new BadRequest('invalid action input', forged.map((ref) => ({ field: `data.${ref}`, reason: `set by govflow only: send the text itself in data.${ref.replace(/Ref$/, '')}` })));
  if (!STORED_FIELDS.some((field) => typeof data[field] === 'string')) return input;
  const step = await stepOf();
  const field = step ? findStep(step)?.actions[input.action]?.storedText : undefined;
  const declared = field ? findStep(step!)!.actions[input.action].schema : undefined;
  const text = field ? data[field] : undefined;
  if (!field || typeof text !== 'string' || !(declared instanceof z.ZodObject)) return input;
  const fieldSchema = (declared.shape as Record<string, z.ZodType>)[field];
  if (!fieldSchema?.safeParse(text).success) return input;
  const { [field]: _text, ...rest } = data;
  return { ...input, data: { ...rest, [refFieldOf(field)]: await storeDraftText(db, text) } };
}

/** Where a draft's state keeps its text and the hash it is stored under: a document's, a decision's. */
const DRAFT_TEXT_FIELDS = [
  { text: 'body', sha256: 'bodySha256' },
  { text: 'text', sha256: 'textSha256' },
] as const;

/** A process's state with its draft's text read back from the database (as processes before issue 11 carried it). */
export async function withStoredTexts(db: Database, state: ProcessState): Promise<ProcessState> {
  const draft = state.details?.draft as Record<string, unknown> | undefined;
  if (!draft || typeof draft !== 'object') return state;
  const stored = DRAFT_TEXT_FIELDS.find((f) => draft[f.text] === undefined && typeof draft[f.sha256] === 'string');
  const text = stored && (await loadText(db, draft[stored.sha256] as string));
  return text === undefined ? state : { ...state, details: { ...state.details, draft: { ...draft, [stored!.text]: text } } };
}
