import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A clear opinion (明确意见), never a bare circle: 000:64, 002:52, 003:60; 001:58 holds one without it back. */
const opinion = text(2000).describe('the leader’s or head’s opinion, stated in words (000:64)');

/** The `data` each document action takes; the engine validates it before anything changes. */
export const DOCUMENT_ACTION_SCHEMAS = {
  'sign-off': z.object({ opinion }),
  'return-to-drafter': z.object({ reason: text(2000) }),
  resubmit: z.object({ body: z.string().min(1).max(100_000), note: text(2000).optional(), reopenUnits: z.array(z.string().min(1)).max(50).optional() }),
  agree: z.object({}).strict(),
  'agree-with-comments': z.object({ comments: text(4000) }),
  disagree: z.object({ grounds: text(4000) }),
  'request-new-limit': z.object({ workingDays: z.number().int().min(1).max(60), reason: text(2000) }),
  revise: z.object({ body: z.string().min(1).max(100_000), reopenUnits: z.array(z.string().min(1)).min(1).max(50), note: text(2000) }),
  'refer-to-leader': z.object({ leadGrounds: text(4000), proposal: text(4000) }),
  decide: z.object({ decision: text(4000) }),
  edit: z.object({ body: z.string().min(1).max(100_000), note: text(2000) }),
  approve: z.object({ opinion: text(2000).optional() }),
  'return-for-revision': z.object({ reason: text(2000) }),
  refuse: z.object({ reason: z.string().min(1), explanation: text(2000) }),
  'approve-signature': z.object({ opinion }),
  'return-to-office': z.object({ opinion }),
  'sign-and-issue': z.object({ opinion }),
  'approve-seal': z.object({ opinion: text(2000).optional() }),
  publish: z.object({ confidentialityChecked: z.literal(true).describe('the confidentiality check before publication (002:28)') }),
} as const;
