import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

const inputs = new WeakMap<z.ZodType, JsonSchema>();

/**
 * JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema. Requests are described as clients
 * send them (before coercion), responses as they arrive.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

/** The input JSON Schema of a declared action; converted once per schema, served with every task. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  let json = inputs.get(schema);
  if (!json) inputs.set(schema, (json = jsonSchema(schema, 'input')));
  return json;
}
