import { z } from 'zod';
import type { EngineAction } from './action-validator';
import type { TaskRecord } from './task-record';

const userId = z
  .string()
  .min(1, 'required: the user id to hand the task to')
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'a user id from /v1/directory/users');

/** The `data` each engine action takes: exactly these fields, nothing else. */
export function engineActionSchema(action: EngineAction, task: TaskRecord): z.ZodType {
  switch (action) {
    case 'delegate':
      return z.strictObject({ toUserId: userId });
    case 'extend':
      // A fixed extension (e.g. 30 days, supervision2020:17) takes no input; else the new limit.
      return task.spec.extension
        ? z.strictObject({})
        : z.strictObject({
            workingDays: z.number().int('a whole number of working days from 1 to 250').min(1, 'a whole number of working days from 1 to 250').max(250, 'a whole number of working days from 1 to 250').optional(),
            dueAt: z.iso.datetime({ offset: true, message: 'an ISO date-time' }).optional(),
          });
    case 'pause':
    case 'resume':
      return z.strictObject({});
  }
}
