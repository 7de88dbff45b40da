/**
 * The user's own input in a page, as Verbatim's content scripts see it: when they last pressed a
 * key or a mouse button, whether a mouse button is down, and whether the current selection is
 * theirs. Every web page is hostile: only trusted events (`isTrusted`) count, and a page script
 * that selects text itself (`addRange`) fires a trusted `selectionchange` too, so a selection is
 * the user's only right after their own key or during their own drag.
 *
 * One record per isolated world, kept under a registered symbol on that world's global (which
 * the page cannot see): the loader (in every page from document_start) starts the tracking, and
 * the page script, injected later on demand, reads the same record; where there is no loader (a
 * tab opened before Verbatim was installed) the page script starts it itself.
 */

/** How long after the user's own key or mouse a selection change is theirs. */
export const USER_SELECTION_MS = 800;

export interface UserInput {
  /** `performance.now()` of the user's last key or mouse button, press or release. */
  lastInput: number;
  /** A trusted mouse button is down (a drag may be selecting). */
  mouseDown: boolean;
  /** The current selection was made by the user, not by a script. */
  userSelection: boolean;
  /** Whether the listeners run (started once per world). */
  tracking: boolean;
  /** The loader runs in this world. */
  loader: boolean;
  /** The page script runs in this world. */
  page: boolean;
  /** Who to tell when the user finishes a selection (the loader, the page script). */
  onUserSelection: Set<() => void>;
}

const KEY = Symbol.for('verbatim.user-input');

/** This world's record (made on first use). */
export function userInput(global: object = globalThis): UserInput {
  const g = global as Record<symbol, UserInput | undefined>;
  return (g[KEY] ??= {
    lastInput: -Infinity,
    mouseDown: false,
    userSelection: false,
    tracking: false,
    loader: false,
    page: false,
    onUserSelection: new Set(),
  });
}

export interface TrackOptions {
  /** The user finished a selection (a mouse-up on one, or a pause in a keyboard selection). */
  onUserSelection?: () => void;
  /**
   * The user's drag has started selecting (the mouse button still down). The loader asks for the
   * page script then, so it arrives while the user is still dragging and the toolbar shows at the
   * mouse-up. Only where the tracking starts (the loader's call).
   */
  onSelecting?: () => void;
  /** Test seam: whether an event is the user's (the browser's `isTrusted`). */
  trusted?: (e: Event) => boolean;
  /** Test seam: the clock. */
  now?: () => number;
}

/** Where a selection is read and input heard: a document, or its window (what the loader uses). */
export type InputTarget = EventTarget & { getSelection(): Selection | null };

/** Whether the document (or window) has a selection with something in it. */
export function hasSelection(target: Pick<InputTarget, 'getSelection'>): boolean {
  const selection = target.getSelection();
  return !!selection && !selection.isCollapsed && selection.toString().trim() !== '';
}

/**
 * Starts tracking on `target` (once per world; later calls only add their `onUserSelection`).
 * Returns a function that removes that callback.
 *
 * The loader passes the window, not the document, and `selectionchange` is listened to only from
 * the user's first key or mouse button on: in a page the user never touches, the tracking must
 * cost nothing. Touching `document` from a content script builds the document's wrappers in its
 * isolated world, and a listener that runs on the `selectionchange` a page fires while loading
 * reads the clock (`performance`, more wrappers): together about 0.8 ms of script in every page
 * (docs/benchmarks/page-cost.md). Capture listeners on the window hear the events targeted at the
 * document too, `selectionchange` included (it does not bubble, but capture always passes the
 * window); and before the user's first input no selection can be theirs anyway.
 */
export function trackUserInput(target: InputTarget, options: TrackOptions = {}): () => void {
  // This world's global, not the document's window: in Firefox a content script's sandbox global
  // is not the page's window (an Xray of it), and the record must be the one the page script reads.
  const state = userInput();
  const callbacks = state.onUserSelection;
  const callback = options.onUserSelection;
  if (callback) callbacks.add(callback);
  const stop = () => void (callback && callbacks.delete(callback));
  if (state.tracking) return stop;
  state.tracking = true;

  const trusted = options.trusted ?? ((e: Event) => e.isTrusted);
  const now = options.now ?? (() => performance.now());
  const selected = () => callbacks.forEach((f) => f());
  let keyboardTimer: ReturnType<typeof setTimeout> | undefined;
  const capture = { capture: true, passive: true };

  let watchingSelection = false;
  const watchSelection = () => {
    if (watchingSelection) return;
    watchingSelection = true;
    target.addEventListener('selectionchange', () => {
      if (state.mouseDown && options.onSelecting && !target.getSelection()?.isCollapsed) options.onSelecting();
      state.userSelection = state.mouseDown || now() - state.lastInput < USER_SELECTION_MS;
      if (state.mouseDown || !state.userSelection) return;
      // A keyboard selection (Shift+arrows, select-all): told once the keys pause.
      clearTimeout(keyboardTimer);
      keyboardTimer = setTimeout(() => !state.mouseDown && state.userSelection && hasSelection(target) && selected(), 250);
    }, { capture: true });
  };
  const input = (e: Event) => {
    if (!trusted(e)) return;
    state.lastInput = now();
    watchSelection();
  };
  target.addEventListener('mousedown', (e) => {
    if (!trusted(e)) return;
    input(e);
    state.mouseDown = true;
    clearTimeout(keyboardTimer);
  }, capture);
  target.addEventListener('mouseup', (e) => {
    if (!trusted(e)) return;
    input(e);
    state.mouseDown = false;
    // The browser settles the selection after mouseup (a click inside one collapses it).
    setTimeout(() => {
      if (!hasSelection(target)) return;
      state.userSelection = true;
      selected();
    }, 0);
  }, capture);
  target.addEventListener('keydown', input, capture);
  target.addEventListener('keyup', input, capture);
  return stop;
}
