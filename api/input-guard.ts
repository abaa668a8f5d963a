import type { RequestHandler } from 'express';
import { BadRequest, fieldPath, type FieldError } from './errors';
import { idempotencyKeyField } from './processes/create-process';

/**
 * Deeper than any body govflow declares (action data is a few levels at most). A parsed body
 * nested thousands of levels would otherwise reach zod, the workflow's payload converter and
 * the database, each recursing on it.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Characters no form field legitimately holds: C0 controls but tab, line feed and carriage return,
 * DEL, and the C1 controls. A NUL in a title or a comment passes JSON but fails PostgreSQL text
 * columns and the audit archive on every retry, leaving a process stuck for good.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** With the `u` flag only an unpaired surrogate matches: it cannot be encoded as UTF-8. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * A date or an instant (ISO 8601): govflow counts working days from it, so it must be a real
 * one: a year the holiday calendar and Temporal timers can count in, and a UTC offset that exists
 * on Earth (−12:00 … +14:00). JavaScript and zod accept `0001-01-01` and `+23:59`.
 */
const ISO_DATE_OR_INSTANT = /^(\d{4,})-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/i;
export const EARLIEST_YEAR = 1970;
export const LATEST_YEAR = 2100;

/** Why a string is refused, or undefined when it is acceptable text. */
export function textProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (not valid Unicode text)';
  const control = CONTROL_CHARACTER.exec(value);
  if (control) return `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const date = ISO_DATE_OR_INSTANT.exec(value);
  if (date) {
    const year = Number(date[1]);
    if (year < EARLIEST_YEAR || year > LATEST_YEAR) return `the year ${date[1]} is outside ${EARLIEST_YEAR}–${LATEST_YEAR}`;
    if (date[3]) {
      const minutes = (date[3] === '-' ? -1 : 1) * (Number(date[4]) * 60 + Number(date[5]));
      if (Number(date[5]) > 59 || minutes < -12 * 60 || minutes > 14 * 60) return `the UTC offset ${date[2]} does not exist (−12:00 … +14:00)`;
    }
  }
  return undefined;
}

/** Every unacceptable string (keys included) and every too-deep value, by field path. */
export function inputProblems(value: unknown, path: (string | number)[] = [], whole = '(body)'): FieldError[] {
  const problems: FieldError[] = [];
  const visit = (v: unknown, at: (string | number)[]): void => {
    if (problems.length >= 20) return; // enough to act on; the rest is the same mistake
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) problems.push({ field: fieldPath(at, whole), reason });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (at.length >= MAX_JSON_DEPTH) {
      problems.push({ field: fieldPath(at, whole), reason: `nested deeper than ${MAX_JSON_DEPTH} levels` });
      return;
    }
    if (Array.isArray(v)) return v.forEach((item, i) => visit(item, [...at, i]));
    for (const [key, item] of Object.entries(v)) {
      const reason = textProblem(key);
      if (reason) problems.push({ field: fieldPath([...at, key], whole), reason: `its name ${reason}` });
      else visit(item, [...at, key]);
    }
  };
  visit(value, path);
  return problems;
}

/**
 * Middleware after the body parser: refuses, before any route sees them, strings no field may
 * hold (control characters, lone surrogates, impossible dates) anywhere in the query or the JSON
 * body, bodies nested too deep, and a malformed `Idempotency-Key` header. One 400 names every
 * offending field; nothing has been done yet, so nothing changes.
 *
 * @throws {BadRequest} naming each field (`title`, `data.items[2]`, `Idempotency-Key`).
 */
export function guardInput(): RequestHandler {
  return (req, _res, next) => {
    const problems = [...inputProblems(req.query, [], '(query)'), ...inputProblems(req.body)];
    const key = req.get('idempotency-key');
    // The header becomes part of a workflow id, as the body field does: the same rule for both.
    if (key !== undefined && !idempotencyKeyField.safeParse(key).success)
      problems.push({ field: 'Idempotency-Key', reason: '8–100 characters of A–Z, a–z, 0–9, dot, underscore or hyphen' });
    if (problems.length > 0) throw new BadRequest(`${problems.length} invalid field${problems.length > 1 ? 's' : ''}`, problems);
    next();
  };
}
