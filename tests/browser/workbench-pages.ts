/**
 * What a person does in the workbench, as steps a browser test reads like a story: sign in as a
 * sample person, find a process in the inbox, act on it through its form.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from '../support/browser';

/** Opens the workbench and signs in through the dev issuer's list of sample people. */
export async function signIn(session: BrowserSession, baseUrl: string, jurisdiction: string, userId: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await session.newPage({ viewport });
  await page.goto(`${baseUrl}/`);
  await page.selectOption('#dev-jurisdiction', jurisdiction);
  await page.click(`button.person[data-user="${userId}"]`);
  await page.waitForSelector(`.who[data-user="${userId}"]`, { state: 'attached' });
  return page;
}

/** Waits (refreshing, as a person would) until the inbox lists the process, then opens it. */
export async function openFromInbox(page: Page, processId: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/inbox`);
  const item = page.locator(`li.item[data-process="${processId}"]`);
  await expect
    .poll(
      async () => {
        if ((await item.count()) === 0) await page.getByRole('button', { name: /刷新|Refresh/ }).click();
        return item.count();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  await item.first().locator('a.item-title').click();
  await page.waitForSelector('.my-task form');
}

/**
 * Fills the chosen action's form: a field per key where the served schema made one, otherwise the
 * free JSON box (before every action carries its JSON Schema).
 */
export async function fillAction(page: Page, action: string, data: Record<string, unknown> = {}, comment?: string): Promise<void> {
  const form = page.locator('.my-task form').first();
  await form.locator(`input[type="radio"][value="${action}"]`).check();
  const jsonBox = form.locator('textarea[name="data"]');
  if ((await jsonBox.count()) > 0) {
    if (Object.keys(data).length) await jsonBox.fill(JSON.stringify(data));
  } else {
    for (const [name, value] of Object.entries(data)) {
      const field = form.locator(`[name="${name}"]`).first();
      if (typeof value === 'boolean') await field.setChecked(value);
      else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(String(value));
      else await field.fill(Array.isArray(value) ? value.join('\n') : String(value));
    }
  }
  if (comment) await form.locator('textarea[name="comment"]').fill(comment);
}

/** Submits the form, confirming a final action, and waits for the page to say it was applied. */
export async function submitAction(page: Page): Promise<void> {
  const form = page.locator('.my-task form').first();
  await form.locator('button[type="submit"]').click();
  const confirm = form.locator('.confirm button[type="submit"]');
  const applied = page.locator('[data-notice="ok"]');
  await confirm.or(applied).first().waitFor();
  if (await confirm.isVisible()) await confirm.click();
  await applied.waitFor();
}

/** Acts on the process's task: from the inbox, through the form, confirmed. */
export async function act(page: Page, processId: string, action: string, data?: Record<string, unknown>, comment?: string): Promise<void> {
  await openFromInbox(page, processId);
  await fillAction(page, action, data, comment);
  await submitAction(page);
}
