import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputJsonSchema, type JsonSchema } from '../../api/json-schema';
import type { Role } from '../../domain/directory';
import { DECLARED_STEPS } from '../../domain/step-catalog';
import { ENGINE_ACTIONS_STEP } from '../../domain/engine-actions';
import { FIELD_LABELS, VALUE_LABELS } from '../../web/src/forms/field-labels';
import { startTestApi } from '../api/api-harness';

/** Field names of a form's schema the page renders as inputs: the top-level properties (the form is flat). */
const fieldsOf = (schema: JsonSchema): string[] => Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
/** The choices a field offers (a select, or checkboxes for an array of them), as the page reads them. */
function choicesOf(schema: JsonSchema): unknown[] {
  const own = (s: JsonSchema) => (s.enum as unknown[] | undefined) ?? ((s.anyOf ?? s.oneOf) as JsonSchema[] | undefined)?.filter((a) => 'const' in a).map((a) => a.const) ?? [];
  return [...own(schema), ...(schema.items ? own(schema.items as JsonSchema) : [])];
}
const hasChineseTitle = (schema: JsonSchema, name: string) => /[\u4e00-\u9fff]/.test(String(((schema.properties as Record<string, JsonSchema>)[name] ?? {}).title ?? ''));

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe('every field a form shows, and every choice it offers, has a Chinese label', () => {
  it('the start forms of every role and the input of every declared action', async () => {
    const missing = new Set<string>();
    const roles: Role[] = ['chief', 'vice-chief', 'office-director', 'office-staff', 'supervision-office', 'department-head', 'department-staff'];
    for (const role of roles) {
      const me = await api.call('GET', '/v1/workbench/me', { token: await api.tokenFor(await api.userWith(role, 'chaoyang-shuangta-2022')) });
      expect(me.status).toBe(200);
      for (const form of me.body.startForms as { kind: string; schema: JsonSchema }[])
        for (const name of fieldsOf(form.schema)) {
          if (!FIELD_LABELS[name] && !hasChineseTitle(form.schema, name)) missing.add(`start ${form.kind}: ${name}`);
          for (const v of choicesOf((form.schema.properties as Record<string, JsonSchema>)[name])) if (typeof v === 'string' && !VALUE_LABELS[v]) missing.add(`start ${form.kind}: ${name} = ${v}`);
        }
    }
    for (const step of [...DECLARED_STEPS, ENGINE_ACTIONS_STEP])
      for (const [action, declared] of Object.entries(step.actions)) {
        const schema = inputJsonSchema(declared.schema);
        for (const name of fieldsOf(schema)) {
          if (!FIELD_LABELS[name] && !hasChineseTitle(schema, name)) missing.add(`${step.id} ${action}: ${name}`);
          for (const v of choicesOf((schema.properties as Record<string, JsonSchema>)[name])) if (typeof v === 'string' && !VALUE_LABELS[v]) missing.add(`${step.id} ${action}: ${name} = ${v}`);
        }
      }
    expect([...missing]).toEqual([]);
  });
});
