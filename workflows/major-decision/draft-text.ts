import type { TextRef } from '../../domain/documents/text-ref';

/**
 * A decision's draft as its state shows it: the text itself (processes started before issue 11),
 * or the hash and count of the text the API stored (GET /v1/processes/:id reads the text back).
 */
export interface DecisionDraft {
  text?: string;
  textSha256?: string;
  chars?: number;
  version: number;
}

/** The first draft, from the start input. */
export function firstDraft(text: string | undefined, ref: TextRef | undefined): DecisionDraft {
  return ref ? { version: 1, textSha256: ref.sha256, chars: ref.chars } : { text, version: 1 };
}

/** Replaces the draft by a revised one, as an action brings it: the text (old path) or its reference. */
export function replaceDraft(draft: DecisionDraft, revised: { draft?: string; draftRef?: TextRef }): void {
  if (revised.draftRef) {
    delete draft.text;
    draft.textSha256 = revised.draftRef.sha256;
    draft.chars = revised.draftRef.chars;
  } else {
    draft.text = revised.draft;
    delete draft.textSha256;
    delete draft.chars;
  }
  draft.version++;
}

/** The stored draft's reference, or undefined when the draft is carried as text. */
export function draftRefOf(draft: DecisionDraft): TextRef | undefined {
  return draft.textSha256 !== undefined ? { sha256: draft.textSha256, chars: draft.chars ?? 0 } : undefined;
}
