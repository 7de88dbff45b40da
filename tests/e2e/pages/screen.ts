import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { ROOT } from '../../support/chromium';

/** Where the e2e run leaves its screenshots (git-ignored; the README's is copied to docs/). */
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', '__screenshots__');

/** Clicks `click` and waits for the download it starts; saves it in `dir`. */
export async function downloadOf(page: Page, click: () => Promise<void>, dir: string): Promise<{ download: Download; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { download, path };
}

/** What every page object has: its Playwright page, a screenshot by name, and closing. */
export class Screen {
  constructor(
    /** The Playwright page, for what the page object does not wrap. */
    readonly page: Page,
  ) {}

  /** Saves a screenshot as `__screenshots__/<name>`. */
  async screenshot(name: string, options: { fullPage?: boolean } = {}): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOTS, name), ...options });
  }

  /** The file a click downloads: its suggested name and its text (read where Playwright keeps it). */
  async downloadText(click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([this.page.waitForEvent('download', { timeout: 15_000 }), click()]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  }

  bringToFront(): Promise<void> {
    return this.page.bringToFront();
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
