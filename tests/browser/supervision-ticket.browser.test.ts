import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, VIEWPORTS, type BrowserSession } from '../support/browser';
import { startStack } from '../support/dev-server-stack';
import { act, fillAction, openFromInbox, signIn } from './workbench-pages';

const J = 'chaoyang-shuangta-2022';
const OFFICE = 'cs.supervision.director'; // 顾晓东, supervision office
const HEAD = 'cs.finance.head'; // 冯洋, head of the finance bureau
const STAFF = 'cs.finance.staff'; // 沈欣, finance bureau staff

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: BrowserSession;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the workbench — a supervision ticket from notice to close-out by three people', () => {
  it('the office issues the notice from the start form, the unit acknowledges and reports completion (a bad report shows its field error, a second reporter gets a 409), the office closes it out', { timeout: 240_000 }, async () => {
    // 1. The supervision office issues the notice through the start form.
    const office = await signIn(browser, stack.api.url, J, OFFICE);
    await office.goto(`${stack.api.url}/#/start/ticket`);
    const form = office.locator('form.start-form');
    // Checked in the page first: nothing filled in, the required fields say so and nothing is sent.
    await form.locator('button[type="submit"]').click();
    expect(await office.locator('[data-field="title"]').textContent()).toBe('必填');
    expect(await office.locator('[data-field="responsibleUnit"]').textContent()).toBe('必填');
    await form.locator('[name="title"]').fill('关于老旧小区改造进度的督办通知——请于规定时限内完成全部既定改造任务并报送完成情况，涉及雨污分流、加装电梯和屋面防水等多项工程');
    await form.locator('[name="source"]').selectOption('leader-instruction');
    await form.locator('[name="responsibleUnit"]').fill('cs.finance');
    // Without a complexity nor a due time the server says which field, shown beside it.
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => office.locator('[data-field="complexity"]').textContent()).toBe('请选择复杂程度，或填写截止时间');
    await form.locator('[name="complexity"]').selectOption('ordinary');
    await form.locator('button[type="submit"]').click();
    await office.waitForSelector('.process-head');
    const id = decodeURIComponent(new URL(office.url()).hash.replace(/^#\/p\//, ''));
    expect(id).toMatch(/^ticket\./);
    await expect.poll(() => office.locator('.facts [data-status]').textContent()).toBe('办理中');
    await browser.screenshot(office, 'ticket-1-started');

    // 2. The unit head finds it in the inbox (phone width) and acknowledges the notice.
    const head = await signIn(browser, stack.api.url, J, HEAD, VIEWPORTS.phone);
    await openFromInbox(head, id);
    await head.goto(`${stack.api.url}/#/inbox`);
    await head.waitForSelector(`li.item[data-process="${id}"] .due time`);
    await expect.poll(() => head.locator(`li.item[data-process="${id}"] .due`).textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d.*(剩余\d+个工作日|今日到期|剩余\d+小时)/);
    await browser.screenshot(head, 'ticket-2-inbox-phone');
    await act(head, id, 'acknowledge', {}, '已收到，立即部署');

    // 3. Two people of the unit open the task at once; a blank report is refused beside its field.
    const staff = await signIn(browser, stack.api.url, J, STAFF);
    await openFromInbox(staff, id);
    await openFromInbox(head, id);
    await fillAction(staff, 'submit-completion', { summary: '   ' });
    await staff.locator('.my-task form button[type="submit"]').click();
    await staff.locator('.my-task .confirm button[type="submit"]').click();
    const fieldError = staff.locator('.my-task .field-error .error-text');
    await fieldError.waitFor();
    // The workflow's validator refused it: its Chinese message beside the field, not zod's English.
    expect(await fieldError.getAttribute('data-field')).toBe('summary');
    expect(await fieldError.textContent()).toBe('不能为空');
    expect(await staff.locator('.my-task .notice-error').textContent()).toBe('请按提示修改标红的内容');
    await browser.screenshot(staff, 'ticket-3-field-error');

    await fillAction(staff, 'submit-completion', { summary: '改造任务已全部完成，验收合格。' });
    await fillAction(head, 'submit-completion', { summary: '已完成（负责人报送）' });
    await staff.locator('.my-task form button[type="submit"]').click();
    await staff.locator('.my-task .confirm button[type="submit"]').click();
    await staff.waitForSelector('[data-notice="ok"]');
    // The head's page still shows the task; sending now is too late.
    await head.locator('.my-task form button[type="submit"]').click();
    await head.locator('.my-task .confirm button[type="submit"]').click();
    const conflict = head.locator('[data-notice="conflict"]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('已由他人办理');
    await browser.screenshot(head, 'ticket-4-conflict-409');

    // 4. The supervision office verifies and closes it out (销号).
    await act(office, id, 'close', {}, '经核查，完成情况属实，同意销号');
    // The page refreshes itself once the workflow has finished its close-out.
    await expect.poll(() => office.locator('.facts [data-status]').textContent(), { timeout: 20_000 }).toMatch(/已销号|已办结/);
    // The page shows who did what, on whose behalf and with what opinion, and the verified chain.
    const timeline = await office.locator('.timeline').textContent();
    expect(timeline).toContain('冯洋');
    expect(timeline).toContain('沈欣');
    expect(timeline).toContain('改造任务已全部完成');
    expect(timeline).toContain('同意销号');
    expect(await office.locator('[data-audit]').getAttribute('data-audit')).toBe('verified');
    expect(await office.locator('.deadline-ledger, table').first().textContent()).toMatch(/001:63|工作日/);
    // What the engine writes in English reads in Chinese: the ledger's change, the audit's details.
    const ledger = await office.locator('table').first().textContent();
    expect(ledger).toContain('设定：督办时限（一般事项）');
    expect(ledger).not.toMatch(/\bset:/);
    const audit = await office.locator('table.audit').textContent();
    expect(audit).toContain('领导批示 → 区财政局');
    expect(audit).not.toContain('leader-instruction');
    await browser.screenshot(office, 'ticket-5-closed');

    // Phone width: the closed ticket's page — the ledger and the audit trail stack as a card per row,
    // nothing wider than the screen, every hash and article in view.
    await head.goto(`${stack.api.url}/#/p/${encodeURIComponent(id)}`);
    await head.reload();
    await head.waitForSelector('[data-audit="verified"]');
    await expect.poll(() => head.locator('.facts [data-status]').textContent()).toMatch(/已销号|已办结/);
    expect(await head.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    const rightEdges = (await head.evaluate(
      "[...document.querySelectorAll('table.audit code, table.ledger td')].map((e) => Math.ceil(e.getBoundingClientRect().right))",
    )) as number[];
    expect(rightEdges.length).toBeGreaterThan(10);
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await browser.screenshot(head, 'ticket-6-closed-phone');
    await head.locator('table.ledger').scrollIntoViewIfNeeded();
    await head.evaluate("document.querySelector('table.ledger').closest('.card').scrollIntoView()");
    await browser.screenshot(head, 'ticket-7-ledger-audit-phone', { fullPage: false });

    // 已办 (from the read model): the reporter's step with the action taken and the process's status now; the office's close-out.
    await staff.goto(`${stack.api.url}/#/done`);
    const reported = staff.locator(`li.item[data-process="${id}"]`);
    await reported.waitFor();
    await expect.poll(() => reported.textContent()).toMatch(/承办落实.*报送办结报告.*(已销号|已办结)/);
    await browser.screenshot(staff, 'done');
    await office.goto(`${stack.api.url}/#/done`);
    await expect.poll(() => office.locator(`li.item[data-process="${id}"]`).first().textContent()).toMatch(/核查销号/);
  });
});
