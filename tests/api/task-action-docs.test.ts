import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processModule } from '../../api/processes';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { DECLARED_STEPS } from '../../domain/step-catalog';
import { startTestApi, type TestApi } from './api-harness';

let api: TestApi;
let db: Database;
beforeAll(async () => {
  // The document only needs the routes; the client connects lazily and is never used here.
  db = await openDatabase({ dataDir: 'memory://' });
  api = await startTestApi({ routes: processModule({ db, client: new Client(), taskQueue: 'openapi-only' }).routes });
});
afterAll(async () => {
  await api?.close();
  await db?.close();
});

describe('OpenAPI of task actions — generated from the step declarations', () => {
  it('documents the action body as one schema per declared step, each action told apart by `action`', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    const body = doc.paths['/v1/processes/{id}/tasks/{taskId}/actions'].post.requestBody.content['application/json'].schema;
    expect(body).toEqual({ $ref: '#/components/schemas/TaskAction' });
    const refs = doc.components.schemas.TaskAction.anyOf.map((r: { $ref: string }) => r.$ref);
    for (const step of DECLARED_STEPS) expect(refs).toContain(`#/components/schemas/TaskAction.${step.id}`);
    expect(refs).toContain('#/components/schemas/TaskAction.engine');

    const execution = doc.components.schemas['TaskAction.ticket.execution'];
    expect(execution.title).toBe('承办落实 (Carrying out)');
    const completion = execution.oneOf.find((o: { properties: { action: { const: string } } }) => o.properties.action.const === 'submit-completion');
    expect(completion.required).toEqual(['action', 'data']);
    expect(completion.additionalProperties).toBe(false);
    expect(completion.properties.data).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['summary'],
      properties: { summary: { type: 'string', minLength: 1, maxLength: 5000 } },
    });
    const acknowledge = execution.oneOf.find((o: { properties: { action: { const: string } } }) => o.properties.action.const === 'acknowledge');
    expect(acknowledge.required).toEqual(['action']);
  });

  it('documents a stored text as the text a client sends, never its reference: govflow alone sets <field>Ref (issue 11)', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    const stored = DECLARED_STEPS.flatMap((step) => Object.entries(step.actions).flatMap(([name, a]) => (a.storedText ? [{ step: step.id, name, field: a.storedText }] : [])));
    expect(stored.map((s) => `${s.step} ${s.name}`)).toEqual(expect.arrayContaining(['decision.adjustment revise-draft', 'decision.revision revise-draft', 'document.revision resubmit']));
    for (const { step, name, field } of stored) {
      const action = doc.components.schemas[`TaskAction.${step}`].oneOf.find((o: { properties: { action: { const: string } } }) => o.properties.action.const === name);
      expect(action.properties.data.required, `${step} ${name}`).toContain(field);
      expect(Object.keys(action.properties.data.properties), `${step} ${name}`).not.toContain(`${field}Ref`);
    }
  });
});
