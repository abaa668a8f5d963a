import { ENGINE_POLICY } from './engine-policy';
import { findTextProblems, isSafeText, UNSAFE_TEXT_REASON, type TextProblem } from './text';

/**
 * What every action's input must be, whatever its process declares: a comment of safe, bounded
 * text; `data` an object, small and shallow, with no unsafe text anywhere. The API checks it, and
 * the workflow's validator checks it again (a signal sent from the Temporal UI skips the API).
 */
export function actionInputProblems(input: { comment?: unknown; data?: unknown }): TextProblem[] {
  const problems: TextProblem[] = [];
  const { comment, data } = input;
  if (comment !== undefined) {
    const max = ENGINE_POLICY.maxCommentLength.value;
    if (typeof comment !== 'string') problems.push({ field: 'comment', reason: 'a string' });
    else if (comment.length > max) problems.push({ field: 'comment', reason: `at most ${max} characters` });
    else if (!isSafeText(comment)) problems.push({ field: 'comment', reason: UNSAFE_TEXT_REASON });
  }
  if (data === undefined) return problems;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [...problems, { field: 'data', reason: 'an object' }];
  const limits = ENGINE_POLICY.actionData.value;
  const found = findTextProblems(data, 'data', limits);
  if (!found.length && JSON.stringify(data).length > limits.maxSerializedLength)
    found.push({ field: 'data', reason: `at most ${limits.maxSerializedLength} characters in all (${ENGINE_POLICY.actionData.source})` });
  return [...problems, ...found];
}
