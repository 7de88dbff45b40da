import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundCall } from '../../entrypoints/page/page-notes';
import { pagePieces as wirePage } from '../../entrypoints/page/pieces';
import { describe } from '../../utils/anchoring';
import type { BackgroundProtocol, Reply, Request, Result } from '../../utils/messaging/protocol';
import type { Note } from '../../utils/domain/model';
import { trackUserInput, userInput, type UserInput } from '../../utils/page/page-input';
import { msg } from '../support/i18n';

export { msg };

/**
 * The page script's world for unit tests (a fake document from happy-dom or jsdom): the user's
 * input, the background, the messages.
 */

/** The fake browser reset, speaking English. */
export function resetBrowser(): void {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => msg(key, ...(subs ?? []))) as never);
}

/** Events passed through `user()` are the user's (the test seam for the browser's `isTrusted`). */
const trustedEvents = new WeakSet<Event>();
export const user = <E extends Event>(e: E): E => (trustedEvents.add(e), e);
export const trusted = (e: Event) => trustedEvents.has(e);

/** The fake clock of the input tracker, in ms. */
export const clock = { now: 1000 };

/**
 * A fresh isolated world: the user's input record and its tracker (as the loader starts it), and
 * the page's body. The tracker's listeners of an earlier test stay on the document, writing to
 * that test's record.
 */
export function freshWorld(body: string): UserInput {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('verbatim.user-input')];
  document.body.innerHTML = body;
  document.getSelection()?.removeAllRanges();
  clock.now = 1000;
  trackUserInput(document, { trusted, now: () => clock.now });
  return userInput();
}

/** The first text node holding `text`, and the text's offset in it. */
function textAt(text: string): { node: Text; at: number } {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(text);
    if (at >= 0) return { node: n as Text, at };
  }
  throw new Error(`no text node holds “${text}”`);
}

/** A range over `text` (inside one text node). */
export function rangeOver(text: string): Range {
  const { node, at } = textAt(text);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + text.length);
  return range;
}

/** A saved highlight of `text` on this page, as the background stores it. */
export function noteOver(text: string, id = 'saved'): Note {
  return {
    id,
    url: 'http://localhost:3000/',
    kind: 'highlight',
    color: 'yellow',
    exact: text,
    selectors: describe(document.body, rangeOver(text)),
    note: '',
    tags: [],
    createdAt: 1,
    updatedAt: 1,
  };
}

/** Selects `text` as a script does (the document then fires `selectionchange`). */
export function selectText(text: string, { backward = false } = {}): void {
  const { node, at } = textAt(text);
  const end = at + text.length;
  document.getSelection()!.setBaseAndExtent(node, backward ? end : at, node, backward ? at : end);
}

/** Lets a moment pass (the browser settling a selection), with fake timers or real ones. */
const tick = () => (vi.isFakeTimers() ? vi.advanceTimersByTimeAsync(1) : new Promise((done) => setTimeout(done, 1)));

/** The user selects `text` with a drag: their mouse down, the selection, their mouse up. */
export async function dragOver(text: string): Promise<void> {
  document.body.dispatchEvent(user(new MouseEvent('mousedown', { bubbles: true })));
  selectText(text);
  await tick();
  document.body.dispatchEvent(user(new MouseEvent('mouseup', { bubbles: true })));
  await tick();
}

/** A key pressed on `target` (the user's when `byUser`). */
export function press(key: string, { byUser = true, target = document.body as EventTarget } = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  target.dispatchEvent(byUser ? user(e) : e);
  return e;
}

type Answer<K extends keyof BackgroundProtocol> = (req: Request<BackgroundProtocol, K>) => Result<Reply<BackgroundProtocol, K>>;

/**
 * The background, in memory: it stores the page's notes, answers the page script's calls as
 * entrypoints/background does, and records every request. `fail(type, error)` makes a call fail.
 */
export function fakeBackground() {
  const stored = new Map<string, Note>();
  const requests: Array<{ type: string; payload: unknown }> = [];
  const failing = new Map<string, string>();
  let next = 0;
  const ok = <T>(value: T): Result<T> => ({ ok: true, value });
  const answers: { [K in keyof BackgroundProtocol]?: Answer<K> } = {
    pageNotes: () => ok([...stored.values()]),
    saveNote: ({ page, draft }) => {
      const note: Note = { note: '', tags: [], ...draft, id: `n${++next}`, url: page.url, createdAt: next, updatedAt: next };
      stored.set(note.id, note);
      return ok(note);
    },
    updateNote: ({ id, patch }) => {
      const note = stored.get(id);
      if (!note) return { ok: false, error: 'no such note on this page' };
      const changed = { ...note, ...patch, updatedAt: note.updatedAt + 1 };
      stored.set(id, changed);
      return ok(changed);
    },
    deleteNote: ({ id }) => {
      const note = stored.get(id) ?? null;
      stored.delete(id);
      return ok(note);
    },
    restoreNote: ({ note }) => (stored.set(note.id, note), ok(true as const)),
    reattachNote: ({ id, exact, selectors }) => {
      const note = stored.get(id);
      if (!note) return { ok: false, error: 'no such note on this page' };
      const { orphanedAt: _gone, ...rest } = note;
      const attached = { ...rest, exact, selectors, updatedAt: note.updatedAt + 1 };
      stored.set(id, attached);
      return ok(attached);
    },
    reportAnchoring: () => ok(true as const),
    colorNames: () => ok({}),
  };
  const call = (async (type: keyof BackgroundProtocol, payload: unknown) => {
    requests.push({ type, payload });
    const error = failing.get(type);
    if (error !== undefined) return { ok: false, error };
    const answer = answers[type] as ((req: unknown) => Result<unknown>) | undefined;
    return answer ? answer(payload) : { ok: false, error: `no answer for ${type}` };
  }) as BackgroundCall;
  return {
    call,
    /** The notes stored, by id. */
    stored,
    /** The payloads of every request of one type, in order. */
    requests: (type: keyof BackgroundProtocol) => requests.filter((r) => r.type === type).map((r) => r.payload),
    fail: (type: keyof BackgroundProtocol, error: string) => void failing.set(type, error),
  };
}

export type FakeBackground = ReturnType<typeof fakeBackground>;

/** The page script's pieces (entrypoints/page/pieces.ts) over a fake background. */
export function pagePieces(input: UserInput, background: FakeBackground = fakeBackground()) {
  const pieces = wirePage({ doc: document, call: background.call, input, editorPage: 'chrome-extension://test-extension-id/note-editor.html', trusted });
  return { ...pieces, background };
}

export type TestPage = ReturnType<typeof pagePieces> & { input: UserInput };

/**
 * A page per test of the calling file: before each, the fake browser reset, a fresh world showing
 * `body`, a fake background and the page script's pieces (with fake timers when asked); after
 * each, the pieces destroyed and the mocks restored. The object returned stands for the current
 * test's page.
 */
export function pagePerTest(body: string, { fakeTimers = false } = {}): TestPage {
  let current: TestPage | undefined;
  beforeEach(() => {
    if (fakeTimers) vi.useFakeTimers();
    resetBrowser();
    const input = freshWorld(body);
    current = { ...pagePieces(input), input };
  });
  afterEach(() => {
    current?.destroy();
    current = undefined;
    if (fakeTimers) vi.useRealTimers();
    vi.restoreAllMocks();
  });
  const now = (): TestPage => {
    if (!current) throw new Error('pagePerTest: no test is running');
    return current;
  };
  return {
    get input() { return now().input; },
    get background() { return now().background; },
    get notes() { return now().notes; },
    get panel() { return now().panel; },
    get actions() { return now().actions; },
    get observer() { return now().observer; },
    destroy: () => now().destroy(),
  };
}
