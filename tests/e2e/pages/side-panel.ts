import type { Locator } from 'playwright-core';
import type { Session } from '../../support/chromium';
import { waitFor } from '../../support/wait';
import { Screen } from './screen';

/** The side panel, opened as a tab (`sidePanel.open()` needs a user gesture). */
export class SidePanel extends Screen {
  static async open(session: Session): Promise<SidePanel> {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/sidepanel.html`);
    return new SidePanel(page);
  }

  /** The notes listed. */
  get notes(): Locator {
    return this.page.locator('.results .note');
  }

  /** The listed note holding `text`. */
  note(text: string): Locator {
    return this.page.locator('.results .note', { hasText: text });
  }

  /** The texts of the notes listed, in the list's order. */
  noteTexts(): Promise<string[]> {
    return this.page.locator('.results .note .note-text').allTextContents();
  }

  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search your notes' });
  }

  /** Waits until the list holds `count` notes. */
  async waitForNotes(count: number, what = `${count} notes listed`, timeoutMs = 10_000): Promise<void> {
    await waitFor(async () => (await this.notes.count()) === count, timeoutMs, what);
  }

  /** Deletes the listed note holding `text` with its button. */
  async deleteNote(text: string): Promise<void> {
    await this.note(text).getByRole('button', { name: 'Delete this note' }).click();
  }
}
