import type { Download, Locator } from 'playwright-core';
import type { ProjectBoard } from './project-board';
import { downloadOf } from './screen';
import type { WebPage } from './web-page';

/** The words of a board's draft exports the tests use, per language. */
export const EXPORT_WORDS = {
  en: { summary: 'Export draft', copied: 'Copied: paste it into a document or a mail.', exported: 'Exported: ' },
  fr: { summary: 'Exporter le brouillon', copied: 'Copié\u00A0: collez-le dans un document ou un e-mail.', exported: 'Exporté\u00A0: ' },
} as const;

/**
 * The "Export draft" disclosure in a project board's header (components/ProjectExport.tsx, issue
 * #17), clicked as a user does.
 */
export class DraftExport {
  readonly root: Locator;

  constructor(
    readonly board: ProjectBoard,
    readonly words: (typeof EXPORT_WORDS)[keyof typeof EXPORT_WORDS] = EXPORT_WORDS.en,
  ) {
    this.root = board.page.locator('.project-board .project-export');
  }

  /** Opens the disclosure (once). */
  async open(): Promise<void> {
    if (!(await this.root.evaluate((d) => (d as HTMLDetailsElement).open))) await this.root.getByText(this.words.summary).click();
    await this.root.locator('button[data-export="markdown"]').waitFor();
  }

  /** Picks the draft's citation style by id. */
  pickStyle(id: string): Promise<string[]> {
    return this.root.locator('select[data-action="citation-style"]').selectOption(id);
  }

  /** What the exports last said (done, copied, or why not). */
  get status(): Locator {
    return this.root.locator('[data-export-status]');
  }

  /** Clicks Markdown or Word (DOCX) and saves the download in `dir`, once the board says it is exported. */
  async download(kind: 'markdown' | 'docx', dir: string): Promise<{ download: Download; path: string }> {
    const saved = await downloadOf(this.board.page, () => this.root.locator(`button[data-export="${kind}"]`).click(), dir);
    await this.status.filter({ hasText: `${this.words.exported}${saved.download.suggestedFilename()}` }).waitFor();
    return saved;
  }

  /** Clicks Copy as rich text and waits until the board says it is copied. */
  async copy(): Promise<void> {
    await this.root.locator('button[data-export="rich-text"]').click();
    await this.status.filter({ hasText: this.words.copied }).waitFor({ timeout: 15_000 });
  }
}

/**
 * The clipboard's `text/html` and `text/plain`, read by a served page (the extension's origin
 * cannot be granted clipboard-read; the page reads the same clipboard).
 */
export async function readRichClipboard(page: WebPage): Promise<{ types: string[]; html: string; text: string }> {
  await page.bringToFront();
  return page.page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item) return { types: [], html: '', text: '' };
    const read = async (type: string) => (item.types.includes(type) ? (await item.getType(type)).text() : '');
    return { types: [...item.types], html: await read('text/html'), text: await read('text/plain') };
  });
}
