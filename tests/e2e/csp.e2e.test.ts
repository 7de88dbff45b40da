import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSession, type ExtensionBrowser } from './fixtures';

/** Opens an extension page and records what Chromium says the CSP refused while it loads. */
async function openRecordingRefusals(browser: ExtensionBrowser, path: string): Promise<{ page: Page; refused: string[] }> {
  const refused: string[] = [];
  const page = await browser.session.context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto(`chrome-extension://${browser.session.extensionId}/${path}`);
  await page.waitForLoadState('load');
  // Module scripts, the note editor's <style>, the side panel's first query: give them a moment.
  await page.waitForTimeout(500);
  return { page, refused };
}

describe('the manifest CSP in real Chromium', () => {
  const browser = useSession();

  it.each(['popup.html', 'sidepanel.html', 'options.html', 'reader.html', 'note-editor.html'])(
    '%s loads with nothing refused',
    async (path) => {
      const { page, refused } = await openRecordingRefusals(browser, path);
      expect(refused).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('script[type=module]').length)).toBeGreaterThan(0);
      await page.close();
    },
  );

  it('is in force: an extension page can reach no server, even one its host permissions cover', async () => {
    const page = await browser.extensionPage('popup.html');
    const outcome = await page.evaluate((url) => fetch(url).then(() => 'fetched', () => 'refused'), `${browser.origin}/article-en.html`);
    expect(outcome).toBe('refused');
    const policy = await browser.session.worker.evaluate(
      () => (globalThis as unknown as { chrome: { runtime: { getManifest(): { content_security_policy: { extension_pages: string } } } } }).chrome.runtime.getManifest().content_security_policy.extension_pages,
    );
    expect(policy).toContain("object-src 'none'");
    await page.close();
  });
});
