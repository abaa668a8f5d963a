import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConsultation, listComments, publishSummary } from '../../db/consultation-repository';
import { publishDecision as publishMajorDecision, recordDecided } from '../../db/major-decision-repository';
import { openTestConsultation } from '../support/consultation-fixtures';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const HTML = { accept: 'text/html' };
const form = (fields: Record<string, string>) => ({ raw: new URLSearchParams(fields).toString(), headers: { ...HTML, 'content-type': 'application/x-www-form-urlencoded' } });

describe('the public portal (公众参与): pages and comments', () => {
  it('a browser gets Chinese HTML pages readable on a phone; a program gets JSON from the same address', async () => {
    await openTestConsultation(api.db, 'decision.jinan-shizhong-2023.p1', { shortPeriodReason: '汛期前必须完成决策' });
    const list = await api.call('GET', '/public/consultations', { headers: HTML });
    expect(list.status).toBe(200);
    expect(list.contentType).toMatch(/text\/html/);
    expect(list.body).toContain('<html lang="zh-CN">');
    expect(list.body).toContain('name="viewport"');
    expect(list.body).toContain('老旧小区改造三年行动计划');
    expect(list.body).toContain('区住房和城乡建设局');
    const page = await api.call('GET', '/public/consultations/decision.jinan-shizhong-2023.p1', { headers: HTML });
    expect(page.body).toContain('征求意见期少于30日的理由：汛期前必须完成决策');
    expect(page.body).toContain('<form method="post"');
    const json = await api.call('GET', '/public/consultations?jurisdiction=jinan-shizhong-2023');
    expect(json.body.items[0]).toMatchObject({ id: 'decision.jinan-shizhong-2023.p1', status: 'open', commentCount: 0 });
    expect((await api.call('GET', '/public/documents', { headers: HTML })).body).toContain('政府文件');
    expect((await api.call('GET', '/public/documents')).body).toEqual({ items: [] });
    expect((await api.call('GET', '/public/', { headers: HTML })).body).toContain('重大行政决策');
  });

  it('a comment through the form is stored with a receipt shown; invalid input names the field and stores nothing; the contact is never shown', async () => {
    await openTestConsultation(api.db, 'decision.jinan-shizhong-2023.p2');
    const path = '/public/consultations/decision.jinan-shizhong-2023.p2/comments';
    const bad = await api.call('POST', path, form({ body: '短' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('意见至少5个字');
    const badJson = await api.call('POST', path, { body: { body: 'x\u0000yyyyy' } });
    expect(expectProblem(badJson, 400).errors).toEqual([expect.objectContaining({ field: 'body' })]);
    const ok = await api.call('POST', path, form({ body: '建议增加停车位和充电桩。', contact: '13800000000' }));
    expect(ok.status).toBe(201);
    const receipt = /id="receipt">(YJ\d{8}-[A-Z2-9]{8})</.exec(ok.body)?.[1];
    expect(receipt).toBeDefined();
    expect(await listComments(api.db, 'decision.jinan-shizhong-2023.p2', { limit: 10, offset: 0 })).toEqual([expect.objectContaining({ receipt, contact: '13800000000' })]);
    const shown = await api.call('GET', '/public/consultations/decision.jinan-shizhong-2023.p2', { headers: HTML });
    expect(shown.body).not.toContain('13800000000');
    expect(JSON.stringify((await api.call('GET', '/public/consultations/decision.jinan-shizhong-2023.p2')).body)).not.toContain('13800000000');
  });

  it('only while open: after the period a comment is refused with a clear message; the summary and the decision are shown', async () => {
    await openTestConsultation(api.db, 'decision.jinan-shizhong-2023.p3');
    await closeConsultation(api.db, 'decision.jinan-shizhong-2023.p3');
    const path = '/public/consultations/decision.jinan-shizhong-2023.p3/comments';
    const refused = await api.call('POST', path, form({ body: '期满后提交的意见。' }));
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('征求意见期已结束');
    expect(expectProblem(await api.call('POST', path, { body: { body: '期满后提交的意见。' } }), 409).detail).toMatch(/over/);
    expect((await api.call('POST', '/public/consultations/decision.nope/comments', { body: { body: '没有这个征集。' } })).status).toBe(404);
    await publishSummary(api.db, 'decision.jinan-shizhong-2023.p3', { overview: '共收到意见2条', themes: [{ theme: '停车', commentCount: 2, response: 'not-adopted', explanation: '用地不足' }] }, new Date().toISOString());
    const page = await api.call('GET', '/public/consultations/decision.jinan-shizhong-2023.p3', { headers: HTML });
    expect(page.body).toContain('意见采纳情况');
    expect(page.body).toContain('用地不足');
    expect(page.body).not.toContain('<form');
    await recordDecided(api.db, 'decision.jinan-shizhong-2023.p3', '原则通过', new Date().toISOString());
    await publishMajorDecision(api.db, 'decision.jinan-shizhong-2023.p3', '市中政发〔2027〕1号', new Date().toISOString());
    const decisions = await api.call('GET', '/public/major-decisions', { headers: HTML });
    expect(decisions.body).toContain('市中政发〔2027〕1号');
    expect((await api.call('GET', '/public/major-decisions?jurisdiction=jinan-shizhong-2023')).body.items[0]).toMatchObject({ documentNumber: '市中政发〔2027〕1号' });
    expect((await api.call('GET', '/public/consultations?status=closed', { headers: HTML })).body).toContain('已公布采纳情况');
  });

  it('comments are rate-limited per client (GOVFLOW_RATE_LIMIT_COMMENTS, 5 a minute by default): the next is a 429 with Retry-After', async () => {
    const limited = await startTestApi({}, api.db);
    try {
      await openTestConsultation(api.db, 'decision.jinan-shizhong-2023.p4');
      const path = '/public/consultations/decision.jinan-shizhong-2023.p4/comments';
      for (let i = 0; i < 5; i++) expect((await limited.call('POST', path, { body: { body: `第${i}条意见，内容充分。` } })).status).toBe(201);
      const sixth = await limited.call('POST', path, { body: { body: '第六条意见，内容充分。' } });
      expect(expectProblem(sixth, 429).detail).toMatch(/comments a minute/);
      expect(sixth.headers.get('retry-after')).toBeTruthy();
      expect((await limited.call('POST', path, form({ body: '第七条意见，内容充分。' }))).body).toContain('提交过于频繁');
    } finally {
      await limited.close();
    }
  });
});
