/**
 * Validates a form's value against the served JSON Schema with @cfworker/json-schema (no eval, so
 * it runs under the API's CSP), and says what is wrong per field in the page's language.
 */
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import type { JsonSchema } from '../api/types';
import type { I18n } from '../i18n/i18n';

export type FieldErrors = Record<string, string[]>;

/** The top-level field a JSON pointer or an API field path ('data.summary', 'units[0]') is about. */
export function fieldOf(path: string): string {
  return path
    .replace(/^#\/?/, '')
    .replace(/^\(body\)\.?/, '')
    .replace(/^data\./, '')
    .split(/[./[]/)[0];
}

function message(unit: OutputUnit, schema: JsonSchema, i18n: I18n): string | undefined {
  const property = schema.properties?.[fieldOf(unit.instanceLocation)] ?? {};
  switch (unit.keyword) {
    case 'required':
      return i18n.t('required');
    case 'minLength':
      return property.minLength === 1 ? i18n.t('required') : i18n.t('tooShort', { n: property.minLength ?? '' });
    case 'maxLength':
      return i18n.t('tooLong', { n: property.maxLength ?? '' });
    case 'minimum':
      return i18n.t('tooSmall', { n: property.minimum ?? '' });
    case 'maximum':
      return i18n.t('tooLarge', { n: property.maximum ?? '' });
    case 'minItems':
      return i18n.t('tooFew', { n: property.minItems ?? '' });
    case 'enum':
    case 'const':
      return i18n.t('chooseOne');
    // Wrappers repeat what their inner keyword said.
    case 'properties':
    case 'items':
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
    case '$ref':
      return undefined;
    default:
      return i18n.t('invalidValue');
  }
}

/** Errors by field ('' for the form as a whole); empty when the value is valid. */
export function validate(schema: JsonSchema, value: Record<string, unknown>, i18n: I18n): FieldErrors {
  const result = new Validator(schema as object, '2020-12', false).validate(value);
  const errors: FieldErrors = {};
  for (const unit of result.errors) {
    const text = message(unit, schema, i18n);
    if (!text) continue;
    const required = unit.keyword === 'required' ? /"([^"]+)"/.exec(unit.error)?.[1] : undefined;
    const field = required ?? fieldOf(unit.instanceLocation);
    (errors[field] ??= []).includes(text) || errors[field].push(text);
  }
  return errors;
}

/** The server's problem+json field errors, by the form field they are about: its Chinese `message`, or the English `reason` behind the switch. */
export function serverFieldErrors(errors: { field: string; reason: string; message?: string }[], fields: string[], i18n: Pick<I18n, 'pick'>): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const field = fieldOf(e.field);
    const text = i18n.pick(e.message, e.reason);
    (out[fields.includes(field) ? field : ''] ??= []).push(fields.includes(field) ? text : `${e.field}: ${text}`);
  }
  return out;
}
