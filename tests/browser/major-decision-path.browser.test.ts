import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import { launchBrowser, VIEWPORTS, type BrowserSession } from '../support/browser';
import { startStack } from '../support/dev-server-stack';
import { walkMajorDecisionPath, type PublicVisitor } from '../support/major-decision-path';

/**
 * A major decision from its catalogue entry to publication and the first evaluation task, every
 * official's step through the HTTP API, and the public's part as a citizen takes it: the portal's
 * pages, served by the same stack's API, on a phone in headless Chromium. During the real
 * consultation the citizen finds it in the list, comments through the form and is shown the
 * receipt that was stored; once the summary is published, and again once the decision is, the
 * pages show them. Screenshots: test-artifacts/decision-path-*.png (git-ignored).
 *
 * On a time-skipping server of its own, not the dev server: the process waits 30 days for
 * comments (decree713:15) and 6 months for its evaluation (000:28), and no real path is shorter
 * (a shorter period needs a stated reason and is still whole days; the evaluation is at least a
 * month away). The real API, worker, workflows and rulebooks run unchanged; only the server's
 * clock is skipped to the due time each process reports (tests/support/major-decision-path.ts).
 */
let stack: Awaited<ReturnType<typeof startStack>>;
let browser: BrowserSession;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({}, { timeSkipping: true }), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A citizen on a phone; every page the portal serves must keep to its Content Security Policy. */
function citizen(): PublicVisitor & { violations: string[] } {
  const violations: string[] = [];
  let opened: Promise<Page> | undefined;
  const page = () =>
    (opened ??= browser.newPage({ viewport: VIEWPORTS.phone }).then((p) => {
      p.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      return p;
    }));
  const text = async (p: Page, selector: string) => (await p.locator(selector).textContent()) ?? '';
  return {
    violations,
    async comment({ title, closesAt }, { body, contact }) {
      const p = await page();
      await p.goto(`${stack.api.url}/public/consultations`);
      const entry = p.locator('li', { has: p.getByRole('link', { name: title }) });
      expect(await entry.locator('.meta').textContent()).toContain(`截止 ${formatShanghaiChinese(closesAt)}`);
      await browser.screenshot(p, 'decision-path-1-consultations');
      await p.getByRole('link', { name: title }).click();
      await p.getByRole('heading', { name: '决策草案' }).waitFor();
      expect(await text(p, 'body')).toContain(`至 ${formatShanghaiChinese(closesAt)}`);
      expect(await text(p, 'body')).toContain('状态：正在征求意见');
      await browser.screenshot(p, 'decision-path-2-consultation');
      await p.getByLabel(/您的意见/).fill(body);
      await p.getByLabel(/联系方式/).fill(contact);
      await p.getByRole('button', { name: '提交意见' }).click();
      await p.getByRole('heading', { level: 1, name: '意见已收到' }).waitFor();
      await browser.screenshot(p, 'decision-path-3-receipt');
      return (await text(p, '#receipt')).trim();
    },
    async seeSummary({ id, title }, { overview, theme }, { contact }) {
      const p = await page();
      await p.goto(`${stack.api.url}/public/consultations?status=closed`);
      expect(await p.locator('li', { has: p.getByRole('link', { name: title }) }).locator('.meta').textContent()).toContain('已收到意见 1 条，已公布采纳情况');
      await p.getByRole('link', { name: title }).click();
      await p.getByRole('heading', { name: '意见采纳情况' }).waitFor();
      expect(p.url()).toBe(`${stack.api.url}/public/consultations/${encodeURIComponent(id)}`);
      expect(await text(p, 'body')).toContain(overview);
      expect(await p.locator('table tbody tr').allTextContents()).toEqual([`${theme}1采纳`]);
      expect(await text(p, 'body')).toContain('征求意见期已结束，不再接收意见。共收到意见 1 条。');
      expect(await p.locator('form').count()).toBe(0);
      expect(await text(p, 'body')).not.toContain(contact);
      await browser.screenshot(p, 'decision-path-4-summary');
    },
    async seeDecision({ id, title }, { decision, documentNumber }) {
      const p = await page();
      await p.goto(`${stack.api.url}/public/major-decisions`);
      const published = p.locator('li', { hasText: title });
      expect(await published.locator('.meta').textContent()).toContain(documentNumber);
      expect(await published.locator('pre').textContent()).toBe(decision);
      await browser.screenshot(p, 'decision-path-5-decisions');
      // From the decision to its consultation, the summary still there.
      await published.getByRole('link', { name: '征求意见及采纳情况' }).click();
      await p.getByRole('heading', { name: '意见采纳情况' }).waitFor();
      expect(p.url()).toBe(`${stack.api.url}/public/consultations/${encodeURIComponent(id)}`);
      // The decision's document, proactively disclosed, with the decision in its text.
      await p.goto(`${stack.api.url}/public/documents`);
      const document = p.locator('li', { hasText: documentNumber });
      expect(await document.locator('summary strong').textContent()).toBe(title);
      await document.locator('summary').click();
      expect(await document.locator('pre').textContent()).toContain(decision);
      await browser.screenshot(p, 'decision-path-6-documents');
    },
  };
}

describe('a major decision, catalogue to evaluation, the public on the portal in Chromium (time-skipping server)', () => {
  it('a citizen finds the open consultation, comments through the form and sees the stored receipt; after 30 days sees the summary, after the standing meeting and the document the published decision and its number', async () => {
    const visitor = citizen();
    await walkMajorDecisionPath(stack, visitor);
    expect(visitor.violations).toEqual([]);
  }, 600_000);
});
