// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"navigation":{"disableChildFrameNavigation":true}}}
import { describe, expect, it } from 'vitest';
import type { Note } from '../../utils/domain/model';
import { dragOver, msg, noteOver, pagePerTest } from './fixture';

/**
 * "Attach here": notes whose passage is not on the page (orphans) get the passage the user
 * selects again, over a fake document and a fake background.
 */

const PAGE = '<article><p id="p">Le passage a été réécrit depuis, et le lecteur le retrouve plus bas.</p></article>';

const page = pagePerTest(PAGE);

/** A note of this page whose passage the page no longer has. */
function orphan(exact: string, id: string, createdAt: number): Note {
  const note: Note = { ...noteOver('passage'), id, exact, createdAt, orphanedAt: 5 };
  note.selectors = [{ type: 'TextQuoteSelector', exact, prefix: 'Le ', suffix: ' a été' }];
  page.background.stored.set(id, note);
  return note;
}

describe('Attach here', () => {
  it('offers nothing when every note of the page is drawn', async () => {
    page.background.stored.set('here', noteOver('lecteur', 'here'));
    await page.notes.draw();
    await dragOver('passage');
    expect(page.panel.state).toMatchObject({ mode: 'toolbar', missing: 0 });
    expect(await page.actions.attach()).toBeNull();
    expect(page.background.requests('reattachNote')).toEqual([]);
  });

  it('with one missing note, gives it the selected passage at once and draws it', async () => {
    orphan('passage ancien', 'gone', 1);
    await page.notes.draw();
    expect(page.notes.missing().map((n) => n.id)).toEqual(['gone']);
    await dragOver('le retrouve plus bas');
    expect(page.panel.state).toMatchObject({ mode: 'toolbar', missing: 1 });
    const attached = await page.actions.attach();
    expect(page.background.requests('reattachNote')).toEqual([
      {
        url: 'http://localhost:3000/',
        id: 'gone',
        exact: 'le retrouve plus bas',
        selectors: expect.arrayContaining([expect.objectContaining({ type: 'TextQuoteSelector', exact: 'le retrouve plus bas' })]),
      },
    ]);
    expect(attached).toMatchObject({ id: 'gone', exact: 'le retrouve plus bas' });
    expect(attached).not.toHaveProperty('orphanedAt');
    expect(page.notes.rangeOf('gone')?.toString()).toBe('le retrouve plus bas');
    expect(page.notes.missing()).toEqual([]);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('noteAttached') });
    expect(document.getSelection()!.isCollapsed).toBe(true);
  });

  it('with several, asks which one (their passages, oldest first) and attaches the one picked', async () => {
    orphan('le second passage perdu', 'second', 2);
    orphan('le premier passage perdu', 'first', 1);
    await page.notes.draw();
    await dragOver('réécrit depuis');
    expect(page.panel.state).toMatchObject({ mode: 'toolbar', missing: 2 });
    expect(await page.actions.attach()).toBeNull();
    const state = page.panel.state;
    expect(state.mode).toBe('attach');
    expect(state.mode === 'attach' && state.notes.map((n) => n.exact)).toEqual(['le premier passage perdu', 'le second passage perdu']);
    expect(page.background.requests('reattachNote')).toEqual([]);
    await page.actions.attach('second');
    expect(page.background.requests('reattachNote')).toMatchObject([{ id: 'second', exact: 'réécrit depuis' }]);
    expect(page.notes.rangeOf('second')?.toString()).toBe('réécrit depuis');
    expect(page.notes.missing().map((n) => n.id)).toEqual(['first']);
  });

  it('says why when the background refuses, and draws nothing', async () => {
    orphan('passage ancien', 'gone', 1);
    await page.notes.draw();
    await dragOver('le retrouve plus bas');
    page.background.fail('reattachNote', 'QuotaExceededError');
    expect(await page.actions.attach()).toBeNull();
    expect(page.notes.rangeOf('gone')).toBeUndefined();
    expect(page.panel.state).toMatchObject({ mode: 'message' });
    expect(page.notes.missing().map((n) => n.id)).toEqual(['gone']);
  });

  it('never attaches a note that is drawn here, nor one the page was not given', async () => {
    page.background.stored.set('here', noteOver('lecteur', 'here'));
    orphan('passage ancien', 'gone', 1);
    await page.notes.draw();
    await dragOver('le retrouve plus bas');
    expect(await page.actions.attach('here')).toBeNull();
    expect(await page.actions.attach('someone-else')).toBeNull();
    expect(page.background.requests('reattachNote')).toEqual([]);
  });
});
