import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../support/browser';

describe('browser test support', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('headless chromium — renders a Chinese page in Asia/Shanghai — and saves its screenshot as an artefact', async () => {
    const page = await session.newPage();
    await page.setContent('<html lang="zh-CN"><body><h1>政务工作台</h1><p id="tz"></p><script>document.getElementById("tz").textContent = Intl.DateTimeFormat().resolvedOptions().timeZone</script></body></html>');
    await expect(page.locator('h1').textContent()).resolves.toBe('政务工作台');
    await expect(page.locator('#tz').textContent()).resolves.toBe('Asia/Shanghai');
    const path = await session.screenshot(page, 'browser-support');
    expect(existsSync(path) && statSync(path).size).toBeGreaterThan(1000);
  });
});
