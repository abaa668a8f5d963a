import { z } from 'zod';

/**
 * A draft text as the workflow history carries it (issue 11): the text itself is in the database
 * (db/document-text-repository.ts), the history holds its hash and its length as the length
 * rules count it (countCharacters), so the caps are checked without the text.
 */
export interface TextRef {
  sha256: string;
  chars: number;
}

export const textRefSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256'),
  chars: z.number().int().min(0).max(100_000),
});

/** The field a stored text's reference travels in: `body` → `bodyRef`, `draft` → `draftRef`. */
export function refFieldOf<F extends string>(field: F): `${F}Ref` {
  return `${field}Ref`;
}
