import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { fixture, UI, useSession, type WebPage } from './fixtures';

const GREEN = 'Ten pages take about fifteen minutes for most adult readers.';
const NOTED = 'A small goal removes the drama from a missed day.';
const KEYBOARD = 'The total matters less than the rhythm.';
const CARD = 'They are describing a habit that never found a place to live.';

const ARTICLE = fixture('article-en.html');
/** The same article under hostile CSS: the toolbar must look the same. */
const AGGRESSIVE = ARTICLE.replace(
  '</head>',
  '<style>* { font: 40px/3 "Comic Sans MS", cursive !important; color: red !important; letter-spacing: 6px !important; box-sizing: content-box !important; } div, span, button { padding: 30px !important; display: block !important; }</style></head>',
);

/** Types into the focused element (the page's, or the card's editor frame). */
const type = (page: WebPage, text: string) => page.page.keyboard.type(text, { delay: 5 });

describe('capture and tagging in the page and the popup', () => {
  const browser = useSession({ pages: { 'aggressive.html': AGGRESSIVE }, clipboard: true });
  let page: WebPage;

  beforeAll(async () => {
    page = await browser.open('article-en.html');
  });

  it('highlights in a chosen colour with one click on a swatch', async () => {
    await page.selectForToolbar(GREEN);
    await page.page.waitForTimeout(200);
    await page.screenshot('toolbar-colours-en.png');
    expect((await page.ui(UI.swatch('green')))?.html).toContain('aria-label="Colour: Figure"');
    await page.press(UI.swatch('green'));
    await page.waitDrawn(GREEN, 'verbatim-highlight-green');
  });

  it('the toolbar never covers the selection, and goes on Escape, on a click elsewhere and when scrolled away', async () => {
    const sentence = 'Ambitious reading goals tend to fail in the same predictable way.';
    const showToolbar = async () => {
      // A drag that starts on selected text would move it: start from no selection.
      await page.clearSelection();
      await page.selectForToolbar(sentence);
      await page.page.waitForTimeout(100);
    };
    const gone = (what: string) => page.waitGone(UI.toolbar, `the toolbar gone ${what}`, 5000);

    await showToolbar();
    const box = (await page.ui(UI.toolbar))!;
    const rects = await page.page.evaluate(() =>
      Array.from(document.getSelection()!.getRangeAt(0).getClientRects(), (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })),
    );
    for (const r of rects) {
      const overlaps = box.x < r.right && box.x + box.width > r.left && box.y < r.bottom && box.y + box.height > r.top;
      expect(overlaps, `toolbar ${JSON.stringify(box)} over ${JSON.stringify(r)}`).toBe(false);
    }
    await page.page.keyboard.press('Escape');
    await gone('on Escape');

    await showToolbar();
    // A small scroll keeps it by the passage; scrolled off screen, it goes.
    await page.page.mouse.wheel(0, 40);
    await page.page.waitForTimeout(200);
    expect(await page.shows(UI.toolbar)).toBe(true);
    await page.page.mouse.wheel(0, 3000);
    await gone('when its passage is scrolled away');
    await page.page.evaluate(() => scrollTo(0, 0));

    await showToolbar();
    await page.page.mouse.click(box.x + box.width + 300, 12);
    await gone('on a click elsewhere');
    expect((await page.drawnTexts()).includes(sentence)).toBe(false);
  });

  it('Note saves the passage and opens its card on the note field; the page hears none of the typing', async () => {
    await page.selectForToolbar(NOTED);
    const heard = await page.listenLikeThePage();
    await page.press(UI.action('note'));
    await page.waitDrawn(NOTED);
    const editor = await page.editor();
    // Focus went straight to the note field: the user just types.
    await page.waitEditorFocus(editor, 'note-field');
    await type(page, 'Use this in the workshop.');
    await editor.locator('input.tag-input').click();
    await type(page, 'Habits');
    await page.page.keyboard.press('Enter');
    await editor.locator('.tag-name', { hasText: 'habits' }).waitFor();
    await page.screenshot('toolbar-editor-en.png');
    expect(await heard()).toBe('');
    // Escape in the editor closes the card; what was typed is already saved.
    await page.closeCard();
    expect(await heard()).toBe('');
  });

  it('Tag saves the passage and opens its card on the tag field, with completions from the user’s tags', async () => {
    const sentence = 'The list was embarrassing and very useful.';
    await page.clearSelection();
    await page.selectForToolbar(sentence);
    await page.press(UI.action('tag'));
    await page.waitDrawn(sentence);
    const editor = await page.editor();
    await page.waitEditorFocus(editor, 'tag-input');
    await type(page, 'hab');
    await editor.getByRole('option', { name: 'habits' }).waitFor();
    await page.page.keyboard.press('ArrowDown');
    await page.page.keyboard.press('Enter');
    await editor.locator('.tag-name', { hasText: 'habits' }).waitFor();
    await page.closeCard();
  });

  it('is keyboard reachable: a keyboard selection, then Q saves a quote', async () => {
    await page.page.evaluate((text) => {
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
    for (let i = 1; i < KEYBOARD.length; i++) await page.page.keyboard.press('Shift+ArrowRight');
    expect(await page.page.evaluate(() => document.getSelection()!.toString())).toBe(KEYBOARD);
    await page.waitShown(UI.toolbar, 'the toolbar after a keyboard selection');
    expect((await page.ui(UI.action('quote')))?.html).toContain('aria-keyshortcuts="q"');
    await page.page.keyboard.press('q');
    // In the colour last picked (green, by the first test), as the toolbar's buttons use.
    await page.waitDrawn(KEYBOARD, 'verbatim-quote-green');
  });

  it('opens a card on a drawn passage: colour, kind, note, citation, delete and undo', async () => {
    await page.highlight(CARD);

    await page.openCard(CARD);
    const editor = await page.editor();
    await page.page.waitForTimeout(200);
    await page.screenshot('card-en.png');
    await page.press(`${UI.card} ${UI.swatch('pink')}`);
    await page.waitDrawn(CARD, 'verbatim-highlight-pink');
    await page.press(`${UI.card} button[data-kind="quote"]`);
    await page.waitDrawn(CARD, 'verbatim-quote-pink');
    // The kind is a radio group: arrow keys switch it too.
    await page.page.keyboard.press('ArrowLeft');
    await page.waitDrawn(CARD, 'verbatim-highlight-pink');
    await page.page.keyboard.press('ArrowRight');
    await page.waitDrawn(CARD, 'verbatim-quote-pink');

    await editor.locator('textarea.note-field').click();
    await type(page, 'Opening line for the talk.');
    await page.press(`${UI.card} ${UI.action('copy-markdown')}`);
    await waitFor(async () => ((await page.ui(UI.message))?.html ?? '').includes('Copied'), 5000, 'copied');
    const markdown = await page.page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain(`> ${CARD}`);
    // The in-text citation (APA 7, the default style) links to the page's declared canonical
    // URL, scrolled to the passage; the reference entry follows.
    expect(markdown).toMatch(/\[\(Okafor, [^\]]*\)\]\(http:\/\/127\.0\.0\.1:\d+\/posts\/ten-pages-a-day\/#:~:text=[^)]*They%20are%20describing[^)]*\)/);
    expect(markdown).toMatch(/Okafor, M\. \(\d{4}.*Ten Pages a Day/u);

    await page.openCard(CARD);
    await page.press(`${UI.card} ${UI.action('delete')}`);
    await page.waitNotDrawn(CARD, 'the drawing removed');
    await page.press(UI.action('undo'));
    await page.waitDrawn(CARD, 'verbatim-quote-pink');
  });

  it('a selection inside a saved passage offers Edit: E opens its card', async () => {
    // "describing a habit", inside the saved sentence, selected by the user's own drag.
    await page.selectForToolbar('describing a habit', UI.action('edit'));
    expect((await page.ui(UI.action('edit')))?.html).toContain('aria-keyshortcuts="e"');
    await page.page.keyboard.press('e');
    await page.waitShown(UI.card, 'the card');
    const editor = await page.editor();
    expect(await editor.locator('textarea.note-field').inputValue()).toBe('Opening line for the talk.');
    await page.closeCard();
  });

  it('keeps what was typed in the card when a click on the page closes it at once', async () => {
    await page.openCard(CARD);
    const editor = await page.editor();
    await editor.locator('textarea.note-field').click();
    await page.page.keyboard.press('Control+End');
    await page.page.keyboard.type(' Then a question.', { delay: 0 });
    // A click in the page's empty margin, with no pause: the card and its frame go.
    await page.page.mouse.click(1250, 420);
    await page.waitGone(UI.card, 'the card closed');
    await page.openCard(CARD);
    const again = await page.editor();
    expect(await again.locator('textarea.note-field').inputValue()).toBe('Opening line for the talk. Then a question.');
    await page.closeCard();
  });

  it('edits notes, colours and tags in the popup, and offers tags drawn from the article', async () => {
    const popup = await browser.popup(page);
    await popup.clip();
    const noted = popup.note(NOTED);
    expect(await noted.locator('.note-comment').textContent()).toBe('Use this in the workshop.');
    expect(await noted.locator('.tag-name').allTextContents()).toEqual(['habits']);
    // The note typed in the card was saved as it was typed.
    expect(await popup.note(CARD).locator('.note-comment').textContent()).toBe('Opening line for the talk. Then a question.');

    // Autocomplete from existing tags, most used first.
    const green = popup.note(GREEN);
    await green.getByRole('combobox', { name: 'Add a tag' }).fill('hab');
    await green.getByRole('option', { name: 'habits' }).click();
    await green.locator('.tag-name', { hasText: 'habits' }).waitFor();

    // Inline note and colour.
    await green.getByRole('button', { name: 'Add note' }).click();
    await green.getByRole('textbox', { name: 'Note' }).fill('Check the number.');
    await green.getByRole('textbox', { name: 'Note' }).blur();
    await green.locator('.note-comment', { hasText: 'Check the number.' }).waitFor();
    await green.getByRole('button', { name: 'Colour: To check' }).click();
    await page.waitDrawn(GREEN, 'verbatim-highlight-purple');

    // Suggested tags come from the article's own words; one click adds one to the article.
    const chips = popup.page.getByTestId('tag-suggestions').getByRole('button');
    await chips.first().waitFor();
    const first = (await chips.first().textContent())!.replace(/^\+\s*/, '');
    expect(first.length).toBeGreaterThan(2);
    await chips.first().click();
    await popup.page.locator('.article-tags .tag-name', { hasText: first }).waitFor();
    await popup.screenshot('popup-editing-en.png');
    await popup.close();
  });

  /** What the context menu and the keyboard commands do: the background asks the tab to save its selection. */
  it('saves the selection on request from the background (context menu and keyboard command path)', async () => {
    const sentence = 'Looking back over a year of those lines is surprisingly motivating.';
    await page.select(sentence);
    expect(await page.captureFromBackground('quote')).toEqual({ ok: true, value: true });
    await page.waitDrawn(sentence);

    // Text selected in a form field is the reader's own typing, not the page's: nothing is saved.
    const field = page.page.locator('textarea[name="comment"]');
    await field.fill('My own draft reply, not the article.');
    await field.selectText();
    const before = (await page.drawn()).length;
    expect(await page.captureFromBackground('highlight')).toEqual({ ok: true, value: false });
    expect((await page.drawn()).length).toBe(before);
  });

  it('shows every capture, with its colour, kind, note and tags, in the side panel', async () => {
    const panel = await browser.sidePanel();
    const card = panel.note(CARD);
    await card.waitFor();
    expect(await card.getAttribute('data-color')).toBe('pink');
    expect(await card.locator('.kind').textContent()).toBe('Quote');
    expect(await card.locator('.note-comment').textContent()).toBe('Opening line for the talk. Then a question.');
    const green = panel.note(GREEN);
    expect(await green.getAttribute('data-color')).toBe('purple');
    expect(await green.locator('.tag-name').allTextContents()).toEqual(['habits']);
    expect(await panel.note(KEYBOARD).locator('.kind').textContent()).toBe('Quote');
    await panel.screenshot('sidepanel-captures-en.png', { fullPage: true });
    await panel.close();
  });

  it('keeps its look on a page with aggressive CSS', async () => {
    const normal = await toolbarBox(page, 'Three years ago');
    const hostile = await browser.open('aggressive.html');
    const onHostile = await toolbarBox(hostile, 'Three years ago', 'toolbar-aggressive-css.png');
    expect(onHostile.height).toBeCloseTo(normal.height, 0);
    expect(Math.abs(onHostile.width - normal.width)).toBeLessThan(2);
    await hostile.close();
  });
});

/** The toolbar's box over a selection of `text` (and its screenshot, when named). */
async function toolbarBox(page: WebPage, text: string, screenshot?: string) {
  await page.selectForToolbar(text);
  await page.page.waitForTimeout(200);
  const box = await page.ui(UI.toolbar);
  if (screenshot) await page.screenshot(screenshot);
  await page.page.keyboard.press('Escape');
  return box!;
}
