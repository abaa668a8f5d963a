import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (scripts/ensure-browser.ts installs it); playwright-core brings no browser of its own. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots land here: git-ignored, kept after the run for a person to look at. */
export const ARTIFACTS_DIR = resolve('test-artifacts');

/** A phone (iPhone-sized) and an office desktop. */
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 860 } } as const;

export interface BrowserSession {
  browser: Browser;
  /** A fresh context (own storage, so one signed-in user each) with one page, zh-CN, Asia/Shanghai. */
  newPage(options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<Page>;
  /** Saves a PNG of the whole page (or of the viewport only) as test-artifacts/<name>.png and returns its path. */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium for a browser test.
 *
 * @throws {Error} when chromium is not installed (run `npm test`'s pretest, or apt-get install chromium).
 * @example
 * const session = await launchBrowser();
 * const page = await session.newPage();
 * await page.goto(`${stack.api.url}/`);
 * await session.screenshot(page, 'inbox');
 * await session.close();
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root in CI has no user namespace for the sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? VIEWPORTS.desktop,
        locale: options.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      return context.newPage();
    },
    async screenshot(page, name, options = {}) {
      const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: options.fullPage ?? true });
      return path;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
    },
  };
}
