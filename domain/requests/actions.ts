import { z } from 'zod';
import { RETURN_REASONS } from './conformity';

const text = (max: number) => z.string().trim().min(1).max(max);
const workingDays = z.number().int().min(1).max(250);

/** The `data` each request action takes; the engine validates it before anything changes. */
export const REQUEST_ACTION_SCHEMAS = {
  accept: z.object({ note: text(2000).optional() }),
  return: z.object({
    reasons: z.array(z.enum(RETURN_REASONS)).min(1).describe('why the office returns it (000:63, 001:51)'),
    note: text(2000).optional(),
  }),
  'set-skips-level': z.object({ skipsLevel: z.boolean(), note: text(2000).optional() }),
  'give-opinion': z.object({ opinion: text(4000) }),
  propose: z.object({
    proposal: text(4000).describe('the proposed handling (拟办意见)'),
    handlingUnit: z.string().min(1).describe('unit id of the unit to handle it'),
    leader: z.string().min(1).optional().describe('user id of the leader to instruct, instead of the one by portfolio'),
    handlingLimitWorkingDays: workingDays.optional().describe('the limit the office suggests for the handling'),
  }),
  instruct: z.object({
    opinion: text(2000).describe('a clear opinion (明确意见, 000:64; without one the office does not pass it on, 001:58)'),
    handlingLimitWorkingDays: workingDays.optional(),
    startSupervision: z.boolean().optional(),
  }),
  'report-result': z.object({ result: text(5000) }),
  'explain-delay': z.object({ reason: text(2000) }),
  reply: z.object({ reply: text(5000) }),
} as const;
