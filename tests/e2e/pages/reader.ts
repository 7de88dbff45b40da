import type { Locator } from 'playwright-core';
import type { Session } from '../../support/chromium';
import { drag, middlePoint, selectionPoints } from '../../support/drag';
import { waitFor } from '../../support/wait';
import { Screen } from './screen';

/** The reader view of a clipped article (`reader.html?id=<article id>`). */
export class Reader extends Screen {
  /**
   * Opens the reader on an article. Every Content-Security-Policy violation of the page is kept
   * (`violations()`): a remote image the CSP blocks is never a request, but is one attempted.
   */
  static async open(session: Session, articleId: string): Promise<Reader> {
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__violations', { value: seen });
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`chrome-extension://${session.extensionId}/reader.html?id=${encodeURIComponent(articleId)}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return new Reader(page);
  }

  /** The open passage card. */
  get card(): Locator {
    return this.page.locator('.reader-card');
  }

  get toolbar(): Locator {
    return this.page.locator('.reader-toolbar');
  }

  /** What the page's CSP refused since it opened. */
  violations(): Promise<string[]> {
    return this.page.evaluate(() => [...(window as unknown as { __violations: string[] }).__violations]);
  }

  /** Selects `text` in the copy with a trusted mouse drag, and waits for the toolbar. */
  async select(text: string): Promise<void> {
    // The copy is drawn once read from storage: just after the reader opens or reloads, not yet.
    let points: Awaited<ReturnType<typeof selectionPoints>> = null;
    await waitFor(async () => (points = await this.page.evaluate(selectionPoints, { text, occurrence: 0 })) !== null, 10_000, `“${text}” in the copy`);
    await drag(this.page.mouse, points, text);
    await this.toolbar.waitFor();
  }

  /**
   * Clicks a drawn passage and waits for its card. The reader draws the notes it has read: right
   * after it opens, or after an Undo puts a note back, a click can come before the drawing and
   * open nothing, as a reader's would; it is made again until the card opens.
   */
  async openCard(text: string): Promise<void> {
    await waitFor(
      async () => {
        if (!(await this.card.isVisible())) await this.clickText(text);
        return this.card.isVisible();
      },
      10_000,
      `the card of the passage “${text}”`,
    );
  }

  /** Clicks the middle of `text` (a plain click, no drag). */
  async clickText(text: string): Promise<void> {
    const point = await this.page.evaluate(middlePoint, { text, within: '.reader-body' });
    if (!point) throw new Error(`text not found: ${text}`);
    await this.page.mouse.click(point.x, point.y);
  }

  /** The copy's images that loaded, by their alt text, and the placeholders' labels. */
  images(): Promise<{ shown: Array<{ alt: string; src: string; width: number }>; missing: string[] }> {
    return this.page.evaluate(() => ({
      shown: [...document.querySelectorAll<HTMLImageElement>('.reader-body img')].map((i) => ({ alt: i.alt, src: i.src, width: i.complete ? i.naturalWidth : 0 })),
      missing: [...document.querySelectorAll('.reader-body .reader-image-missing')].map((m) => m.getAttribute('aria-label') ?? ''),
    }));
  }

  /** Waits until every image of the copy has loaded. */
  async waitImages(count: number): Promise<void> {
    await waitFor(async () => {
      const { shown } = await this.images();
      return shown.length === count && shown.every((i) => i.width > 0);
    }, 10_000, `${count} images shown`);
  }
}
