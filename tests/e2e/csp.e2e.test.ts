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

  it('is in force: an extension page runs no script and shows no image from a server, even one its host permissions cover', async () => {
    const page = await browser.extensionPage('popup.html');
    // Reachable (connect-src lets sync reach the user's server, issue #15), yet not run: script-src 'self'.
    const url = `${browser.origin}/article-en.html`;
    expect(await page.evaluate((u) => fetch(u).then((r) => r.status), url)).toBe(200);
    // What the policy refuses, as the page hears it (a failed load alone could be a 404).
    const refused = await page.evaluate(async (u) => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      for (const element of [document.createElement('script'), new Image()]) {
        await new Promise<void>((resolve) => {
          element.onload = element.onerror = () => resolve();
          element.src = u;
          document.body.append(element);
        });
      }
      await new Promise((r) => setTimeout(r, 100));
      return seen.sort();
    }, url);
    expect(refused).toEqual(['img-src', 'script-src-elem']);
    const policy = await browser.session.worker.evaluate(
      () => (globalThis as unknown as { chrome: { runtime: { getManifest(): { content_security_policy: { extension_pages: string } } } } }).chrome.runtime.getManifest().content_security_policy.extension_pages,
    );
    expect(policy).toContain("object-src 'none'");
    await page.close();
  });
});
