import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter, isEditorPage, type Sender } from '../../entrypoints/background/router';
import { readEditorParams } from '../../entrypoints/note-editor/App';
import { addNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { envelope, type EditorMessage } from '../../utils/messaging/protocol';
import type { NoteDraft } from '../../utils/domain/model';
import { editorUrl } from '../../utils/page/note-editor';
import { dbPerTest } from '../support/db';

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

/** Chrome serves the framed editor at a per-session host (use_dynamic_url), not the extension id. */
const DYNAMIC_EDITOR = 'chrome-extension://0f4d2c8e-5b1a-4c3e-9d7f-2a6b8c1e3f5a/note-editor.html';

/** The editor frame inside tab 7, showing `tabUrl`. */
const editorIn = (tabUrl: string, url = `${EDITOR}?note=x&focus=note`) => ({ id: EXT, url, tab: { id: 7, url: tabUrl } as never });

let db: VerbatimDb;
/** What the background relayed to tabs' content scripts. */
let relayed: Array<{ tabId: number; id: string; message: EditorMessage }>;
dbPerTest((fresh) => (db = fresh));
beforeEach(() => {
  relayed = [];
});

const relay = async (tabId: number, id: string, message: EditorMessage) => void relayed.push({ tabId, id, message });
const inject = () => Promise.reject(new Error('no scripting in this test'));
/** The background's answer, through its router. */
const call = (message: unknown, sender: Sender) => createRouter(db, EXT, { inject, relay })(message, sender);

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
    ['a web page at the editor’s path', OTHER, `${OTHER}note-editor.html`, /only the note editor/],
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
    expect(reply && !reply.ok && reply.error).toMatch(/unknown sender/);
  });

  it('may not make the page script’s calls: those are the top frame’s alone', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, draft);
    for (const message of [envelope('deleteNote', { url: PAGE, id: note.id }), envelope('pageNotes', { url: PAGE }), envelope('loadPage', {})]) {
      const reply = await call(message, { ...editorIn(PAGE), frameId: 4 });
      expect(reply && !reply.ok && reply.error).toMatch(/top frame/);
    }
    expect(await db.notes.get(note.id)).toEqual(note);
  });
});

describe('messages between the card and its editor frame', () => {
  it('builds the frame’s URL from the editor page’s (per-session) URL and reads it back', () => {
    const url = editorUrl(DYNAMIC_EDITOR, 'a1b2-c3', 'tags');
    expect(url).toBe(`${DYNAMIC_EDITOR}?note=a1b2-c3&focus=tags`);
    expect(readEditorParams(new URL(url).search)).toEqual({ id: 'a1b2-c3', focus: 'tags' });
    expect(readEditorParams('?note=a1&focus=script')).toEqual({ id: 'a1', focus: undefined });
    expect(readEditorParams('?note=')).toBeNull();
    expect(readEditorParams('?note=%3Cimg%3E')).toBeNull();
  });

  it('knows the editor page by its scheme and path, at its static or per-session URL', () => {
    expect(isEditorPage(`${EDITOR}?note=a`)).toBe(true);
    expect(isEditorPage(DYNAMIC_EDITOR)).toBe(true);
    expect(isEditorPage('moz-extension://5e2c/note-editor.html')).toBe(true);
    expect(isEditorPage('https://evil.example/note-editor.html')).toBe(false);
    expect(isEditorPage(`${BASE}popup.html`)).toBe(false);
    expect(isEditorPage(undefined)).toBe(false);
    expect(isEditorPage('not a url')).toBe(false);
  });

  it('relays the frame’s height and “close” to its own tab’s content script, never another’s', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, draft);
    const size = await call(envelope('editorSignal', { id: note.id, message: { type: 'size', height: 131.4 } }), editorIn(PAGE, DYNAMIC_EDITOR));
    const close = await call(envelope('editorSignal', { id: note.id, message: { type: 'close' } }), editorIn(PAGE, DYNAMIC_EDITOR));
    expect([size, close]).toEqual([{ ok: true, value: true }, { ok: true, value: true }]);
    expect(relayed).toEqual([
      { tabId: 7, id: note.id, message: { type: 'size', height: 131 } },
      { tabId: 7, id: note.id, message: { type: 'close' } },
    ]);
    // A frame in a tab showing another page cannot make this page's card move or close.
    const refused = await call(envelope('editorSignal', { id: note.id, message: { type: 'close' } }), editorIn(OTHER, DYNAMIC_EDITOR));
    expect(refused).toMatchObject({ ok: false });
    expect(relayed).toHaveLength(2);
  });
});

describe('the card’s "Add to project", answered by the background (issue #17)', () => {
  it('lists the projects, adds the note to one or to a new one, and says which hold it', async () => {
    const note = await addNote(db, { url: PAGE, title: 'x' }, draft);
    const empty = await call(envelope('editorProjects', { id: note.id }), editorIn(PAGE));
    expect(empty).toEqual({ ok: true, value: { projects: [], holding: [] } });
    const made = await call(envelope('editorAddToProject', { id: note.id, name: '  Conférence  client ' }), editorIn(PAGE));
    expect(made).toMatchObject({ ok: true, value: { projects: [{ name: 'Conférence client' }] } });
    const project = (await db.projects.toArray())[0]!;
    expect(project.noteIds).toEqual([note.id]);
    expect(made).toMatchObject({ ok: true, value: { holding: [project.id] } });
  });

  it('refuses a note of another page, a missing project, and a request naming both or neither, changing nothing', async () => {
    const mine = await addNote(db, { url: PAGE, title: 'x' }, draft);
    const theirs = await addNote(db, { url: OTHER, title: 'y' }, draft);
    const made = await call(envelope('editorAddToProject', { id: mine.id, name: 'P' }), editorIn(PAGE));
    expect(made).toMatchObject({ ok: true });
    const projectId = (await db.projects.toArray())[0]!.id;
    const before = await db.projects.toArray();
    const refused: Array<[unknown, RegExp]> = [
      [envelope('editorAddToProject', { id: theirs.id, projectId }), /no such note on this page/],
      [envelope('editorProjects', { id: theirs.id }), /no such note on this page/],
      [envelope('editorAddToProject', { id: mine.id, projectId: 'gone' }), /No project gone/],
      [envelope('editorAddToProject', { id: mine.id, projectId, name: 'Q' }), /not both/],
      [envelope('editorAddToProject', { id: mine.id }), /not both/],
    ];
    for (const [message, error] of refused) {
      const reply = await call(message, editorIn(PAGE));
      expect(reply && !reply.ok && reply.error, String(error)).toMatch(error);
    }
    expect(await db.projects.toArray()).toEqual(before);
  });
});
