import { describe, expect, it } from 'vitest';
import { highlight } from '../support/library';
import { waitFor } from '../support/wait';
import { useSession, type ExtensionBrowser, type Row } from './fixtures';
import type { SidePanel } from './pages/side-panel';

// A note edited on two browsers (issue #15): the sync kept the replaced versions in its history.
// Seeded straight into the extension's database, as a sync would have left it; the side panel
// shows them, restores one, and its Undo brings the note back exactly.

const PASSAGE = 'Le problème ne vient pas des articles.';
const MINE = 'Relu ce matin : garder pour le chapitre 3.';
const THEIRS = 'Écrit sur le portable, dans le train.';
const OLDEST = 'Première idée.';

const seeded: Row = {
  ...highlight({ id: '00000000-0000-4000-8000-000000000015', url: 'https://journal.example/articles/probleme/', exact: PASSAGE }),
  note: MINE,
  tags: ['chapitre 3'],
  createdAt: Date.UTC(2026, 10, 20, 8, 0),
  updatedAt: Date.UTC(2026, 11, 4, 7, 45),
  history: [
    { note: THEIRS, tags: ['chapitre 3', 'train'], color: 'green', kind: 'quote', updatedAt: Date.UTC(2026, 11, 3, 18, 10), replacedAt: Date.UTC(2026, 11, 4, 7, 46), reason: 'sync' },
    { note: OLDEST, tags: [], color: 'yellow', kind: 'highlight', updatedAt: Date.UTC(2026, 10, 20, 8, 0), replacedAt: Date.UTC(2026, 10, 28, 21, 5), reason: 'sync' },
  ],
};

/** The side panel, once the database exists, with the note seeded and listed. */
async function panelWithHistory(browser: ExtensionBrowser): Promise<SidePanel> {
  const panel = await browser.sidePanel();
  await waitFor(async () => (await browser.session.worker.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'verbatim'))), 10_000, 'the database');
  await browser.put('notes', seeded);
  await panel.page.reload();
  await panel.waitForNotes(1);
  await panel.page.setViewportSize({ width: 420, height: 640 });
  return panel;
}

async function restoreAndUndo(browser: ExtensionBrowser, panel: SidePanel, words: { toggle: string; restore: RegExp; undo: string; restored: string }) {
  const row = panel.note(PASSAGE);
  const toggle = row.getByRole('button', { name: words.toggle });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  // The keyboard: the toggle is a button, Enter opens the list.
  await toggle.focus();
  await panel.page.keyboard.press('Enter');
  await waitFor(async () => (await toggle.getAttribute('aria-expanded')) === 'true', 5000, 'the versions shown');
  const versions = row.locator('ol.history-list > li');
  expect(await versions.locator('.history-text').allTextContents()).toEqual([THEIRS, OLDEST]);
  return { row, toggle, versions, restore: async () => {
    const [before] = await browser.rows('notes');
    await versions.first().getByRole('button', { name: words.restore }).click();
    await waitFor(async () => (await row.locator('.note-comment').textContent()) === THEIRS, 5000, 'the restored text');
    const [after] = await browser.rows('notes');
    expect(after).toMatchObject({ note: THEIRS, color: 'green', kind: 'quote', tags: ['chapitre 3', 'train'] });
    expect((after!.history as Array<{ note: string; reason: string }>).map((v) => [v.note, v.reason])).toEqual([[MINE, 'restore'], [OLDEST, 'sync']]);
    await panel.page.locator('.undo-bar', { hasText: words.restored }).waitFor();
    return async () => {
      await panel.page.locator('.undo-bar').getByRole('button', { name: words.undo }).click();
      await waitFor(async () => (await row.locator('.note-comment').textContent()) === MINE, 5000, 'the text back');
      expect((await browser.rows('notes'))[0]).toEqual(before);
    };
  } };
}

describe('a note’s earlier versions in the side panel', () => {
  const browser = useSession();

  it('lists them, restores one, and Undo brings the note back', async () => {
    const panel = await panelWithHistory(browser);
    const { restore, versions } = await restoreAndUndo(browser, panel, { toggle: '2 earlier versions', restore: /^Restore the version replaced on/, undo: 'Undo', restored: 'Earlier version restored.' });
    expect(await versions.first().locator('.history-when').textContent()).toMatch(/when syncing with another browser$/);
    expect(await versions.first().locator('.history-look').textContent()).toContain('Quote');
    await panel.screenshot('note-history.png');
    const undo = await restore();
    await undo();
  });
});

describe('in French', () => {
  const browser = useSession({ lang: 'fr' });

  it('says the same in French', async () => {
    const panel = await panelWithHistory(browser);
    const { restore, versions } = await restoreAndUndo(browser, panel, { toggle: '2 versions antérieures', restore: /^Restaurer la version remplacée le/, undo: 'Annuler', restored: 'Version antérieure restaurée.' });
    expect(await versions.first().locator('.history-when').textContent()).toMatch(/^Remplacée le .+ lors d’une synchronisation avec un autre navigateur$/);
    await panel.screenshot('note-history-fr.png');
    const undo = await restore();
    await undo();
  });
});
