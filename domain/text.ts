import { z } from 'zod';

/**
 * Characters no person types and that break what stores or sends text: C0 controls other than
 * tab, line feed and carriage return (PostgreSQL refuses NUL outright), and UTF-16 surrogates
 * without their partner (not encodable as UTF-8, so a database write or a JSON encoder fails).
 */
// A pair of surrogates is matched first and passes; a control or a surrogate left alone is unsafe.
// No lookbehind: this module is in the workbench's bundle, and Safari before 16.4 cannot parse one.
const CHARACTERS_TO_CHECK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
const isUnsafe = (match: string) => match.length === 1;

export const UNSAFE_TEXT_REASON = 'contains a control character or an unpaired surrogate (only tab, line feed and carriage return are allowed)';

export function isSafeText(text: string): boolean {
  for (const [match] of text.matchAll(CHARACTERS_TO_CHECK)) if (isUnsafe(match)) return false;
  return true;
}

/** A string people write: at most `max` characters, none of them unsafe. */
export function safeText(max: number) {
  return z.string().max(max).refine(isSafeText, { message: UNSAFE_TEXT_REASON });
}

export interface TextProblem {
  /** `data.items[2].note`, as the API names fields. */
  field: string;
  reason: string;
}

export interface JsonLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Longest single string (keys included). */
  maxStringLength: number;
}

/**
 * Every unsafe, too long or too deeply nested part of a JSON value, each named by its path. Runs
 * on whatever reaches a workflow (a signal from the Temporal UI skips the API), so it walks
 * without recursion and stops at the first problems rather than trusting the shape.
 */
export function findTextProblems(value: unknown, root: string, limits: JsonLimits, maxProblems = 10): TextProblem[] {
  const problems: TextProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  const checkString = (s: string, path: string) => {
    if (!isSafeText(s)) problems.push({ field: path, reason: UNSAFE_TEXT_REASON });
    else if (s.length > limits.maxStringLength) problems.push({ field: path, reason: `at most ${limits.maxStringLength} characters` });
  };
  while (stack.length && problems.length < maxProblems) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') checkString(v, path);
    else if (v !== null && typeof v === 'object') {
      if (depth >= limits.maxDepth) {
        problems.push({ field: path, reason: `nested more than ${limits.maxDepth} levels deep` });
        continue;
      }
      if (Array.isArray(v)) v.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      else
        for (const [key, item] of Object.entries(v)) {
          const keyPath = `${path}.${key}`;
          if (!isSafeText(key) || key.length > limits.maxStringLength) {
            problems.push({ field: path, reason: `a field name ${isSafeText(key) ? 'is too long' : UNSAFE_TEXT_REASON}` });
            continue;
          }
          stack.push({ value: item, path: keyPath, depth: depth + 1 });
        }
    }
  }
  return problems.slice(0, maxProblems);
}

/** The text with every unsafe character written as a \uXXXX escape: storable, and still shows what was sent. */
export function printable(text: string): string {
  return text.replace(CHARACTERS_TO_CHECK, (c) => (isUnsafe(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
}
