// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"navigation":{"disableChildFrameNavigation":true}}}
import { describe, expect, it, vi } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { dragOver, msg, pagePerTest } from './fixture';

/**
 * What the user does to notes in a page, over a fake document and a fake background: each action
 * sends its request, and the page shows what the background answered, never more.
 */

const PAGE = '<article><h1>Le titre</h1><p id="p">Un passage que le lecteur choisit lui-même.</p></article>';

const page = pagePerTest(PAGE, { fakeTimers: true });

/** The text of every passage drawn on the page (the fake background numbers notes n1, n2…). */
const drawn = () => ['n1', 'n2', 'n3'].flatMap((id) => page.notes.rangeOf(id)?.toString() ?? []);

/** The user selects `text` and saves it from the toolbar. */
async function saved(text: string, kind: 'highlight' | 'quote' = 'highlight'): Promise<Note> {
  await dragOver(text);
  const note = await page.actions.save(kind, 'green');
  return note!;
}

describe('NoteActions', () => {
  it('saves the selection: the request carries the passage and the page, and the passage is drawn', async () => {
    await dragOver('passage que le');
    const note = await page.actions.save('quote', 'blue');
    expect(page.background.requests('saveNote')).toEqual([
      {
        page: { url: 'http://localhost:3000/', title: 'Le titre' },
        draft: {
          kind: 'quote',
          color: 'blue',
          exact: 'passage que le',
          selectors: expect.arrayContaining([expect.objectContaining({ type: 'TextQuoteSelector', exact: 'passage que le' })]),
        },
      },
    ]);
    expect(note).toMatchObject({ id: 'n1', kind: 'quote', color: 'blue' });
    expect(drawn()).toEqual(['passage que le']);
    // Done with the selection: it is gone, no longer the user's, and the toolbar with it.
    expect(document.getSelection()!.isCollapsed).toBe(true);
    expect(page.input.userSelection).toBe(false);
    expect(page.panel.state.mode).toBe('hidden');
    expect(page.panel.color).toBe('blue'); // the colour picked is the next one's
  });

  it('says why a save failed beside the passage, and draws nothing', async () => {
    page.background.fail('saveNote', 'disk on fire');
    await dragOver('passage');
    expect(await page.actions.save('highlight', 'yellow')).toBeNull();
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('saveFailed', 'disk on fire') });
    expect(drawn()).toEqual([]);
    expect(page.panel.selection?.toString()).toBe('passage'); // the user can try again
  });

  it('sends nothing without a selection', async () => {
    expect(await page.actions.save('highlight', 'yellow')).toBeNull();
    expect(page.background.requests('saveNote')).toEqual([]);
  });

  it('deletes a note with an undo beside where it was, and undo puts it back', async () => {
    const note = await saved('lecteur');
    await page.actions.remove(note.id);
    expect(page.background.requests('deleteNote')).toEqual([{ url: 'http://localhost:3000/', id: note.id }]);
    expect(drawn()).toEqual([]);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('noteDeleted'), undo: true });

    await page.actions.undo();
    expect(page.background.requests('restoreNote')).toEqual([{ url: 'http://localhost:3000/', note }]);
    expect(page.panel.state.mode).toBe('hidden');
    expect(drawn()).toEqual(['lecteur']);
    expect(page.background.stored.get(note.id)).toEqual(note);
  });

  it('keeps the drawing when the background refuses a delete, and says so', async () => {
    const note = await saved('lecteur');
    page.background.fail('deleteNote', 'no such note on this page');
    await page.actions.remove(note.id);
    expect(drawn()).toEqual(['lecteur']);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('saveFailed', 'no such note on this page') });
    await page.actions.undo(); // nothing was deleted: nothing to restore
    expect(page.background.requests('restoreNote')).toEqual([]);
  });

  it('changes a note’s colour: redrawn, and its open card shows the change', async () => {
    const note = await saved('lecteur');
    page.panel.openCard(note);
    await page.actions.update(note.id, { color: 'pink' });
    expect(page.background.requests('updateNote')).toEqual([{ url: 'http://localhost:3000/', id: note.id, patch: { color: 'pink' } }]);
    expect(page.panel.state).toMatchObject({ mode: 'card', note: { id: note.id, color: 'pink' } });
    expect(drawn()).toEqual(['lecteur']);
  });

  it('opens the card of a passage saved with Note or Tag, on that field', async () => {
    await dragOver('lecteur');
    await page.actions.annotate('tags');
    expect(page.panel.state).toMatchObject({ mode: 'card', note: { id: 'n1', kind: 'highlight' }, focus: 'tags' });
  });

  it('says what an action threw instead of leaving an unhandled rejection', async () => {
    page.actions.run(Promise.reject(new Error('the extension went away')));
    await vi.advanceTimersByTimeAsync(0);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('saveFailed', 'the extension went away') });
  });
});
