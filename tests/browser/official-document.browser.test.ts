import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { startStack } from '../support/dev-server-stack';
import { act, signIn } from './workbench-pages';

const J = 'jinan-shizhong-2023';

/** What each holder does at each step of this walk: finance agrees, justice disagrees, the leader decides. */
function forward(step: string, holder: string): { action: string; data?: Record<string, unknown>; comment?: string } {
  switch (step) {
    case 'document.head-sign-off':
      return { action: 'sign-off', data: { opinion: '同意，请区政府办公室审核' } };
    case 'document.countersign':
      return holder.startsWith('js.finance')
        ? { action: 'agree' }
        : { action: 'disagree', data: { grounds: '第三条与《济南市城市更新条例》第十二条不一致，建议删除' } };
    case 'document.countersign-coordination':
      return { action: 'refer-to-leader', data: { leadGrounds: '第三条系落实市级部署，已征求市住建局意见', proposal: '保留第三条，补充过渡期安排' } };
    case 'document.countersign-decision':
      return { action: 'decide', data: { decision: '同意牵头单位意见，保留第三条并补充过渡期安排' } };
    case 'document.office-review':
      return { action: 'approve', data: { opinion: '文字规范，同意送签' } };
    case 'document.review':
    case 'document.sign-off':
      return { action: 'approve-signature', data: { opinion: '同意，呈区长签发' } };
    case 'document.issue':
      return { action: 'sign-and-issue', data: { opinion: '签发' } };
    default:
      throw new Error(`this walk does not expect step ${step}`);
  }
}

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: BrowserSession;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the workbench — an official document through countersign to issuance', () => {
  it('is drafted in the start form, signed off, countersigned (finance agrees, justice disagrees), decided by the leader, reviewed, signed and issued with its 发文字号', { timeout: 300_000 }, async () => {
    // The drafter fills in the start form rendered from POST /v1/documents's schema.
    const drafter = await signIn(browser, stack.api.url, J, 'js.housing.staff');
    await drafter.goto(`${stack.api.url}/#/start/document`);
    const form = drafter.locator('form.start-form');
    await form.locator('[name="issuer"]').selectOption('government');
    await form.locator('[name="kind"]').selectOption('notice');
    await form.locator('[name="title"]').fill('关于开展2027年城市更新项目申报工作的通知');
    await form.locator('[name="body"]').fill('各街道办事处，区政府各部门：\n为推进城市更新，现就项目申报工作通知如下。\n一、申报范围……\n二、申报程序……\n三、过渡期安排……');
    await form.locator('[name="scope"]').selectOption('specific-task');
    await form.locator('[name="urgency"]').selectOption('ordinary');
    await form.locator('[name="disclosure"]').selectOption('proactive');
    await form.locator('[name="countersignUnits"]').fill('js.finance\njs.justice');
    await form.locator('[name="addressees"]').fill('js.daguanyuan\njs.liulishan');
    expect(await form.locator('[name="leadUnit"]').inputValue()).toBe('js.housing'); // the drafter's own unit
    await browser.screenshot(drafter, 'document-1-start-form');
    // Beside Chinese labels the hints are Chinese too (the served descriptions are English with a Chinese term).
    const hints = await form.locator('.hint').allTextContents();
    expect(hints).toEqual(expect.arrayContaining(['起草内容涉及其职责、需会签的单位编号，每行一个', '公开属性在拟稿时确定（002:28）']));
    for (const hint of hints) expect(hint.replace(/\b[a-z]+\d*:\d+\b/gi, '')).not.toMatch(/[A-Za-z]{3,}/);
    await form.locator('button[type="submit"]').click();
    await drafter.waitForSelector('.process-head');
    const id = decodeURIComponent(new URL(drafter.url()).hash.replace(/^#\/p\//, ''));
    expect(id).toMatch(/^document\./);

    // Each holder finds the next task in their inbox and acts through its page, until it is issued.
    // (Who holds the next task is read from the API, as the notification would tell them.)
    const { token } = await stack.userById('js.housing.staff');
    const walked: string[] = [];
    for (let i = 0; i < 20 && !walked.includes('document.issue'); i++) {
      const state = await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, token);
      const open = (state.body?.openTasks ?? []) as { id: string; step: string; assignees: { userId: string }[] }[];
      const task = open[0];
      if (!task) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const holder = task.assignees[0].userId;
      const { action, data, comment } = forward(task.step, holder);
      const page = await signIn(browser, stack.api.url, J, holder);
      await act(page, id, action, data, comment);
      walked.push(task.step);
      if (task.step === 'document.countersign' && action === 'disagree') await browser.screenshot(page, 'document-2-countersign-disagree');
      await page.context().close();
    }
    expect(walked).toEqual(
      expect.arrayContaining(['document.head-sign-off', 'document.countersign', 'document.countersign-coordination', 'document.countersign-decision', 'document.office-review', 'document.issue']),
    );
    expect(walked.filter((s) => s === 'document.countersign')).toHaveLength(2);

    // The drafter's page shows the number, the text, both countersign replies, the signatures and a verified trail.
    await drafter.goto(`${stack.api.url}/#/p/${encodeURIComponent(id)}`);
    const number = drafter.locator('[data-doc-number]');
    await expect.poll(() => number.textContent(), { timeout: 20_000 }).toMatch(/^市中政发〔20\d\d〕\d+号$/);
    const replies = await drafter.locator('.replies').textContent();
    expect(replies).toContain('区财政局：同意');
    expect(replies).toMatch(/区司法局：不同意.*第三条与《济南市城市更新条例》/);
    expect(await drafter.locator('.signatures').textContent()).toContain('签发');
    expect(await drafter.locator('.doc-body').textContent()).toContain('过渡期安排');
    expect(await drafter.locator('.timeline').textContent()).toContain('同意牵头单位意见');
    expect(await drafter.locator('[data-audit]').getAttribute('data-audit')).toBe('verified');
    await browser.screenshot(drafter, 'document-3-issued');
    await browser.screenshot(drafter, 'document-3-issued-top', { fullPage: false });

    // Issued and waiting for publication: the office's board lists it under that step.
    const office = await signIn(browser, stack.api.url, J, 'js.office.staff');
    await office.goto(`${stack.api.url}/#/documents`);
    const card = office.locator('.board .card', { has: office.locator(`a[href="#/p/${encodeURIComponent(id)}"]`) });
    await card.waitFor({ timeout: 45_000 });
    expect(await card.locator('h2').textContent()).toMatch(/公开|publication/);
    await browser.screenshot(office, 'document-4-office-board');
  });
});
