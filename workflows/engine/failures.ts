import { ApplicationFailure } from '@temporalio/workflow';
import { FAILURE } from '../messages';

export interface FieldError {
  field: string;
  reason: string;
  /** 中文, for the person (domain/field-messages.ts); the API fills it from `reason` when absent. */
  message?: string;
}

interface Rejections {
  badRequest(message: string, errors: FieldError[]): never;
  forbidden(message: string): never;
  notFound(message: string): never;
  conflict(message: string): never;
}

/**
 * Failures an update validator throws; the API turns the type into 400/403/404/409.
 * (Typed explicitly so TypeScript narrows after a call, as it does after `throw`.)
 */
export const reject: Rejections = {
  badRequest(message: string, errors: FieldError[]): never {
    throw ApplicationFailure.create({ type: FAILURE.badRequest, message, details: [errors], nonRetryable: true });
  },
  forbidden(message: string): never {
    throw ApplicationFailure.create({ type: FAILURE.forbidden, message, nonRetryable: true });
  },
  notFound(message: string): never {
    throw ApplicationFailure.create({ type: FAILURE.notFound, message, nonRetryable: true });
  },
  conflict(message: string): never {
    throw ApplicationFailure.create({ type: FAILURE.conflict, message, nonRetryable: true });
  },
};
