import type { Locator } from 'playwright-core';
import type { Session } from '../../support/chromium';
import { Screen } from './screen';

/** The options page, opened as a tab. */
export class Options extends Screen {
  static async open(session: Session): Promise<Options> {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    return new Options(page);
  }

  /** Chooses `path` in the import field (as a drop or the file picker would). */
  async importFile(path: string): Promise<void> {
    // The import's field (the Citations section has file fields of its own, for styles and locales).
    await this.page.locator('input[type="file"][accept*=".json"]').setInputFiles(path);
  }

  /** What the last import did, once it is done. */
  get importSummary(): Locator {
    return this.page.getByTestId('import-summary');
  }

  /** Screenshots of the options page take the whole page. */
  override screenshot(name: string, options: { fullPage?: boolean } = { fullPage: true }): Promise<void> {
    return super.screenshot(name, options);
  }
}
