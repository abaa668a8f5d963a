import { z } from 'zod';
import { defineStep } from './steps';

/**
 * The actions every task understands besides its step's own, declared like them so clients get
 * their labels and input schemas the same way. Their checks beyond the schema (who holds the
 * task, whether it has a limit, how often it may be extended) are the engine's.
 */
const WORKING_DAYS = 'a whole number of working days from 1 to 250';

export const ENGINE_ACTIONS_STEP = defineStep({
  id: 'engine',
  label: '通用操作',
  labelEn: 'Any task',
  actions: {
    delegate: {
      label: '转交办理',
      labelEn: 'Delegate',
      final: false,
      by: 'assignee',
      schema: z.strictObject({
        toUserId: z
          .string()
          .min(1, 'required: the user id to hand the task to')
          .max(100)
          .regex(/^[A-Za-z0-9._-]+$/, 'a user id from /v1/directory/users')
          .describe('the user id to hand the task to'),
      }),
    },
    extend: {
      label: '延长时限',
      labelEn: 'Extend the time limit',
      final: false,
      by: 'controller',
      schema: z.strictObject({
        workingDays: z
          .number()
          .int(WORKING_DAYS)
          .min(1, WORKING_DAYS)
          .max(250, WORKING_DAYS)
          .optional()
          .describe('working days added to the current due time'),
        dueAt: z.iso.datetime({ offset: true, message: 'an ISO date-time' }).optional().describe('or the new due time, later than the current one'),
      }),
    },
    pause: { label: '暂停计时', labelEn: 'Pause the clock', final: false, by: 'controller', schema: z.strictObject({}) },
    resume: { label: '恢复计时', labelEn: 'Resume the clock', final: false, by: 'controller', schema: z.strictObject({}) },
  },
});
