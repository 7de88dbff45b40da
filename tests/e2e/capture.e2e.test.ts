import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureFromBackground,
  clickInShadow,
  clickText,
  dragSelect,
  drawn,
  editorFrame,
  listenLikeThePage,
  launch,
  openArticle,
  openExtensionPage,
  ROOT,
  SCREENSHOTS,
  type Session,
  shadowHas,
  shadowQuery,
  tabIdOf,
  waitDrawn,
  waitFor,
} from './harness';

const GREEN = 'Ten pages take about fifteen minutes for most adult readers.';
const NOTED = 'A small goal removes the drama from a missed day.';
const KEYBOARD = 'The total matters less than the rhythm.';
const CARD = 'They are describing a habit that never found a place to live.';

/** Types into the focused element of the closed shadow root. */
const type = (page: Page, text: string) => page.keyboard.type(text, { delay: 5 });

describe('capture and tagging in the page and the popup', () => {
  let session: Session;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-capture-'));
    const article = readFileSync(join(ROOT, 'tests', 'fixtures', 'article-en.html'), 'utf8');
    writeFileSync(join(dir, 'article.html'), article);
    // The same article under hostile CSS: the toolbar must look the same.
    writeFileSync(
      join(dir, 'aggressive.html'),
      article.replace('</head>', '<style>* { font: 40px/3 "Comic Sans MS", cursive !important; color: red !important; letter-spacing: 6px !important; box-sizing: content-box !important; } div, span, button { padding: 30px !important; display: block !important; }</style></head>'),
    );
    session = await launch({ servedDir: dir });
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.origin });
    page = await openArticle(session, 'article.html');
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('highlights in a chosen colour with one click on a swatch', async () => {
    await dragSelect(page, GREEN);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'toolbar-colours-en.png') });
    expect((await shadowQuery(page, '.swatch-button[data-color="green"]'))?.html).toContain('aria-label="Colour: Figure"');
    await clickInShadow(page, '.swatch-button[data-color="green"]');
    await waitDrawn(page, GREEN, 'verbatim-highlight-green');
  });

  it('the toolbar never covers the selection, and goes on Escape, on a click elsewhere and when scrolled away', async () => {
    const sentence = 'Ambitious reading goals tend to fail in the same predictable way.';
    const showToolbar = async () => {
      // A drag that starts on selected text would move it: start from no selection.
      await page.evaluate(() => document.getSelection()!.removeAllRanges());
      await dragSelect(page, sentence);
      await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
      await page.waitForTimeout(100);
    };
    const gone = (what: string) => waitFor(async () => !(await shadowHas(page, '.toolbar')), 5000, `the toolbar gone ${what}`);

    await showToolbar();
    const box = (await shadowQuery(page, '.toolbar'))!;
    const rects = await page.evaluate(() =>
      Array.from(document.getSelection()!.getRangeAt(0).getClientRects(), (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
    );
    for (const r of rects) {
      const overlaps = box.x < r.right && box.x + box.width > r.left && box.y < r.bottom && box.y + box.height > r.top;
      expect(overlaps, `toolbar ${JSON.stringify(box)} over ${JSON.stringify(r)}`).toBe(false);
    }
    await page.keyboard.press('Escape');
    await gone('on Escape');

    await showToolbar();
    // A small scroll keeps it by the passage; scrolled off screen, it goes.
    await page.mouse.wheel(0, 40);
    await page.waitForTimeout(200);
    expect(await shadowHas(page, '.toolbar')).toBe(true);
    await page.mouse.wheel(0, 3000);
    await gone('when its passage is scrolled away');
    await page.evaluate(() => scrollTo(0, 0));

    await showToolbar();
    await page.mouse.click(box.x + box.width + 300, 12);
    await gone('on a click elsewhere');
    expect((await drawn(page)).some((d) => d.text === sentence)).toBe(false);
  });

  it('Note saves the passage and opens its card on the note field; the page hears none of the typing', async () => {
    await dragSelect(page, NOTED);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
    const heard = await listenLikeThePage(page);
    await clickInShadow(page, 'button[data-action="note"]');
    await waitDrawn(page, NOTED);
    const editor = await editorFrame(page);
    // Focus went straight to the note field: the user just types.
    await waitFor(() => editor.evaluate(() => document.activeElement?.classList.contains('note-field') ?? false), 5000, 'focus in the note field');
    await type(page, 'Use this in the workshop.');
    await editor.locator('input.tag-input').click();
    await type(page, 'Habits');
    await page.keyboard.press('Enter');
    await editor.locator('.tag-name', { hasText: 'habits' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'toolbar-editor-en.png') });
    expect(await heard()).toBe('');
    // Escape in the editor closes the card; what was typed is already saved.
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await shadowHas(page, '.card')), 5000, 'the card closed');
    expect(await heard()).toBe('');
  });

  it('Tag saves the passage and opens its card on the tag field, with completions from the user’s tags', async () => {
    const sentence = 'The list was embarrassing and very useful.';
    await page.evaluate(() => document.getSelection()!.removeAllRanges());
    await dragSelect(page, sentence);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
    await clickInShadow(page, 'button[data-action="tag"]');
    await waitDrawn(page, sentence);
    const editor = await editorFrame(page);
    await waitFor(() => editor.evaluate(() => document.activeElement?.classList.contains('tag-input') ?? false), 5000, 'focus in the tag field');
    await type(page, 'hab');
    await editor.getByRole('option', { name: 'habits' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await editor.locator('.tag-name', { hasText: 'habits' }).waitFor();
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await shadowHas(page, '.card')), 5000, 'the card closed');
  });

  it('is keyboard reachable: a keyboard selection, then Q saves a quote', async () => {
    await page.evaluate((text) => {
      // Place the caret before the sentence, as a reader moving with the keyboard would.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(text);
        if (at >= 0) {
          // Chrome extends a selection with Shift+arrows outside editable text, but starts none
          // without caret browsing: begin with the first character selected.
          document.getSelection()!.setBaseAndExtent(n, at, n, at + 1);
          (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          return;
        }
      }
    }, KEYBOARD);
    for (let i = 1; i < KEYBOARD.length; i++) await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => document.getSelection()!.toString())).toBe(KEYBOARD);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar after a keyboard selection');
    expect((await shadowQuery(page, 'button[data-action="quote"]'))?.html).toContain('aria-keyshortcuts="q"');
    await page.keyboard.press('q');
    // In the colour last picked (green, by the first test), as the toolbar's buttons use.
    await waitDrawn(page, KEYBOARD, 'verbatim-quote-green');
  });

  it('opens a card on a drawn passage: colour, kind, note, citation, delete and undo', async () => {
    await dragSelect(page, CARD);
    await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
    await clickInShadow(page, 'button[data-action="highlight"]');
    await waitDrawn(page, CARD);

    await clickText(page, CARD);
    await waitFor(() => shadowHas(page, '.card'), 5000, 'the card');
    const editor = await editorFrame(page);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'card-en.png') });
    await clickInShadow(page, '.card .swatch-button[data-color="pink"]');
    await waitDrawn(page, CARD, 'verbatim-highlight-pink');
    await clickInShadow(page, '.card button[data-kind="quote"]');
    await waitDrawn(page, CARD, 'verbatim-quote-pink');
    // The kind is a radio group: arrow keys switch it too.
    await page.keyboard.press('ArrowLeft');
    await waitDrawn(page, CARD, 'verbatim-highlight-pink');
    await page.keyboard.press('ArrowRight');
    await waitDrawn(page, CARD, 'verbatim-quote-pink');

    await editor.locator('textarea.note-field').click();
    await type(page, 'Opening line for the talk.');
    await clickInShadow(page, '.card button[data-action="copy-markdown"]');
    await waitFor(async () => ((await shadowQuery(page, '.message'))?.html ?? '').includes('Copied'), 5000, 'copied');
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain(`> ${CARD}`);
    // The link goes to the page's declared canonical URL, scrolled to the passage.
    expect(markdown).toMatch(/\[Ten Pages a Day[^\]]*\]\(http:\/\/127\.0\.0\.1:\d+\/posts\/ten-pages-a-day\/#:~:text=[^)]*They%20are%20describing[^)]*\)/);
    expect(markdown).toContain('Maya Okafor');

    await clickText(page, CARD);
    await waitFor(() => shadowHas(page, '.card'), 5000, 'the card again');
    await clickInShadow(page, '.card button[data-action="delete"]');
    await waitFor(async () => !(await drawn(page)).some((d) => d.text === CARD), 5000, 'the drawing removed');
    await clickInShadow(page, 'button[data-action="undo"]');
    await waitDrawn(page, CARD, 'verbatim-quote-pink');
  });

  it('a selection inside a saved passage offers Edit: E opens its card', async () => {
    // "describing a habit", inside the saved sentence, selected by the user's own drag.
    await dragSelect(page, 'describing a habit');
    await waitFor(() => shadowHas(page, 'button[data-action="edit"]'), 5000, 'the Edit button');
    expect((await shadowQuery(page, 'button[data-action="edit"]'))?.html).toContain('aria-keyshortcuts="e"');
    await page.keyboard.press('e');
    await waitFor(() => shadowHas(page, '.card'), 5000, 'the card');
    const editor = await editorFrame(page);
    expect(await editor.locator('textarea.note-field').inputValue()).toBe('Opening line for the talk.');
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await shadowHas(page, '.card')), 5000, 'the card closed');
  });

  it('keeps what was typed in the card when a click on the page closes it at once', async () => {
    await clickText(page, CARD);
    await waitFor(() => shadowHas(page, '.card'), 5000, 'the card');
    const editor = await editorFrame(page);
    await editor.locator('textarea.note-field').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Then a question.', { delay: 0 });
    // A click in the page's empty margin, with no pause: the card and its frame go.
    await page.mouse.click(1250, 420);
    await waitFor(async () => !(await shadowHas(page, '.card')), 5000, 'the card closed');
    await clickText(page, CARD);
    await waitFor(() => shadowHas(page, '.card'), 5000, 'the card again');
    const again = await editorFrame(page);
    expect(await again.locator('textarea.note-field').inputValue()).toBe('Opening line for the talk. Then a question.');
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await shadowHas(page, '.card')), 5000, 'the card closed again');
  });

  it('edits notes, colours and tags in the popup, and offers tags drawn from the article', async () => {
    const popup = await openExtensionPage(session, `popup.html?tab=${await tabIdOf(session, page)}`);
    await popup.getByRole('button', { name: 'Clip article' }).click();
    await popup.getByTestId('article-summary').waitFor();
    const noted = popup.locator('li.note', { hasText: NOTED });
    expect(await noted.locator('.note-comment').textContent()).toBe('Use this in the workshop.');
    expect(await noted.locator('.tag-name').allTextContents()).toEqual(['habits']);
    // The note typed in the card was saved as it was typed.
    expect(await popup.locator('li.note', { hasText: CARD }).locator('.note-comment').textContent()).toBe('Opening line for the talk. Then a question.');

    // Autocomplete from existing tags, most used first.
    const green = popup.locator('li.note', { hasText: GREEN });
    await green.getByRole('combobox', { name: 'Add a tag' }).fill('hab');
    await green.getByRole('option', { name: 'habits' }).click();
    await green.locator('.tag-name', { hasText: 'habits' }).waitFor();

    // Inline note and colour.
    await green.getByRole('button', { name: 'Add note' }).click();
    await green.getByRole('textbox', { name: 'Note' }).fill('Check the number.');
    await green.getByRole('textbox', { name: 'Note' }).blur();
    await green.locator('.note-comment', { hasText: 'Check the number.' }).waitFor();
    await green.getByRole('button', { name: 'Colour: To check' }).click();
    await waitDrawn(page, GREEN, 'verbatim-highlight-purple');

    // Suggested tags come from the article's own words; one click adds one to the article.
    const chips = popup.getByTestId('tag-suggestions').getByRole('button');
    await chips.first().waitFor();
    const first = (await chips.first().textContent())!.replace(/^\+\s*/, '');
    expect(first.length).toBeGreaterThan(2);
    await chips.first().click();
    await popup.locator('.article-tags .tag-name', { hasText: first }).waitFor();
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-editing-en.png') });
    await popup.close();
  });

  /** What the context menu and the keyboard commands do: the background asks the tab to save its selection. */
  it('saves the selection on request from the background (context menu and keyboard command path)', async () => {
    const sentence = 'Looking back over a year of those lines is surprisingly motivating.';
    await dragSelect(page, sentence);
    const reply = await captureFromBackground(session, page, 'quote');
    expect(reply).toEqual({ ok: true, value: true });
    await waitDrawn(page, sentence);

    // Text selected in a form field is the reader's own typing, not the page's: nothing is saved.
    const field = page.locator('textarea[name="comment"]');
    await field.fill('My own draft reply, not the article.');
    await field.selectText();
    const before = (await drawn(page)).length;
    const refused = await captureFromBackground(session, page, 'highlight');
    expect(refused).toEqual({ ok: true, value: false });
    expect((await drawn(page)).length).toBe(before);
  });

  it('shows every capture, with its colour, kind, note and tags, in the side panel', async () => {
    const panel = await openExtensionPage(session, 'sidepanel.html');
    const card = panel.locator('.results .note', { hasText: CARD });
    await card.waitFor();
    expect(await card.getAttribute('data-color')).toBe('pink');
    expect(await card.locator('.kind').textContent()).toBe('Quote');
    expect(await card.locator('.note-comment').textContent()).toBe('Opening line for the talk. Then a question.');
    const green = panel.locator('.results .note', { hasText: GREEN });
    expect(await green.getAttribute('data-color')).toBe('purple');
    expect(await green.locator('.tag-name').allTextContents()).toEqual(['habits']);
    expect(await panel.locator('.results .note', { hasText: KEYBOARD }).locator('.kind').textContent()).toBe('Quote');
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-captures-en.png'), fullPage: true });
    await panel.close();
  });

  it('keeps its look on a page with aggressive CSS', async () => {
    const normal = await shadowBoxFor(page, 'Three years ago');
    const hostile = await openArticle(session, 'aggressive.html');
    const onHostile = await shadowBoxFor(hostile, 'Three years ago', 'toolbar-aggressive-css.png');
    expect(onHostile.height).toBeCloseTo(normal.height, 0);
    expect(Math.abs(onHostile.width - normal.width)).toBeLessThan(2);
    await hostile.close();
  });
});

async function shadowBoxFor(page: Page, text: string, screenshot?: string) {
  await dragSelect(page, text);
  await waitFor(() => shadowHas(page, '.toolbar'), 5000, 'the toolbar');
  await page.waitForTimeout(200);
  const box = await shadowQuery(page, '.toolbar');
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
  await page.keyboard.press('Escape');
  return box!;
}
