/**
 * The same note edited in two windows, in real Chromium: two side panels, then the in-page card
 * and a side panel. The rule (`updateNote` in utils/db/repo.ts): a note text saved from an older
 * version is refused, the user's text kept in their editor beside the text the other window
 * saved; saving again keeps theirs. Afterwards the test counts the notes and reads the one
 * edited: always exactly one window's text, never a mix, never lost without the user seeing it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { useSession, type WebPage } from './fixtures';
import type { SidePanel } from './pages/side-panel';

const ONE = 'The list was embarrassing and very useful.';
const TWO = 'It shows progress that a busy memory would otherwise erase.';
const CONFLICT = 'This change was not saved: this note was changed in another window meanwhile. Your text is kept here: compare, then save again to keep yours.';

describe('the same note edited in two windows', () => {
  const browser = useSession();
  let article: WebPage;
  let a: SidePanel;
  let b: SidePanel;

  /** Every note stored, and the text of the note on `exact`. */
  const census = async (exact: string) => {
    const rows = await browser.rows('notes');
    return { count: rows.length, text: rows.find((r) => r.exact === exact)?.note };
  };

  /** Opens the note text editor of `exact`'s row in `panel` and types `text` (not saved yet). */
  const typeIn = async (panel: SidePanel, exact: string, text: string) => {
    const row = panel.note(exact);
    await row.getByRole('button', { name: /^(Add note|Edit note)$/ }).click();
    const field = row.getByRole('textbox', { name: 'Note' });
    await field.fill(text);
    return field;
  };

  beforeAll(async () => {
    article = await browser.open('article-en.html');
    await article.highlight(ONE);
    await article.highlight(TWO);
    a = await browser.sidePanel();
    b = await browser.sidePanel();
    await a.waitForNotes(2);
    await b.waitForNotes(2);
  });

  it('two side panels: the second save, based on the older text, is refused and keeps its text; saving again keeps it', async () => {
    const fieldA = await typeIn(a, ONE, 'Written in window A.');
    const fieldB = await typeIn(b, ONE, 'Written in window B.');
    await fieldA.press('Control+Enter');
    await waitFor(async () => (await census(ONE)).text === 'Written in window A.', 5000, 'A’s text saved');

    await fieldB.press('Control+Enter');
    const rowB = b.note(ONE);
    await rowB.getByRole('alert').waitFor();
    expect(await rowB.getByRole('alert').textContent()).toBe(CONFLICT);
    // B's text is still in B's editor, beside what A saved.
    expect(await rowB.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Written in window B.');
    expect(await rowB.locator('.note-theirs').textContent()).toBe('Saved meanwhile in another window: Written in window A.');
    expect(await census(ONE)).toEqual({ count: 2, text: 'Written in window A.' });
    await b.screenshot('faults-two-panels-conflict-en.png');

    // Having seen A's text, B saves again: B's text is kept, and A shows it.
    await rowB.getByRole('textbox', { name: 'Note' }).press('Control+Enter');
    await waitFor(async () => (await census(ONE)).text === 'Written in window B.', 5000, 'B’s text saved');
    await a.note(ONE).locator('.note-comment', { hasText: 'Written in window B.' }).waitFor();
    expect(await rowB.getByRole('alert').count()).toBe(0);
    expect(await census(ONE)).toEqual({ count: 2, text: 'Written in window B.' });
  });

  it('a text saved while another panel is typing shows there, and the typing is not wiped', async () => {
    const fieldA = await typeIn(a, TWO, 'A is still typing');
    const fieldB = await typeIn(b, TWO, 'B saves first.');
    await fieldB.press('Control+Enter');
    await a.note(TWO).locator('.note-theirs', { hasText: 'B saves first.' }).waitFor();
    expect(await fieldA.inputValue()).toBe('A is still typing');
    // Escape drops A's text: nothing saved, no editor, no error left on the row.
    await fieldA.press('Escape');
    await a.note(TWO).locator('.note-comment', { hasText: 'B saves first.' }).waitFor();
    expect(await a.note(TWO).getByRole('textbox', { name: 'Note' }).count()).toBe(0);
    expect(await a.note(TWO).getByRole('alert').count()).toBe(0);
    expect(await census(TWO)).toEqual({ count: 2, text: 'B saves first.' });
  });

  it('the in-page card and a side panel: the card’s next keystroke, based on the older text, is refused; typing again saves it', async () => {
    await article.bringToFront();
    await article.openCard(TWO);
    const editor = await article.editor();
    await article.waitEditorFocus(editor, 'note-field').catch(async () => editor.locator('textarea.note-field').click());
    await editor.locator('textarea.note-field').click();
    await article.page.keyboard.press('End');
    await article.page.keyboard.type(' Card.', { delay: 5 });
    await waitFor(async () => (await census(TWO)).text === 'B saves first. Card.', 5000, 'the card’s text saved');

    // The side panel changes the text meanwhile.
    await a.bringToFront();
    // The panel's user edits the text they see: the card's, once it reaches the panel.
    await a.note(TWO).locator('.note-comment', { hasText: 'B saves first. Card.' }).waitFor();
    const field = await typeIn(a, TWO, 'Rewritten in the side panel.');
    await field.press('Control+Enter');
    await waitFor(async () => (await census(TWO)).text === 'Rewritten in the side panel.', 5000, 'the panel’s text saved');

    // The card still shows its own text; a keystroke there is refused, not saved over the panel's.
    await article.bringToFront();
    await editor.locator('textarea.note-field').click();
    await article.page.keyboard.press('End');
    await article.page.keyboard.type('!', { delay: 5 });
    const alert = editor.locator('.editor-error');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(CONFLICT);
    expect(await editor.locator('.editor-theirs').textContent()).toBe('Saved meanwhile in another window: Rewritten in the side panel.');
    expect(await editor.locator('textarea.note-field').inputValue()).toBe('B saves first. Card.!');
    expect(await census(TWO)).toEqual({ count: 2, text: 'Rewritten in the side panel.' });
    await article.screenshot('faults-card-conflict-en.png');

    // Typing again, having seen the other text: the card's text is saved.
    await article.page.keyboard.press('Backspace');
    await waitFor(async () => (await census(TWO)).text === 'B saves first. Card.', 5000, 'the card’s text saved over');
    expect(await editor.locator('.editor-error').count()).toBe(0);
    await article.closeCard();
    expect(await census(TWO)).toEqual({ count: 2, text: 'B saves first. Card.' });
  });
});
