import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processModule } from '../../api/processes';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { getUser } from '../../db/directory-repository';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/**
 * POST /v1/documents with a subject (人员任免, 出国（境）报批): refused, changing nothing, when the
 * directory has no unit for a step of its route. Only refusals here: no process starts (the client
 * is never connected); the routes themselves run on Temporal in tests/workflows/document-subjects.test.ts.
 */
let api: TestApi;
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
  api = await startTestApi({ routes: processModule({ db, client: new Client(), taskQueue: 'validation-only' }).routes }, db);
});
afterAll(async () => {
  await api?.close();
  await db?.close();
});

const draft = (extra: Record<string, unknown>) => ({
  jurisdiction: 'chaoyang-shuangta-2022',
  issuer: 'government',
  kind: 'decision',
  title: '关于张三同志任职的通知',
  body: '经研究，决定任命张三同志为区财政局副局长。',
  scope: 'specific-task',
  leadUnit: 'cs.finance',
  urgency: 'ordinary',
  disclosure: 'proactive',
  ...extra,
});

describe('POST /v1/documents — subject (documents.subjectRoutes)', () => {
  it('a subject the rules do not know — 400 naming the field', async () => {
    const token = await api.tokenFor((await getUser(db, 'cs.finance.staff'))!);
    const reply = await api.call('POST', '/v1/documents', { token, body: draft({ subject: 'promotion' }) });
    expect(expectProblem(reply, 400).errors?.map((e) => e.field)).toEqual(['subject']);
  });

  it('001:55 appointment — with no human-resources bureau in the directory to check it first (初审) — 400 naming subject and the article', async () => {
    await db.query(`UPDATE units SET kind = 'department' WHERE id = 'cs.human-resources'`);
    try {
      const token = await api.tokenFor((await getUser(db, 'cs.finance.staff'))!);
      const reply = await api.call('POST', '/v1/documents', { token, body: draft({ subject: 'appointment' }) });
      expect(expectProblem(reply, 400).errors).toEqual([expect.objectContaining({ field: 'subject', reason: expect.stringContaining('human-resources-bureau (001:55)') })]);
    } finally {
      await db.query(`UPDATE units SET kind = 'human-resources' WHERE id = 'cs.human-resources'`);
    }
  });
});
