import type { Locator } from 'playwright-core';
import type { Session } from '../../support/chromium';
import { Screen } from './screen';
import type { WebPage } from './web-page';

/** The popup, opened as a tab on a web page's tab (`popup.html?tab=<id>`). */
export class Popup extends Screen {
  static async open(session: Session, tab: WebPage): Promise<Popup> {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${await tab.tabId()}`);
    return new Popup(page);
  }

  /** The clipped article's summary (title, byline, counts). */
  get summary(): Locator {
    return this.page.getByTestId('article-summary');
  }

  /** The page's notes, in reading order. */
  get notes(): Locator {
    return this.page.locator('li.note');
  }

  /** The note holding `text`. */
  note(text: string): Locator {
    return this.page.locator('li.note', { hasText: text });
  }

  /** Clips the article (the button named `label`) and waits for its summary. */
  async clip(label = 'Clip article'): Promise<Locator> {
    await this.page.getByRole('button', { name: label }).click();
    await this.summary.waitFor({ timeout: 15_000 });
    return this.summary;
  }

  /** Types `tag` into a note's tag field and presses Enter. */
  async addTag(note: Locator, tag: string, label = 'Add a tag'): Promise<void> {
    const input = note.getByRole('combobox', { name: label });
    await input.fill(tag);
    await input.press('Enter');
  }
}
