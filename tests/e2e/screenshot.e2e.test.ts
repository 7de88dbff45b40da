import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/chromium';
import { encodePng } from '../support/png';
import { SCREENSHOTS, UI, useSession, type ExtensionBrowser } from './fixtures';

const HIGHLIGHT = 'It needs a small, repeatable slot that survives an ordinary Tuesday.';
const NOTED = 'Ten pages take about fifteen minutes for most adult readers.';
const NOTE = 'Fifteen minutes: the length of a commute.';
const GREEN = 'A small goal removes the drama from a missed day.';
const QUOTE = 'A reading habit does not need an empty weekend or a quiet cabin by a lake.';

/** The README's picture: the article with its passages on the left, the side panel on the right. */
const WIDTH = 1280;
const HEIGHT = 720;
const PANEL_WIDTH = 400;
/** docs/screenshot.png is committed: it must stay small. */
const MAX_BYTES = 150 * 1024;

const SHOT = join(SCREENSHOTS, 'readme.png');
/** Written only when asked (VERBATIM_DOCS_SCREENSHOT=1), so an ordinary run leaves the tree clean. */
const DOCS_SHOT = join(ROOT, 'docs', 'screenshot.png');

describe('the README screenshot', () => {
  const browser = useSession();

  it('shows a page with highlights, a quote and a note beside the side panel listing them', async () => {
    const article = await browser.open('article-en.html');
    await article.page.setViewportSize({ width: WIDTH - PANEL_WIDTH, height: HEIGHT });
    await article.page.getByRole('button', { name: 'Accept' }).click(); // the fixture's cookie banner
    await article.highlight(HIGHLIGHT);
    await article.highlight(GREEN, UI.swatch('green'));
    await article.highlight(QUOTE, UI.action('quote'));
    // Note: saves the passage and opens its card on the note field (the editor frame).
    await article.highlight(NOTED, UI.action('note'));
    const editor = await article.editor();
    await article.waitEditorFocus(editor, 'note-field');
    await article.page.keyboard.type(NOTE, { delay: 5 });
    await editor.locator('input.tag-input').click();
    await article.page.keyboard.type('habits', { delay: 5 });
    await article.page.keyboard.press('Enter');
    await editor.locator('.tag-name', { hasText: 'habits' }).waitFor();
    await article.press(`${UI.card} ${UI.swatch('pink')}`);
    await article.closeCard();
    await article.page.evaluate(() => {
      document.getSelection()?.removeAllRanges();
      window.scrollTo(0, document.querySelector('h1')!.getBoundingClientRect().top + window.scrollY - 24);
    });
    await article.waitGone(UI.toolbar, 'no toolbar', 5000);

    const panel = await browser.sidePanel();
    await panel.page.setViewportSize({ width: PANEL_WIDTH, height: HEIGHT });
    await panel.note(NOTE).waitFor();
    await panel.waitForNotes(4, 'the four notes in the side panel');

    const rgba = await compose(browser, await article.page.screenshot(), await panel.page.screenshot());
    const png = indexedPng(WIDTH, HEIGHT, rgba);
    writeFileSync(SHOT, png);
    expect(png.length).toBeLessThanOrEqual(MAX_BYTES);
    if (process.env.VERBATIM_DOCS_SCREENSHOT === '1') writeFileSync(DOCS_SHOT, png);
  });
});

/** The two screenshots side by side, a grey line between them, as RGBA pixels (drawn in a blank tab). */
async function compose(browser: ExtensionBrowser, left: Buffer, right: Buffer): Promise<Buffer> {
  const page = await browser.session.context.newPage();
  try {
    const pixels = await page.evaluate(
      async ({ left, right, width, height, panel }) => {
        const load = async (b64: string) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(width, height);
        const g = canvas.getContext('2d')!;
        g.drawImage(await load(left), 0, 0);
        g.drawImage(await load(right), width - panel, 0);
        g.fillStyle = '#c9ccd1';
        g.fillRect(width - panel - 1, 0, 1, height);
        const data = g.getImageData(0, 0, width, height).data;
        let binary = '';
        for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      { left: left.toString('base64'), right: right.toString('base64'), width: WIDTH, height: HEIGHT, panel: PANEL_WIDTH },
    );
    return Buffer.from(pixels, 'base64');
  } finally {
    await page.close();
  }
}

/**
 * A PNG with a palette of the 256 commonest colours, every other colour drawn as its nearest:
 * a screenshot of text is a few colours and their anti-aliasing, so this looks the same at a third
 * of the size of the browser's true-colour PNG.
 */
function indexedPng(width: number, height: number, rgba: Buffer): Buffer {
  const counts = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) {
    const c = (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const palette = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 256).map(([c]) => c);
  const nearest = new Map<number, number>();
  const indexOf = (c: number) => {
    let best = nearest.get(c);
    if (best !== undefined) return best;
    let bestDistance = Infinity;
    palette.forEach((p, i) => {
      const d = ((p >> 16) - (c >> 16)) ** 2 + (((p >> 8) & 255) - ((c >> 8) & 255)) ** 2 + ((p & 255) - (c & 255)) ** 2;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    nearest.set(c, best!);
    return best!;
  };
  const rows = Buffer.alloc((width + 1) * height); // each row: filter byte 0, then one index per pixel
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rows[y * (width + 1) + 1 + x] = indexOf((rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!);
    }
  }
  return encodePng({ width, height, rows, palette, level: 9 });
}
