import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeConsultation, listComments, publishSummary } from '../../db/consultation-repository';
import { publishDecision as publishMajorDecision, recordDecided } from '../../db/major-decision-repository';
import { startTestApi, type TestApi } from '../api/api-harness';
import { launchBrowser, VIEWPORTS, type BrowserSession } from '../support/browser';
import { openTestConsultation } from '../support/consultation-fixtures';

/** The consultation portal on a phone, in headless Chromium: comment through the form, then read the results. */
let api: TestApi;
let session: BrowserSession;
beforeAll(async () => {
  api = await startTestApi({ checks: [] });
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
  await api?.close();
});

const ID = 'decision.jinan-shizhong-2023.browser';

it('a citizen finds the consultation, sends a comment through the form and sees the receipt; later the summary and the published decision', async () => {
  await openTestConsultation(api.db, ID);
  const page = await session.newPage({ viewport: VIEWPORTS.phone });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });

  await page.goto(`${api.url}/public/consultations`);
  await session.screenshot(page, 'portal-consultations-open');
  await page.getByRole('link', { name: /老旧小区改造三年行动计划/ }).click();
  await page.getByRole('heading', { name: '决策草案' }).waitFor();
  await session.screenshot(page, 'portal-consultation');
  await page.getByLabel(/您的意见/).fill('建议在改造中同步增加停车位和电动车充电设施。');
  await page.getByLabel(/联系方式/).fill('13912345678');
  await page.getByRole('button', { name: '提交意见' }).click();
  const receipt = (await page.locator('#receipt').textContent())?.trim();
  expect(receipt).toMatch(/^YJ\d{8}-[A-Z2-9]{8}$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('意见已收到');
  await session.screenshot(page, 'portal-comment-receipt');
  expect(await listComments(api.db, ID, { limit: 5, offset: 0 })).toEqual([expect.objectContaining({ receipt, body: '建议在改造中同步增加停车位和电动车充电设施。' })]);

  // The period ends; the unit publishes its summary; the decision is taken and published.
  await closeConsultation(api.db, ID);
  await publishSummary(api.db, ID, { overview: '共收到意见1条，已逐条研究。', themes: [{ theme: '停车和充电设施', commentCount: 1, response: 'adopted' }] }, new Date().toISOString());
  await recordDecided(api.db, ID, '原则通过《老旧小区改造三年行动计划（2027—2029年）》，由区住房城乡建设局组织实施。', new Date().toISOString());
  await publishMajorDecision(api.db, ID, '市中政发〔2027〕1号', new Date().toISOString());

  await page.goto(`${api.url}/public/consultations/${ID}`);
  await page.getByRole('heading', { name: '意见采纳情况' }).waitFor();
  expect(await page.locator('table').textContent()).toContain('停车和充电设施');
  expect(await page.locator('body').textContent()).toContain('征求意见期已结束');
  expect(await page.locator('form').count()).toBe(0);
  expect(await page.locator('body').textContent()).not.toContain('13912345678');
  await session.screenshot(page, 'portal-consultation-summary');

  await page.goto(`${api.url}/public/major-decisions`);
  expect(await page.locator('main').textContent()).toContain('市中政发〔2027〕1号');
  await session.screenshot(page, 'portal-major-decisions');
  await page.goto(`${api.url}/public/documents`);
  await page.getByRole('heading', { name: /政府文件/ }).waitFor();
  expect(violations).toEqual([]);
}, 120_000);
