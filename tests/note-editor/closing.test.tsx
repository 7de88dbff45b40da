// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRouter } from '../../entrypoints/background/router';
import { App } from '../../entrypoints/note-editor/App';
import { addNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { renderPerTest } from '../support/preact';

// The in-page card's note editor, answered by the real background router over a test database:
// what the user typed reaches the note when the card closes in the middle of saving it.

const EXT = 'verbatim-extension-id';
const PAGE = 'https://blog.example/article/';
const ORIGINAL = 'Opening line for the talk.';

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

/**
 * Routes the frame's messages to the background; each save's reply is held until `release()`
 * (the background has written it, the answer is still on its way), when `hold` is on.
 */
function background() {
  const router = createRouter(db, EXT, { inject: () => Promise.reject(new Error('none')), relay: async () => undefined });
  const held: Array<() => void> = [];
  const state = { hold: false, saves: 0, gone: false, holdReads: false };
  const reads: Array<() => void> = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type?: string }) => {
    // An unloaded frame sends nothing more.
    if (state.gone) return new Promise(() => undefined);
    const sender = { id: EXT, url: `chrome-extension://${EXT}/note-editor.html?note=x`, tab: { id: 7, url: PAGE } as never };
    // A read made now, answered when released: what it read is the note as it is now.
    const reply = await router(message, sender);
    if (message.type === 'editorOpen' && state.holdReads) await new Promise<void>((r) => reads.push(r));
    if (message.type === 'editorSave') state.saves++;
    if (state.hold && message.type === 'editorSave') await new Promise<void>((r) => held.push(r));
    return reply;
  }) as never);
  return {
    state,
    release: () => held.splice(0).forEach((r) => r()),
    releaseReads: () => reads.splice(0).forEach((r) => r()),
    readsHeld: () => reads.length,
    /** The frame is unloaded: what it sends from now on goes nowhere. */
    unload: () => {
      window.dispatchEvent(new Event('pagehide'));
      state.gone = true;
    },
  };
}

async function open(id: string): Promise<HTMLTextAreaElement> {
  // jsdom lays nothing out; the frame tells the card its height through one.
  vi.stubGlobal('ResizeObserver', class { observe() {} disconnect() {} });
  await act(() => render(<App params={{ id }} />, host));
  await vi.waitFor(() => expect(host.querySelector('textarea.note-field')).not.toBeNull());
  return host.querySelector<HTMLTextAreaElement>('textarea.note-field')!;
}

/** Types `text` at the end of the field, one input event per character, as a keyboard does. */
async function type(field: HTMLTextAreaElement, text: string) {
  for (const ch of text) {
    await act(() => {
      field.value += ch;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

describe('the card’s note editor, closed while it saves', () => {
  it('keeps every character typed, though the last ones left behind a save still on its way', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, { kind: 'quote', color: 'pink', exact: 'a line', selectors: [], note: ORIGINAL });
    const bg = background();
    const field = await open(note.id);
    bg.state.hold = true;
    await type(field, ' Then a question.');
    // The first keystroke's save is written, its answer not back; the rest wait behind it.
    await vi.waitFor(() => expect(bg.state.saves).toBe(1));
    expect((await db.notes.get(note.id))?.note).toBe(`${ORIGINAL} `);
    // A click on the page closes the card: its frame goes.
    bg.unload();
    await vi.waitFor(() => expect(bg.state.saves).toBe(2));
    bg.release();
    await vi.waitFor(async () => expect((await db.notes.get(note.id))?.note).toBe(`${ORIGINAL} Then a question.`));
  });

  it('still refuses to write over another window’s text it has not seen', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, { kind: 'quote', color: 'pink', exact: 'a line', selectors: [], note: ORIGINAL });
    const bg = background();
    const field = await open(note.id);
    await db.notes.update(note.id, { note: 'Written in the side panel.' });
    await type(field, '!');
    await vi.waitFor(() => expect(host.querySelector('.editor-theirs')?.textContent).toContain('Written in the side panel.'));
    bg.unload();
    await new Promise((r) => setTimeout(r, 50));
    expect((await db.notes.get(note.id))?.note).toBe('Written in the side panel.');
  });
});

describe('the card’s note editor, read again when focused', () => {
  it('keeps a speaker accepted while a read made before the acceptance is still on its way', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, { kind: 'quote', color: 'pink', exact: 'a line', selectors: [], speaker: 'Mark Twain', speakerProposed: true });
    const bg = background();
    await open(note.id);
    await vi.waitFor(() => expect(host.querySelector('.badge-proposed')).not.toBeNull());
    // A click in the frame focuses it (a read of the note starts) and accepts the proposal.
    bg.state.holdReads = true;
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(bg.readsHeld()).toBe(1));
    await act(() => host.querySelector<HTMLButtonElement>('[data-action="speaker-accept"]')!.click());
    // The acceptance is written (or waits its turn behind the read); then the read's answer comes.
    await new Promise((r) => setTimeout(r, 100));
    bg.state.holdReads = false;
    bg.releaseReads();
    await vi.waitFor(async () => expect((await db.notes.get(note.id))?.speakerProposed).toBeUndefined());
    await new Promise((r) => setTimeout(r, 100));
    expect(host.querySelector('.badge-proposed')).toBeNull();
    expect(host.textContent).toContain('Mark Twain');
  });
});
