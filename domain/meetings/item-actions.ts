import { z } from 'zod';
import { PREREQUISITE_KINDS } from './rules';

const text = (max: number) => z.string().trim().min(1).max(max);
const PREREQUISITE_IDS = PREREQUISITE_KINDS.map((k) => k.id) as [string, ...string[]];

/** The `data` each agenda-item action takes; the engine validates it before anything changes. */
export const AGENDA_ITEM_ACTION_SCHEMAS = {
  admit: z.object({ note: text(2000).optional() }),
  reject: z.object({ reason: z.string().min(1), explanation: text(2000) }),
  'submit-note': z.object({ grounds: text(4000), proposal: text(4000) }),
  resolved: z.object({ resolution: text(4000) }),
  'opinion-to-chief': z.object({ opinion: text(4000) }),
  decide: z.object({ decision: text(4000), proceed: z.boolean() }),
  record: z.object({ kind: z.enum(PREREQUISITE_IDS), reference: text(500), summary: text(2000).optional() }),
  confirm: z.object({}).strict(),
  'legality-reviewed': z.object({ lawful: z.boolean(), opinion: text(4000) }),
  approve: z.object({ opinion: text(2000) }),
  'sign-opinion': z.object({ opinion: text(2000) }),
  return: z.object({ reason: text(2000) }),
  consent: z.object({ opinion: text(2000).optional() }),
  'not-approve': z.object({ reason: text(2000) }),
  resubmit: z.object({ materials: z.string().min(1).max(20_000), options: z.array(text(2000)).max(10).optional(), note: text(2000) }),
  'issue-notice': z.object({ dueAt: z.iso.datetime({ offset: true }) }),
} as const;
