import type { Cited } from '../citation';
import type { DocumentRules } from './rules';

/** What a draft deploys, which decides its length cap (000:68, 002:57). */
export const DOCUMENT_SCOPES = ['comprehensive', 'specific-task'] as const;
export type DocumentScope = (typeof DOCUMENT_SCOPES)[number];

/**
 * Characters as a Chinese text is counted (字数): every character except white space, so a
 * supplementary-plane character counts once and line breaks do not count.
 */
export function countCharacters(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

/** The cap a draft of this scope must keep to, or null where the rulebook sets none. */
export function lengthLimitFor(rules: DocumentRules, scope: DocumentScope): Cited<number> | null {
  return scope === 'comprehensive' ? rules.lengthLimits.comprehensive : rules.lengthLimits.specificTask;
}

/**
 * Why a draft is too long, or undefined when it is within its cap.
 * @example lengthViolation(rulebookFor('jinan-shizhong-2023').documents, 'specific-task', '字'.repeat(3001))
 * // 'at most 3000 characters for a specific-task document (000:68); this one has 3001'
 */
export function lengthViolation(rules: DocumentRules, scope: DocumentScope, body: string): string | undefined {
  return lengthViolationOfCount(rules, scope, countCharacters(body));
}

/** The same check for a text known by its count only (a stored text's reference, domain/documents/text-ref.ts). */
export function lengthViolationOfCount(rules: DocumentRules, scope: DocumentScope, n: number): string | undefined {
  const limit = lengthLimitFor(rules, scope);
  if (!limit) return undefined;
  return n > limit.value ? `at most ${limit.value} characters for a ${scope} document (${limit.source}); this one has ${n}` : undefined;
}
