import type { JsonSchema } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { FIELD_HINTS, FIELD_LABELS, humanize, readsAsChinese, VALUE_LABELS } from './field-labels';

/** The enum a property allows, whether written as `enum` or as `anyOf`/`oneOf` of constants. */
function choicesOf(schema: JsonSchema): unknown[] | undefined {
  if (schema.enum) return schema.enum;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.every((a) => 'const' in a)) return alternatives.map((a) => a.const);
  return undefined;
}

function typeOf(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type ? [schema.type] : [];
  return types[0];
}

/** A Shanghai wall-clock input value ('2026-11-24T17:00') as an instant, and back. */
const toInstant = (local: string) => (local ? `${local}:00+08:00` : undefined);
const toLocal = (iso: unknown) => (typeof iso === 'string' && iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16) : '');

export interface FieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  required: boolean;
  errors?: string[];
  idPrefix: string;
  /** Suggestions for free-text fields (unit ids for *Unit fields). */
  suggestions?: { value: string; label: string }[];
  onChange(value: unknown): void;
}

/** One input for one property of the subset the action schemas use: strings, numbers, booleans, enums, arrays of them. */
export function SchemaField({ name, schema, value, required, errors, idPrefix, suggestions, onChange }: FieldProps) {
  const i18n = useI18n();
  const id = `${idPrefix}-${name}`;
  const label = i18n.lang === 'zh' ? (FIELD_LABELS[name] ?? schema.title ?? schema.description ?? name) : (schema.title ?? humanize(name));
  // A description in another language than the page's is noise beside a Chinese label: the Chinese
  // hint where there is one, the served description where it reads as Chinese, else none.
  const served = schema.description && schema.description !== label ? schema.description : undefined;
  const hint = i18n.lang === 'en' ? served : (FIELD_HINTS[name] ?? (served && readsAsChinese(served) ? served : undefined));
  const valueLabel = (v: unknown) => (i18n.lang === 'zh' ? (VALUE_LABELS[String(v)] ?? String(v)) : String(v));
  const describedBy = [errors?.length ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name, 'aria-invalid': errors?.length ? true : undefined, 'aria-describedby': describedBy, required };
  const type = typeOf(schema);
  const choices = choicesOf(schema);
  const items = schema.items ?? {};
  const itemChoices = type === 'array' ? choicesOf(items) : undefined;

  let input;
  if (type === 'boolean') {
    input = null; // the checkbox sits inside its label, below
  } else if (choices) {
    input = (
      <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(choices.find((c) => String(c) === e.currentTarget.value))}>
        <option value="">{i18n.lang === 'zh' ? '请选择' : 'Choose…'}</option>
        {choices.map((c) => (
          <option value={String(c)}>{valueLabel(c)}</option>
        ))}
      </select>
    );
  } else if (type === 'number' || type === 'integer') {
    input = (
      <input
        type="number"
        inputMode="numeric"
        step={type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        {...common}
        value={value === undefined ? '' : String(value)}
        onInput={(e) => onChange(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
      />
    );
  } else if (type === 'array' && itemChoices) {
    const selected = Array.isArray(value) ? value : [];
    input = (
      <div class="checks" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
        {itemChoices.map((c) => (
          <label class="check">
            <input type="checkbox" checked={selected.includes(c)} onChange={(e) => onChange(e.currentTarget.checked ? [...selected, c] : selected.filter((s) => s !== c))} /> {valueLabel(c)}
          </label>
        ))}
      </div>
    );
  } else if (type === 'array' && typeOf(items) === 'string') {
    // One entry per line (or separated by commas / 、 as people type them).
    input = (
      <textarea
        rows={3}
        {...common}
        value={Array.isArray(value) ? value.join('\n') : ''}
        onInput={(e) => {
          const entries = e.currentTarget.value.split(/[\n,，、]+/).map((s) => s.trim()).filter(Boolean);
          onChange(entries.length ? entries : undefined);
        }}
      />
    );
  } else if (type === 'string' && (schema.format === 'date-time' || /At$/.test(name))) {
    input = <input type="datetime-local" {...common} value={toLocal(value)} onInput={(e) => onChange(toInstant(e.currentTarget.value))} />;
  } else if (type === 'string' && schema.format === 'date') {
    input = <input type="date" {...common} value={typeof value === 'string' ? value : ''} onInput={(e) => onChange(e.currentTarget.value || undefined)} />;
  } else if (type === 'string' || type === undefined) {
    const long = (schema.maxLength ?? 0) > 200 || name === 'body';
    const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
    const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value);
    input = long ? (
      <textarea rows={name === 'body' ? 8 : 4} maxLength={schema.maxLength} {...common} value={text} onInput={onInput} />
    ) : (
      <input type="text" maxLength={schema.maxLength} list={suggestions ? `${id}-list` : undefined} {...common} value={text} onInput={onInput} />
    );
  } else {
    // Nested objects and arrays of objects: JSON, checked by the schema all the same.
    input = (
      <textarea
        rows={4}
        class="mono"
        {...common}
        defaultValue={value === undefined ? '' : JSON.stringify(value, null, 2)}
        onInput={(e) => {
          try {
            onChange(e.currentTarget.value.trim() ? JSON.parse(e.currentTarget.value) : undefined);
          } catch {
            onChange(e.currentTarget.value);
          }
        }}
      />
    );
  }

  return (
    <div class={`field${errors?.length ? ' field-error' : ''}`}>
      {type === 'boolean' ? (
        <label id={`${id}-label`} class="check-label">
          <input type="checkbox" {...common} required={false} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked || undefined)} /> {label}
        </label>
      ) : (
        <label id={`${id}-label`} for={id}>
          {label}
          {required && (
            <span class="req" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
      )}
      {input}
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option value={s.value}>{s.label}</option>
          ))}
        </datalist>
      )}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} class="error-text" role="alert" data-field={name}>
          {errors.join('；')}
        </p>
      ) : null}
    </div>
  );
}
