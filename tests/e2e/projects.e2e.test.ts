/**
 * Projects, the writing board (issue #17), in real Chromium with the built extension: quotes made
 * on a served page are added to a project from the page's card, the popup and the side panel (a
 * note's action, and the bulk bar for several notes and a second project),
 * reordered by a trusted mouse drag and from the keyboard (Alt+arrows, and the handle's move
 * mode), a heading and a text of the user's own added; the order survives a reload of the panel
 * and is the order stored. English and French, with screenshots of the board.
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { type ExtensionBrowser, UI, useSession } from './fixtures';
import { ProjectBoard, addInPicker } from './pages/project-board';

/** The stored project named `name`, once its note ids are `noteCount` long. */
const storedProject = (browser: ExtensionBrowser, name: string, noteCount: number) =>
  waitFor(async () => (await browser.rows('projects')).find((p) => p.name === name && (p.noteIds as string[]).length === noteCount), 10_000, `project ${name} with ${noteCount} notes stored`);

/** The stored note ids of these quotes, in this order. */
const idsOf = async (browser: ExtensionBrowser, quotes: readonly string[]) => {
  const notes = await browser.rows('notes');
  return quotes.map((q) => String(notes.find((n) => n.exact === q)!.id));
};

describe('projects, in English', () => {
  const browser = useSession();
  const Q1 = 'A small goal removes the drama from a missed day.';
  const Q2 = 'The total matters less than the rhythm.';
  const Q3 = 'Keeping a short reading log can help as well.';
  const TALK = 'Talk on reading habits';

  it('gathers quotes from the card, the popup and the side panel, reorders them by drag and keyboard, takes a heading and a text, keeps the order, and undoes removals and deletes in place', async () => {
    const article = await browser.open('article-en.html');
    // Q1 last, so it is in view for its card.
    for (const q of [Q2, Q3, Q1]) await article.highlight(q, UI.action('quote'));

    // The page's card: its editor frame makes the project with the first quote.
    await article.openCard(Q1);
    const editor = await article.editor();
    await editor.locator('button[data-action="add-to-project"]').click();
    await addInPicker(editor.locator('.add-to-project'), TALK, true);
    await article.page.waitForTimeout(250);
    await article.screenshot('project-card-en.png');
    await article.closeCard();
    await storedProject(browser, TALK, 1);

    // The popup: the second quote, to the project now offered.
    const popup = await browser.popup(article);
    await popup.note(Q2).locator('button[data-action="add-to-project"]').click();
    await addInPicker(popup.note(Q2).locator('.add-to-project'), TALK);
    await storedProject(browser, TALK, 2);

    // The side panel: the third quote by its own action; then all three to a second project from the bulk bar.
    const panel = await browser.sidePanel();
    await panel.waitForNotes(3);
    const board = new ProjectBoard(panel);
    await board.addFromNotes(Q3, TALK);
    await storedProject(browser, TALK, 3);
    for (const q of [Q1, Q2, Q3]) await panel.note(q).locator('.note-select').check();
    await panel.page.locator('.bulk-bar button[data-bulk="project"]').click();
    await addInPicker(panel.page.locator('.bulk-bar .add-to-project'), 'Newsletter', true);
    await storedProject(browser, 'Newsletter', 3);
    // A note in two projects says so.
    await panel.note(Q1).getByTestId('note-projects').filter({ hasText: TALK }).filter({ hasText: 'Newsletter' }).waitFor();

    await board.show();
    await board.open(TALK);
    await board.waitOrder([Q1, Q2, Q3]);

    // A trusted mouse drag: Q3 dropped on Q1's upper half goes first.
    await board.drag(Q3, Q1, 'upper');
    await board.waitOrder([Q3, Q1, Q2], 'Q3 dragged to the top');
    // Alt+ArrowUp moves the focused item one place, said in the live region.
    await board.press(Q2, 'Alt+ArrowUp');
    await board.waitOrder([Q3, Q2, Q1], 'Q2 moved up with Alt+ArrowUp');
    await waitFor(async () => (await board.announcement()).includes('position 2 of 3'), 5_000, 'the move announced');
    expect(await panel.page.evaluate(() => document.activeElement?.closest('.board-item')?.textContent ?? '')).toContain(Q2);
    // The handle's move mode: Enter picks up, arrows move, Enter drops.
    await board.moveWithHandle(Q3, 2);
    await board.waitOrder([Q2, Q1, Q3], 'Q3 moved down twice from its handle');

    // The user's own words: a heading moved to the top, a text left at the end.
    await board.add('heading', 'Why small goals work');
    for (let i = 0; i < 3; i++) await board.press('Why small goals work', 'Alt+ArrowUp');
    await board.add('text', 'And the rhythm matters more than the total.');
    const final = ['Why small goals work', Q2, Q1, Q3, 'And the rhythm matters more than the total.'];
    await board.waitOrder(final);

    // Stored as shown, and shown again so after a reload.
    const stored = await storedProject(browser, TALK, 3);
    expect(stored.noteIds).toEqual(await idsOf(browser, [Q2, Q1, Q3]));
    await panel.page.reload();
    const again = new ProjectBoard(panel);
    await again.show();
    await again.open(TALK);
    await again.waitOrder(final, 'the order after a reload');

    // Remove from project, then Undo: back in its place.
    const [heading, , , , text] = final;
    await again.item(Q1).locator('button[data-action="remove-item"]').click();
    await again.waitOrder([heading!, Q2, Q3, text!], 'Q1 removed from the board');
    await panel.page.locator('.projects-view .undo-bar button').click();
    await again.waitOrder(final, 'Q1 back after Undo');
    // A note deleted from the library keeps its place on the board, shown as deleted; the delete's Undo brings it back.
    await panel.page.getByRole('tab', { name: 'Notes' }).click();
    await panel.deleteNote(Q1);
    await again.show();
    await again.waitOrder([heading!, Q2, 'This note was deleted from the library.', Q3, text!], 'the deleted note shown in its place');
    await panel.page.locator('.undo-bar button', { hasText: 'Undo' }).last().click();
    await again.waitOrder(final, 'the note back in place after the delete’s Undo');
    await panel.page.setViewportSize({ width: 480, height: 900 });
    await panel.screenshot('project-board-en.png', { fullPage: true });
  });
});

describe('projects, in French', () => {
  const browser = useSession({ lang: 'fr' });
  const Q1 = 'Le problème ne vient pas des articles.';
  const Q2 = 'Quand on écrit pour tout le monde, on n’écrit pour personne.';
  const NAME = 'Article sur la confiance';

  it('shows the board in French, with a heading and a text', async () => {
    const article = await browser.open('article-fr.html');
    for (const q of [Q1, Q2]) await article.highlight(q, UI.action('quote'));
    const panel = await browser.sidePanel();
    await panel.waitForNotes(2);
    const board = new ProjectBoard(panel, 'fr');
    await board.show();
    await board.create(NAME);
    await panel.page.getByRole('tab', { name: 'Notes' }).click();
    for (const q of [Q2, Q1]) await board.addFromNotes(q, NAME);
    await storedProject(browser, NAME, 2);
    await board.show();
    await board.open(NAME);
    await board.add('heading', 'Le temps long');
    await board.press('Le temps long', 'Alt+ArrowUp');
    await board.press('Le temps long', 'Alt+ArrowUp');
    await board.add('text', 'Autrement dit : choisir une lectrice.');
    await board.waitOrder(['Le temps long', Q2, Q1, 'Autrement dit']);
    expect(await board.announcement()).toContain('position 1 sur 3');
    await panel.page.setViewportSize({ width: 480, height: 900 });
    await panel.screenshot('project-board-fr.png', { fullPage: true });
  });
});
