import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleEditorMessage } from '../../entrypoints/background/editor';
import { readEditorParams } from '../../entrypoints/note-editor/App';
import { addNote } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';
import { envelope } from '../../utils/messages';
import type { NoteDraft } from '../../utils/model';
import { EDITOR_MESSAGE, editorUrl, readEditorMessage } from '../../utils/note-editor';

const EXT = 'verbatim-extension-id';
const BASE = `chrome-extension://${EXT}/`;
const EDITOR = `${BASE}note-editor.html`;
const PAGE = 'https://blog.example/article/';
const OTHER = 'https://other.example/';

const draft: NoteDraft = {
  kind: 'highlight',
  color: 'yellow',
  exact: 'a sentence',
  selectors: [{ type: 'TextQuoteSelector', exact: 'a sentence', prefix: '', suffix: '' }],
  tags: ['idée'],
};

/** The editor frame inside a tab showing `tabUrl`. */
const editorIn = (tabUrl: string, url = `${EDITOR}?note=x&focus=note`) => ({ id: EXT, url, tab: { url: tabUrl } as never });

let db: VerbatimDb;
beforeEach(() => {
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const call = (message: unknown, sender: ReturnType<typeof editorIn>) => handleEditorMessage(db, EXT, EDITOR, message, sender);

describe('the card’s note editor, answered by the background', () => {
  it('opens a note of its tab’s page with the user’s tags, and saves its text and tags', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, draft);
    const opened = await call(envelope('editorOpen', { id: note.id }), editorIn(`${PAGE}?utm_source=nl#top`));
    expect(opened).toMatchObject({ ok: true, value: { note: { id: note.id }, tags: [{ tag: 'idée', count: 1 }] } });
    const saved = await call(envelope('editorSave', { id: note.id, patch: { note: 'À reprendre', tags: ['idée', 'Atelier '] } }), editorIn(PAGE));
    expect(saved).toMatchObject({ ok: true, value: { note: 'À reprendre', tags: ['idée', 'atelier'] } });
    expect((await db.notes.get(note.id))?.note).toBe('À reprendre');
  });

  it.each([
    ['a note of another page', PAGE, EDITOR, /no such note on this page/],
    ['a sender that is not the editor page', OTHER, `${BASE}popup.html`, /only the note editor/],
    ['the page itself (a content script)', OTHER, OTHER, /only the note editor/],
  ])('refuses %s, and changes nothing', async (_name, tabUrl, senderUrl, error) => {
    const note = await addNote(db, { url: OTHER, title: 'x' }, draft);
    const sender = editorIn(tabUrl, senderUrl);
    for (const message of [envelope('editorOpen', { id: note.id }), envelope('editorSave', { id: note.id, patch: { note: 'défacé' } })]) {
      const reply = await call(message, sender);
      expect(reply && !reply.ok && reply.error).toMatch(error);
    }
    expect(await db.notes.get(note.id)).toEqual(note);
  });

  it('takes only text and tags: colour, kind or position are not the editor’s to change', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, draft);
    const reply = await call(envelope('editorSave', { id: note.id, patch: { color: 'pink' } }), editorIn(PAGE));
    expect(reply).toMatchObject({ ok: false });
    expect(await db.notes.get(note.id)).toEqual(note);
  });

  it('is another extension’s frame: refused', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, draft);
    const reply = await call(envelope('editorOpen', { id: note.id }), { ...editorIn(PAGE), id: 'someone-else' });
    expect(reply && !reply.ok && reply.error).toMatch(/only the note editor/);
  });
});

describe('messages between the card and its editor frame', () => {
  it('builds the frame’s URL and reads it back', () => {
    const url = editorUrl(BASE, 'a1b2-c3', 'tags');
    expect(url).toBe(`${EDITOR}?note=a1b2-c3&focus=tags`);
    expect(readEditorParams(new URL(url).search)).toEqual({ id: 'a1b2-c3', focus: 'tags' });
    expect(readEditorParams('?note=a1&focus=script')).toEqual({ id: 'a1', focus: undefined });
    expect(readEditorParams('?note=')).toBeNull();
    expect(readEditorParams('?note=%3Cimg%3E')).toBeNull();
  });

  it.each([
    [{ [EDITOR_MESSAGE]: { type: 'size', height: 131.4 } }, { type: 'size', height: 131 }],
    [{ [EDITOR_MESSAGE]: { type: 'size', height: 1e9 } }, { type: 'size', height: 480 }],
    [{ [EDITOR_MESSAGE]: { type: 'size', height: -5 } }, { type: 'size', height: 0 }],
    [{ [EDITOR_MESSAGE]: { type: 'close' } }, { type: 'close' }],
    [{ [EDITOR_MESSAGE]: { type: 'size', height: '12px' } }, null],
    [{ [EDITOR_MESSAGE]: { type: 'eval', code: 'x' } }, null],
    [{ type: 'size', height: 10 }, null],
    ['close', null],
    [null, null],
  ])('reads %j as %j', (data, expected) => {
    expect(readEditorMessage(data)).toEqual(expected);
  });
});
