// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"navigation":{"disableChildFrameNavigation":true}}}
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dragOver, noteOver, pagePerTest, press, user } from './fixture';

/** The toolbar's single-key shortcuts: the user's keys only, and never while they type. */

const PAGE = '<p id="p">Un passage que le lecteur choisit lui-même.</p><input id="field" value="à soi">';

const page = pagePerTest(PAGE, { fakeTimers: true });

beforeEach(async () => {
  await dragOver('passage');
  page.panel.pick('green');
});

const drafts = () => (page.background.requests('saveNote') as Array<{ draft: { kind: string; color: string } }>).map((r) => r.draft);

describe('Shortcuts', () => {
  it.each([
    ['h', { kind: 'highlight', color: 'green' }],
    ['H', { kind: 'highlight', color: 'green' }],
    ['q', { kind: 'quote', color: 'green' }],
    ['3', { kind: 'highlight', color: 'blue' }],
  ])('%s saves the selection', async (key, draft) => {
    const e = press(key);
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts()).toMatchObject([draft]);
    expect(e.defaultPrevented).toBe(true);
  });

  it.each([
    ['n', 'note'],
    ['t', 'tags'],
  ])('%s saves the selection and opens its card on the %s field', async (key, focus) => {
    press(key);
    await vi.advanceTimersByTimeAsync(0);
    expect(page.panel.state).toMatchObject({ mode: 'card', focus });
  });

  it('e opens the card of the saved passage the selection starts in', async () => {
    const note = noteOver('passage que le');
    page.background.stored.set(note.id, note);
    await page.notes.draw();
    await dragOver('passage');
    press('e');
    expect(page.panel.state).toMatchObject({ mode: 'card', note: { id: note.id } });
  });

  it('does nothing for a page’s forged keys, keys with a modifier, or keys typed in a field', async () => {
    press('h', { byUser: false });
    document.body.dispatchEvent(user(new KeyboardEvent('keydown', { key: 'h', ctrlKey: true, bubbles: true })));
    press('q', { target: document.getElementById('field')! });
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts()).toEqual([]);
    expect(page.panel.state.mode).toBe('toolbar');
  });

  it('does nothing once the toolbar is gone', async () => {
    press('Escape');
    press('h');
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts()).toEqual([]);
  });
});
