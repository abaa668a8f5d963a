import { z } from 'zod';
import { ENGINE_ACTIONS_STEP } from '../../domain/engine-actions';
import type { EngineAction } from './action-validator';
import type { TaskRecord } from './task-record';

/** The `data` each engine action takes, as domain/engine-actions.ts declares it: exactly these fields, nothing else. */
export function engineActionSchema(action: EngineAction, task: TaskRecord): z.ZodType {
  // A fixed extension (e.g. 30 days, supervision2020:17) takes no input; else the new limit.
  if (action === 'extend' && task.spec.extension) return z.strictObject({});
  return ENGINE_ACTIONS_STEP.actions[action].schema;
}
