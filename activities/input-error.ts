/**
 * The ApplicationFailure type of an activity that failed on its input (text PostgreSQL cannot
 * store, a value out of range): retrying sends the same input, so the workflows never retry it.
 * Its own file so workflow code can import the name without the activities.
 */
export const INPUT_ERROR = 'InvalidInput';
