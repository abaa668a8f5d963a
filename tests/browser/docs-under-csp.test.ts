import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { startTestApi, type TestApi } from '../api/api-harness';

/** helmet's Content-Security-Policy must not break the API docs (swagger-ui at /docs). */
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

it('/docs — swagger-ui renders the API under the CSP, with no violation reported', async () => {
  const page = await session.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${api.url}/docs`);
  await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20_000 });
  expect(await page.locator('.swagger-ui .info .title').textContent()).toMatch(/govflow API/);
  expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
  await session.screenshot(page, 'docs-under-csp');
  expect(violations).toEqual([]);
});
