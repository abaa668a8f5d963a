import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, VIEWPORTS, type BrowserSession } from '../support/browser';
import { startStack } from '../support/dev-server-stack';
import { signIn } from './workbench-pages';

const J = 'chaoyang-shuangta-2022';
let stack: Awaited<ReturnType<typeof startStack>>;
let browser: BrowserSession;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the workbench — boards, calendar, language and keyboard', () => {
  it('the supervision board shows an overdue and a soon-due ticket under their unit and leader; the calendar flags years not loaded; English on a switch; the keyboard reaches every section', { timeout: 180_000 }, async () => {
    const office = await stack.userById('cs.supervision.director');
    const now = Date.now(); // the dev server runs on this machine's clock
    const tickets = [
      { title: '关于督促落实城区道路积水点整治工作的通知', dueAt: new Date(now - 3_600_000).toISOString() },
      { title: '关于加快推进农贸市场提升改造的督办通知', dueAt: new Date(now + 2 * 3_600_000).toISOString() },
    ];
    const ids: string[] = [];
    for (const t of tickets) {
      const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title: t.title, source: 'leader-instruction', responsibleUnit: 'cs.market-regulation', dueAt: t.dueAt }, { 'Idempotency-Key': `board-${randomUUID()}` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
    }

    const page = await signIn(browser, stack.api.url, J, 'cs.supervision.director');
    // The API's Content-Security-Policy allows the workbench's own files only: nothing may be refused.
    const refused: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()) && refused.push(m.text()));
    await page.goto(`${stack.api.url}/#/supervision`);
    // Visibility is eventually consistent: the board refreshes itself until both are listed.
    for (const id of ids) await page.waitForSelector(`.board a[href="#/p/${encodeURIComponent(id)}"]`, { timeout: 45_000 });
    const unitCard = page.locator('.board .card', { hasText: '区市场监督管理局' }).first();
    const text = await unitCard.textContent();
    expect(text).toMatch(/已超期 1/);
    expect(text).toMatch(/3个工作日内到期 1/);
    expect(text).toMatch(/分管领导：\S+/);
    await browser.screenshot(page, 'board-supervision');

    await page.goto(`${stack.api.url}/#/calendar`);
    await page.waitForSelector('.board .card[data-year]');
    await browser.screenshot(page, 'calendar');

    // English on a switch, and back.
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${stack.api.url}/#/inbox`);
    await page.waitForSelector('h1:text("Inbox")');
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForSelector('h1:text("待办")');

    // Keyboard only: Tab from the top reaches the sections; Enter opens one.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Tab');
    let reached = '';
    for (let i = 0; i < 12 && reached !== '督办看板'; i++) {
      reached = String(await page.evaluate("(document.activeElement && document.activeElement.textContent || '').trim()"));
      if (reached !== '督办看板') await page.keyboard.press('Tab');
    }
    expect(reached).toBe('督办看板');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:text("督办看板")');
    expect(refused).toEqual([]);

    // Phone width: the process page of a long title does not overflow sideways.
    const phone = await signIn(browser, stack.api.url, J, 'cs.market-regulation.head', VIEWPORTS.phone);
    await phone.goto(`${stack.api.url}/#/p/${encodeURIComponent(ids[0])}`);
    await phone.waitForSelector('.my-task form');
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await browser.screenshot(phone, 'process-phone');

    // The unit head's inbox: both tickets, the overdue one first and marked; the filter keeps it alone.
    await phone.goto(`${stack.api.url}/#/inbox`);
    const items = phone.locator('li.item');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(2);
    expect(await items.first().getAttribute('data-process')).toBe(ids[0]);
    expect(await items.first().locator('.tag-late').textContent()).toMatch(/已超期/);
    expect(await phone.locator('.filters [data-type="supervisionTicket"] .count').textContent()).toBe('2');
    await phone.getByLabel('仅看超期').check();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().getAttribute('data-process')).toBe(ids[0]);
    await phone.getByLabel('仅看超期').uncheck();

    // Measured, not asserted (performance belongs in benchmarks): the page's weight on the wire and
    // the time from navigation to the first inbox list, kept with the artefacts for the README.
    const measured: { firstInboxMs: number[]; assets: { name: string; transferBytes: number; bytes: number }[] } = { firstInboxMs: [], assets: [] };
    for (let i = 0; i < 6; i++) {
      await phone.goto(`${stack.api.url}/#/inbox`);
      await phone.reload();
      await phone.waitForSelector('li.item');
      measured.firstInboxMs.push(Math.round((await phone.evaluate('performance.now()')) as number));
      if (i === 0)
        measured.assets = (await phone.evaluate(
          "performance.getEntriesByType('resource').filter((e) => e.name.includes('/assets/')).map((e) => ({ name: e.name.replace(/^.*\\//, ''), transferBytes: e.encodedBodySize, bytes: e.decodedBodySize }))",
        )) as typeof measured.assets;
    }
    writeFileSync(join(ARTIFACTS_DIR, 'workbench-metrics.json'), `${JSON.stringify(measured, null, 2)}\n`);
  });
});

describe('the workbench — the calendar: an operator loads the next holiday notice', () => {
  it('the year the page flags as not loaded (暂定) is uploaded through the form: a date of another year is refused in Chinese, then the year appears and is no longer flagged', { timeout: 120_000 }, async () => {
    const page = await signIn(browser, stack.api.url, J, 'cs.operator');
    await page.goto(`${stack.api.url}/#/calendar`);
    // The year offered is the page's own choice (the first year of this and next not loaded), not the test's date.
    const form = page.locator('form', { has: page.locator('#cal-off') });
    await form.waitFor();
    const year = Number(await page.locator('[data-missing-year]').first().getAttribute('data-missing-year'));
    expect(await page.locator(`[data-missing-year="${year}"] .tag-provisional`).textContent()).toBe('暂定');
    expect(await page.locator(`.card[data-year="${year}"]`).count()).toBe(0);

    // A day of another year and a weekday as a working weekend day: refused, each named, in Chinese.
    await form.locator('#cal-off').fill(`${year}-01-01\n${year - 1}-10-01`);
    await form.locator('#cal-source').fill(`国办发明电〔${year - 1}〕9号`);
    const firstWeekday = [5, 6, 7, 8, 9].map((d) => `${year}-01-0${d}`).find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))!;
    await form.locator('#cal-working').fill(firstWeekday);
    await form.locator('button[type="submit"]').click();
    const refused = form.locator('.notice-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(`放假 2：${year - 1}-10-01 不在 ${year} 年内`);
    expect(await refused.textContent()).toContain(`${firstWeekday} 不是周六或周日`);
    await browser.screenshot(page, 'calendar-upload-refused');
    expect(await page.locator(`.card[data-year="${year}"]`).count()).toBe(0);

    // The notice as published: New Year's Day and National Day, one weekend working day.
    const firstSaturday = Array.from({ length: 7 }, (_, i) => `${year}-02-0${i + 1}`).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)!;
    await form.locator('#cal-off').fill([`${year}-01-01`, ...[1, 2, 3, 4, 5, 6, 7].map((d) => `${year}-10-0${d}`)].join('\n'));
    await form.locator('#cal-working').fill(firstSaturday);
    await form.locator('button[type="submit"]').click();
    const card = page.locator(`.card[data-year="${year}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain(`国办发明电〔${year - 1}〕9号`);
    expect(await card.textContent()).toContain('10月7日');
    await expect.poll(() => page.locator(`[data-missing-year="${year}"]`).count()).toBe(0);
    await browser.screenshot(page, 'calendar-uploaded');

    // The API serves the year as loaded, exactly as entered.
    const served = await stack.call('GET', `/v1/calendar/${year}`, (await stack.userById('cs.operator')).token);
    expect(served.body).toMatchObject({ year, daysOff: expect.arrayContaining([`${year}-01-01`, `${year}-10-07`]), workingWeekendDays: [firstSaturday] });
  });
});
