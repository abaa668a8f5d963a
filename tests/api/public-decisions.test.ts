import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDecision } from '../../db/published-decision-repository';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/** Issue 10, item 3: decided matters are published on the portal, readable without a token (000:53). */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

describe('GET /public/decisions', () => {
  it('lists the published decisions of a jurisdiction, newest first, without a token', async () => {
    const base = { jurisdiction: 'jinan-shizhong-2023', meetingId: 'meeting.js.1', outcome: 'approved', rule: '000:53', decidedAt: '2026-11-20T08:00:00.000Z' };
    await publishDecision(api.db, { ...base, itemId: 'agendaItem.js.a', title: '加装电梯补助', decision: '原则通过', publishedAt: '2026-11-20T09:00:00.000Z' });
    await publishDecision(api.db, { ...base, itemId: 'agendaItem.js.b', title: '老旧小区改造', decision: '修改后通过', publishedAt: '2026-11-21T09:00:00.000Z' });
    await publishDecision(api.db, { ...base, jurisdiction: 'rizhao-2017', rule: '004:21', itemId: 'agendaItem.rz.c', title: '日照事项', decision: '通过', publishedAt: '2026-11-22T09:00:00.000Z' });
    const reply = await api.call('GET', '/public/decisions?jurisdiction=jinan-shizhong-2023');
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((d: { itemId: string; rule: string }) => [d.itemId, d.rule])).toEqual([
      ['agendaItem.js.b', '000:53'],
      ['agendaItem.js.a', '000:53'],
    ]);
  });

  it('an unknown jurisdiction is a 400 naming the field', async () => {
    const reply = await api.call('GET', '/public/decisions?jurisdiction=atlantis');
    expect(expectProblem(reply, 400).errors?.map((e) => e.field)).toContain('jurisdiction');
  });
});
