// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true,"navigation":{"disableChildFrameNavigation":true}}}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageHandlers } from '../../entrypoints/page/handlers';
import { envelope } from '../../utils/messaging/protocol';
import type { Note } from '../../utils/domain/model';
import type { UserInput } from '../../utils/page/page-input';
import { serveTab } from '../../utils/messaging/rpc';
import { dragOver, fakeBackground, freshWorld, msg, noteOver, pagePieces, resetBrowser, selectText, type FakeBackground } from './fixture';

/**
 * The page script's answers to the extension (side panel, popup, background), asked as they are
 * asked: a message through `serveTab`, its reply a Result.
 */

const PAGE = '<p id="p">Un passage que le lecteur choisit lui-même.</p>';
const EXTENSION = { id: 'test-extension-id' };

let input: UserInput;
let background: FakeBackground;
let page: ReturnType<typeof pagePieces>;
let stopServing: () => void;

/** The page script starts: its pieces, its first drawing, its answers. */
function start() {
  page = pagePieces(input, background);
  const firstDraw = page.notes.draw();
  stopServing = serveTab(pageHandlers({ doc: document, input, panel: page.panel, notes: page.notes, actions: page.actions, firstDraw }));
}
function stop() {
  stopServing();
  page.destroy();
}

beforeEach(() => {
  resetBrowser();
  input = freshWorld(PAGE);
  background = fakeBackground();
  start();
});
afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

/** Sends the page script a request as the runtime delivers it; resolves with its reply. */
function ask(type: string, payload: unknown, sender: object = EXTENSION): Promise<unknown> {
  return new Promise((reply) => void fakeBrowser.runtime.onMessage.trigger(envelope(type, payload), sender, reply));
}

/** A note of this page saved elsewhere (another tab, the side panel), not drawn here yet. */
function savedElsewhere(text: string): Note {
  const note = noteOver(text);
  background.stored.set(note.id, note);
  return note;
}

describe('the page script’s handlers', () => {
  it('refresh: fetches and draws the page’s notes', async () => {
    const note = savedElsewhere('lecteur');
    expect(page.notes.rangeOf(note.id)).toBeUndefined();
    expect(await ask('refresh', {})).toEqual({ ok: true, value: true });
    expect(page.notes.rangeOf(note.id)?.toString()).toBe('lecteur');
  });

  it('captureSelection: saves the user’s selection in the colour last picked', async () => {
    await dragOver('passage');
    page.panel.pick('purple');
    expect(await ask('captureSelection', { kind: 'quote' })).toEqual({ ok: true, value: true });
    expect(background.requests('saveNote')).toMatchObject([{ draft: { kind: 'quote', color: 'purple', exact: 'passage' } }]);
  });

  it('captureSelection: takes no selection the page made itself, and says there is none', async () => {
    selectText('passage');
    expect(await ask('captureSelection', { kind: 'highlight' })).toEqual({ ok: true, value: false });
    expect(background.requests('saveNote')).toEqual([]);
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('nothingSelected') });
  });

  it('notify: shows the message', async () => {
    expect(await ask('notify', { text: 'Article clipped.' })).toEqual({ ok: true, value: true });
    expect(page.panel.state).toMatchObject({ mode: 'message', text: 'Article clipped.' });
  });

  it('revealNote: waits for the first drawing, flashes the passage, and says when it is not there', async () => {
    const note = savedElsewhere('lecteur');
    // The page script starts on a page with notes: asked at once, it answers once they are drawn.
    stop();
    start();
    expect(await ask('revealNote', { id: note.id })).toEqual({ ok: true, value: true });
    // happy-dom has no CSS Custom Highlight API: the fallback's wrapping elements are outlined.
    expect([...document.querySelectorAll<HTMLElement>('[style*="outline"]')].map((e) => e.textContent)).toEqual(['lecteur']);
    expect(await ask('revealNote', { id: 'elsewhere' })).toEqual({ ok: true, value: false });
    // Not a note of this page: nothing is said in it.
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('revealNote: on a note whose passage is missing, tells the user in the page to select it and attach it', async () => {
    const lost: Note = { ...noteOver('lecteur', 'lost'), exact: 'un passage réécrit', orphanedAt: 5 };
    lost.selectors = [{ type: 'TextQuoteSelector', exact: 'un passage réécrit' }];
    background.stored.set(lost.id, lost);
    stop();
    start();
    expect(await ask('revealNote', { id: 'lost' })).toEqual({ ok: true, value: false });
    expect(page.panel.state).toMatchObject({ mode: 'message', text: msg('passageMissingHere') });
  });

  it('editorSaid: the card’s editor closes its card', async () => {
    const note = savedElsewhere('lecteur');
    await ask('refresh', {});
    page.panel.openCard(note);
    expect(await ask('editorSaid', { id: 'another', message: { type: 'close' } })).toEqual({ ok: true, value: true });
    expect(page.panel.state.mode).toBe('card');
    expect(await ask('editorSaid', { id: note.id, message: { type: 'close' } })).toEqual({ ok: true, value: true });
    expect(page.panel.state.mode).toBe('hidden');
  });

  it('refuses a malformed request, and does nothing', async () => {
    await dragOver('passage');
    const reply = await ask('captureSelection', { kind: 'everything' });
    expect(reply).toMatchObject({ ok: false, error: expect.any(String) });
    expect(background.requests('saveNote')).toEqual([]);
  });

  it.each([
    ['another extension', { id: 'another-extension' }],
    ['a web page’s content script', { id: 'test-extension-id', tab: { id: 3 }, url: 'https://example.com/' }],
  ])('refuses a request from %s', async (_, sender) => {
    expect(await ask('notify', { text: 'Hello' }, sender)).toEqual({ ok: false, error: 'unknown sender' });
    expect(page.panel.state.mode).toBe('hidden');
  });
});
