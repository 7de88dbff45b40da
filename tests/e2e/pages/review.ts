import type { Locator } from 'playwright-core';
import type { SidePanel } from './side-panel';

/** The side panel's Review view (issue #17): one card at a time, driven by the keyboard. */
export class ReviewView {
  constructor(readonly panel: SidePanel) {}

  /** Opens the view by its tab (`Review`, or its name in the browser's language) and waits for it. */
  static async open(panel: SidePanel, tab = 'Review'): Promise<ReviewView> {
    await panel.page.getByRole('tab', { name: tab }).click();
    const view = new ReviewView(panel);
    await view.root.waitFor();
    return view;
  }

  get root(): Locator {
    return this.panel.page.getByTestId('review');
  }

  /** "2 of 3": the card shown and how many there are. */
  get progress(): Locator {
    return this.root.getByTestId('review-progress');
  }

  /** The card shown. */
  get card(): Locator {
    return this.root.locator('.review-card');
  }

  /** The passage of the card shown. */
  text(): Promise<string> {
    return this.card.locator('.review-text').innerText();
  }

  /** The id of the note shown. */
  async noteId(): Promise<string> {
    return (await this.card.getAttribute('data-note-id'))!;
  }

  /** Speaker, source, note and tags, once revealed. */
  get details(): Locator {
    return this.root.getByTestId('review-details');
  }

  /** What shows when there is no card: the session's summary, or that nothing is due. */
  get end(): Locator {
    return this.root.getByTestId('review-end');
  }

  /** Presses a key in the view, as the user does once it has the focus. */
  async press(key: string): Promise<void> {
    await this.root.focus();
    await this.panel.page.keyboard.press(key);
  }

  /** Waits until the progress reads `text` (a new card is shown). */
  async waitForProgress(text: string): Promise<void> {
    await this.progress.filter({ hasText: text }).waitFor({ timeout: 10_000 });
  }
}
