import type { JsonSchema } from '../api/types';
import { SchemaField } from './schema-field';
import type { FieldErrors } from './validate';

export interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  errors: FieldErrors;
  idPrefix: string;
  /** Fields not to show (e.g. jurisdiction, filled in from the person's own). */
  hidden?: string[];
  suggestionsFor?(name: string): { value: string; label: string }[] | undefined;
  onChange(value: Record<string, unknown>): void;
}

/** The fields of an object schema, in the schema's order, each with its errors beside it. */
export function SchemaForm({ schema, value, errors, idPrefix, hidden = [], suggestionsFor, onChange }: SchemaFormProps) {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {}).filter(([name]) => !hidden.includes(name));
  return (
    <div class="schema-form">
      {entries.map(([name, property]) => (
        <SchemaField
          key={name}
          name={name}
          schema={property}
          value={value[name]}
          required={required.has(name)}
          errors={errors[name]}
          idPrefix={idPrefix}
          suggestions={suggestionsFor?.(name)}
          onChange={(next) => {
            const copy = { ...value };
            if (next === undefined) delete copy[name];
            else copy[name] = next;
            onChange(copy);
          }}
        />
      ))}
    </div>
  );
}
