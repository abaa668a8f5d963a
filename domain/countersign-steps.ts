import { z } from 'zod';
import { defineStep } from './steps';
import { safeText } from './text';

/** Text a person writes: trimmed, not empty, bounded, no control characters (domain/text.ts). */
const text = (max: number) => safeText(max).trim().min(1);

/**
 * A countersign (会签) task: one per unit, with the same actions wherever units are asked (a
 * document's draft 000:62, an agenda item's pre-coordination 000:51). Silence past the limit is
 * the engine's `deemed-consent`, never one of these.
 */
export function countersignStep<const Id extends string>(id: Id, label: string, labelEn: string) {
  return defineStep({
    id,
    label,
    labelEn,
    actions: {
      agree: { label: '同意', labelEn: 'Agree', final: true, by: 'assignee', schema: z.strictObject({}) },
      'agree-with-comments': { label: '原则同意并提出意见', labelEn: 'Agree with comments', final: true, by: 'assignee', schema: z.strictObject({ comments: text(4000) }) },
      disagree: { label: '不同意（须说明理由）', labelEn: 'Disagree, with grounds', final: true, by: 'assignee', schema: z.strictObject({ grounds: text(4000).describe('the grounds and the legal basis') }) },
      'request-new-limit': {
        label: '协商新的时限',
        labelEn: 'Ask for a new limit',
        final: false,
        by: 'assignee',
        schema: z.strictObject({ workingDays: z.number().int().min(1).max(60).describe('the new limit in working days'), reason: text(2000) }),
      },
    },
  });
}

export type CountersignStep = ReturnType<typeof countersignStep>;
