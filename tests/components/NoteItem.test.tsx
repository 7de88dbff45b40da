// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NoteItem } from '../../components/NoteItem';
import type { Note, NotePatch } from '../../utils/domain/model';
import type { NoteSeen } from '../../utils/messaging/protocol';
import { msg, speakEnglish } from '../support/i18n';

// A note's text edited in a side panel row while other windows save theirs: nothing the user typed
// is lost, a save is sent once, and a refused save is sent again based on what the user has seen.

type Save = { patch: NotePatch; seen?: NoteSeen; answer: (saved: boolean) => void };
let host: HTMLElement;
let saves: Save[];
let deletes: string[];

const NOTE: Note = {
  id: 'n1',
  url: 'https://example.org/a',
  kind: 'highlight',
  color: 'yellow',
  exact: 'The total matters less than the rhythm.',
  selectors: [],
  note: 'First thoughts.',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
};

const show = (note: Note) =>
  act(() =>
    render(
      <NoteItem
        note={note}
        onUpdate={(_id, patch, seen) => new Promise<boolean>((answer) => void saves.push({ patch, seen, answer }))}
        onDelete={(id) => void deletes.push(id)}
      />,
      host,
    ),
  );
const field = () => host.querySelector<HTMLTextAreaElement>('textarea.note-editor');
const edit = () => act(() => [...host.querySelectorAll('button')].find((b) => b.textContent === msg('editNote'))!.click());
const type = (text: string) =>
  act(() => {
    field()!.value = text;
    field()!.dispatchEvent(new Event('input', { bubbles: true }));
  });
/** Ctrl+Enter, then the blur Chromium sends as the editor goes. */
const save = () =>
  act(() => {
    const f = field()!;
    f.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    f.dispatchEvent(new FocusEvent('blur'));
  });
const answer = (i: number, saved: boolean) => act(async () => saves[i]!.answer(saved));

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  host = document.createElement('div');
  document.body.append(host);
  saves = [];
  deletes = [];
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

describe('a note row’s text editor', () => {
  it('saves once on Ctrl+Enter, though the editor’s blur follows; Escape saves nothing', async () => {
    await show(NOTE);
    await edit();
    await type('Second thoughts.');
    await save();
    expect(saves.map((s) => [s.patch, s.seen])).toEqual([[{ note: 'Second thoughts.' }, { note: 'First thoughts.' }]]);
    await answer(0, true);
    await edit();
    await type('Dropped.');
    await act(() => {
      field()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      field()?.dispatchEvent(new FocusEvent('blur'));
    });
    expect(saves).toHaveLength(1);
  });

  it('keeps the typed text when another window’s text arrives while the save is on its way, and saves again based on it', async () => {
    await show(NOTE);
    await edit();
    await type('Written here.');
    await save();
    // The other window's text reaches this row before the refusal does.
    await show({ ...NOTE, note: 'Written elsewhere.' });
    await answer(0, false);
    expect(field()!.value).toBe('Written here.');
    expect(host.querySelector('.note-theirs')!.textContent).toContain('Written elsewhere.');
    await save();
    expect(saves[1]).toMatchObject({ patch: { note: 'Written here.' }, seen: { note: 'Written elsewhere.' } });
  });

  it('refused before the other text shows here: saving again is refused again, not saved over a text never seen', async () => {
    await show(NOTE);
    await edit();
    await type('Written here.');
    await save();
    await answer(0, false);
    expect(field()!.value).toBe('Written here.');
    await save();
    expect(saves[1]!.seen).toEqual({ note: 'First thoughts.' });
    await answer(1, false);
    await show({ ...NOTE, note: 'Written elsewhere.' });
    await save();
    expect(saves[2]).toMatchObject({ patch: { note: 'Written here.' }, seen: { note: 'Written elsewhere.' } });
    await answer(2, true);
    expect(field()).toBeNull();
  });

  it('deletes an emptied page note once', async () => {
    await show({ ...NOTE, kind: 'page', exact: '', note: 'About the whole page.' });
    await edit();
    await type('   ');
    await save();
    expect(deletes).toEqual(['n1']);
    expect(saves).toHaveLength(0);
  });
});
