import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import type { CardLayout } from '../../../utils/card/layout';
import { waitFor } from '../../support/wait';
import { SCREENSHOTS } from './screen';

/** A drawn line whose ink (the real `measureText` bounding box) leaves the space allowed to it. */
export interface InkOutside {
  kind: string;
  text: string;
  ink: { left: number; right: number; top: number; bottom: number };
}

/** The quote card dialog (issue #17), in the side panel or the reader: its choices and its image. */
export class QuoteCard {
  constructor(
    readonly page: Page,
    readonly dialog: Locator = page.locator('.quote-card-dialog'),
  ) {}

  /** Clicks a note's "Quote card" button (side panel row or reader card) and waits for the first drawing. */
  static async open(page: Page, within: Locator): Promise<QuoteCard> {
    const card = new QuoteCard(page);
    // A virtual list may move the row under the click: clicked again until the dialog opens.
    await waitFor(
      async () => {
        if (!(await card.dialog.isVisible())) await within.locator('button[data-action="quote-card"]').click({ timeout: 2_000 }).catch(() => undefined);
        return card.dialog.isVisible();
      },
      15_000,
      'the quote card dialog',
    );
    // Drawn, or said why not (then the test fails with what the dialog says).
    await card.canvas.and(page.locator('[data-drawn]')).or(card.dialog.locator('.notice.error')).waitFor();
    if (!(await card.canvas.getAttribute('data-drawn'))) throw new Error(`the card was not drawn: ${await card.dialog.locator('.notice.error').textContent()}`);
    return card;
  }

  get canvas(): Locator {
    return this.dialog.locator('canvas.quote-card-canvas');
  }

  /** Picks a size, a theme (and colour), the QR code, with the keyboard and the mouse, and waits until the image shows them. */
  async choose({ size, theme, color, qr }: { size: 'square' | 'wide'; theme: 'light' | 'dark' | 'color'; color?: string; qr: boolean }): Promise<void> {
    await this.dialog.locator(`input[name="quote-card-size"][value="${size}"]`).check();
    if (color) await this.dialog.locator('input[type="color"]').fill(color);
    await this.dialog.locator(`input[name="quote-card-theme"][value="${theme}"]`).check();
    await this.dialog.locator('input[type="checkbox"]').setChecked(qr);
    await this.page.locator(`canvas[data-drawn="${size} ${theme} ${qr ? 'qr' : 'no-qr'}"]`).waitFor();
  }

  /** The layout the page drew. */
  async layout(): Promise<CardLayout> {
    return JSON.parse((await this.canvas.getAttribute('data-layout'))!) as CardLayout;
  }

  /** Saves the card itself, at full size, as `__screenshots__/<name>`. */
  async saveImage(name: string): Promise<void> {
    const url = await this.canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL('image/png'));
    writeFileSync(join(SCREENSHOTS, name), Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
  }

  /**
   * Every drawn line measured again in the page with the canvas's own `measureText` (its ink's
   * bounding box, not the layout's arithmetic), returned when the ink leaves the image's margins
   * (the quote's opening mark may hang into half of the margin), or when the quote's ink reaches
   * the footer under it.
   */
  inkOutside(): Promise<InkOutside[]> {
    return this.canvas.evaluate((canvas: HTMLCanvasElement) => {
      const layout = JSON.parse(canvas.dataset.layout!) as CardLayout;
      const ctx = document.createElement('canvas').getContext('2d')!;
      const out: InkOutside[] = [];
      const footerTop = Math.min(layout.rule?.y ?? Infinity, layout.speaker?.rect.y ?? Infinity, layout.source?.rect.y ?? Infinity, layout.qr?.y ?? Infinity);
      for (const [kind, block] of [['quote', layout.quote], ['speaker', layout.speaker], ['source', layout.source]] as const) {
        if (!block) continue;
        ctx.font = block.font;
        const allowed = kind === 'quote' ? layout.margin / 2 : layout.margin - 1;
        for (const line of block.lines) {
          const m = ctx.measureText(line.text);
          const ink = { left: line.x - m.actualBoundingBoxLeft, right: line.x + m.actualBoundingBoxRight, top: line.y - m.actualBoundingBoxAscent, bottom: line.y + m.actualBoundingBoxDescent };
          const inside =
            ink.left >= allowed &&
            ink.right <= layout.width - layout.margin + 1 &&
            ink.top >= layout.margin / 2 &&
            ink.bottom <= layout.height - layout.margin + 1 &&
            (kind !== 'quote' || ink.bottom < footerTop);
          if (!inside) out.push({ kind, text: line.text, ink });
        }
      }
      return out;
    });
  }

  /**
   * Pixels of the image's outer border (half the margin wide) that are not the background: any
   * is something drawn where nothing may be.
   */
  edgeInk(): Promise<number> {
    return this.canvas.evaluate((canvas: HTMLCanvasElement) => {
      const layout = JSON.parse(canvas.dataset.layout!) as CardLayout;
      const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const inset = Math.floor(layout.margin / 2);
      const bg = [data[0], data[1], data[2]];
      let count = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (x >= inset && x < width - inset && y >= inset && y < height - inset) continue;
          const i = (y * width + x) * 4;
          if (Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!) > 6) count++;
        }
      }
      return count;
    });
  }

  /** Clicks Download PNG and returns the download. */
  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 15_000 }), this.dialog.getByRole('button').and(this.dialog.locator('[data-action="download-card"]')).click()]);
    return download;
  }

  /** Clicks Copy image. */
  async copy(): Promise<void> {
    await this.dialog.locator('[data-action="copy-card"]').click();
  }

  /** What the status line says (copied, downloaded, or why not). */
  status(): Locator {
    return this.dialog.locator('.quote-card-status');
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'detached' });
  }
}

/** The pixel width and height a PNG's header (IHDR) declares. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
