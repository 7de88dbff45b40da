import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { describe } from '../../utils/anchoring';
import { closestOf, dom, elementOf } from '../../utils/anchoring/dom';
import { attributionOf } from '../../utils/attribution';
import { formatCitation } from '../../utils/citation';
import { colorName } from '../../utils/colors';
import { readPageMeta } from '../../utils/extract/meta';
import { normalizeUrl } from '../../utils/extract/url';
import { hasSelection, trackUserInput, userInput } from '../../utils/page-input';
import { Highlighter } from '../../utils/highlighter';
import { t, uiLanguage } from '../../utils/i18n';
import { MAX_PAGE_TEXT } from '../../utils/messages';
import { COLORS, type Color, type Note, type NoteKind, type NotePatch } from '../../utils/model';
import { PageHighlights } from '../../utils/page-highlights';
import { callBackground, errorMessage, serveTab, type TabHandlers } from '../../utils/rpc';
import { describeWriteError } from '../../utils/write-error';
import { copyText } from './clipboard';
import { leadingOf, onScreen, placeNear } from '../../utils/place';
import { EDITOR_PATH, type EditorFocus } from '../../utils/note-editor';
import { mountUi, type UiContext, type UiHandle, type UiState } from './ui';
import { watchLocation } from '../../utils/watch-location';

/**
 * Verbatim in a web page, injected on demand by the background into the loader's isolated world
 * (entrypoints/loader): when the page has notes, when the user selects text, or when an extension
 * page asks the tab for something. Every web page is hostile ground: only trusted input (the
 * user's own mouse and keys, tracked in utils/page-input.ts) may save, change or open anything;
 * what the page can clobber or replace is read through pristine accessors
 * (utils/anchoring/dom.ts); and nothing of Verbatim's shows until the user acts (see
 * docs/security.md).
 */
export default defineUnlistedScript(() => {
  const input = userInput();
  // Injected again (another call that needed it): one copy runs per page.
  if (input.page) return;
  input.page = true;
  startPage();
});

const FORM_FIELDS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/** Whether a selection is the page's own text: not inside a form field or an editable region. */
function isPageText(range: Range): boolean {
  const el = elementOf(range.commonAncestorContainer);
  return !!el && !closestOf(el, FORM_FIELDS);
}


/** Estimated panel sizes, before the panel is measured. */
const TOOLBAR_SIZE = { width: 400, height: 44 };
const CARD_SIZE = { width: 420, height: 230 };

function startPage() {
  const root = () => document.body ?? document.documentElement;
  /** Ends every listener at once when the extension goes away (update, reload, uninstall). */
  const life = new AbortController();
  const listen = <E extends Event>(
    target: EventTarget,
    type: string,
    handler: (e: E) => void,
    options: AddEventListenerOptions = {},
  ) => {
    target.addEventListener(
      type,
      (e) => {
        // An updated or removed extension leaves this script orphaned: it goes quietly.
        if (!browser.runtime?.id) return stop();
        handler(e as E);
      },
      { ...options, signal: life.signal },
    );
  };
  const viewport = () => ({ width: innerWidth, height: innerHeight });
  let pageUrl = normalizeUrl(location.href);
  const highlighter = new Highlighter(document);
  const highlights = new PageHighlights({
    root,
    highlighter,
    report: (found, orphaned) => void callBackground('reportAnchoring', { url: pageUrl, found, orphaned }),
    // Quotes are matched in the background: the page's main thread only reads its text and draws.
    remote: async (text, selectors) => {
      const reply = await callBackground('locateText', { ...text, selectors });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    },
    remoteMaxChars: MAX_PAGE_TEXT,
  });
  /** The page's notes by id, as last fetched or changed. */
  const notes = new Map<string, Note>();
  /** The selection the toolbar acts on, kept because clicking may collapse the live one. */
  let pending: Range | null = null;
  /** The passage the card or message sits by. */
  let anchorRange: Range | null = null;
  /** Whether the toolbar's selection was made backwards (its focus, where the pointer is, is its start). */
  let backward = false;
  let lastDeleted: Note | null = null;
  /**
   * The user's own input (trusted events only): whether a mouse button is down, and whether the
   * current selection is theirs rather than a script's. Tracked from document_start by the
   * loader; started here in a tab that has no loader (opened before Verbatim was installed).
   */
  const input = userInput();
  trackUserInput(document);
  let context: UiContext = {
    colorNames: Object.fromEntries(COLORS.map((c) => [c, colorName(c)])) as Record<Color, string>,
    color: 'yellow',
    // In Chrome a per-session URL (use_dynamic_url): no page can probe a fixed one.
    editorPage: browser.runtime.getURL(EDITOR_PATH as '/note-editor.html'),
  };

  let mounted: UiHandle | null = null;
  /** The in-page UI, made the first time something is shown (an idle page gets no node). */
  const ui = {
    get state(): UiState {
      return mounted?.state ?? { mode: 'hidden' };
    },
    set: (state: UiState) => {
      if (state.mode === 'hidden' && !mounted) return;
      mount().set(state);
    },
    contains: (target: EventTarget | null) => mounted?.contains(target) ?? false,
    typing: () => mounted?.typing() ?? false,
    size: () => mounted?.size() ?? null,
    scratch: () => mount().scratch(),
    setContext: (next: UiContext) => mounted?.setContext(next),
    editorSaid: (...args: Parameters<UiHandle['editorSaid']>) => mounted?.editorSaid(...args),
    destroy: () => mounted?.destroy(),
  };
  function mount(): UiHandle {
    if (mounted) return mounted;
    mounted = mountUi(document, {
      save: (kind, color) => run(save(kind, color)),
      annotate: (focus) => run(annotate(focus)),
      update: (id, patch) => run(update(id, patch)),
      remove: (id) => run(remove(id)),
      undo: () => run(undo()),
      copy: (note, format) => run(copy(note, format)),
      close: () => hide(),
      edit: (note) => openCard(note),
      resized: () => {
        if (ui.state.mode !== 'hidden' && anchorRange) show(ui.state, anchorRange, ui.size() ?? CARD_SIZE);
      },
    });
    mounted.setContext(context);
    return mounted;
  }

  /** Shows a UI state by a passage, then nudges it inside the viewport once measured. */
  function show(state: UiState, near: Range | null, size: { width: number; height: number }) {
    anchorRange = near;
    if (state.mode === 'hidden' || !near) {
      ui.set(state);
      return;
    }
    const options = { backward: state.mode === 'toolbar' && backward, leading: leadingOf(near) };
    ui.set({ ...state, at: placeNear(near, size, viewport(), options) } as UiState);
    requestAnimationFrame(() => {
      const measured = ui.size();
      if (measured && ui.state.mode !== 'hidden' && anchorRange === near) {
        ui.set({ ...ui.state, at: placeNear(near, measured, viewport(), options) } as UiState);
      }
    });
  }
  const hide = () => {
    if (ui.state.mode !== 'hidden') ui.set({ mode: 'hidden' });
    anchorRange = null;
  };
  const flash = (text: string, undo = false) => {
    const near = anchorRange ?? pending;
    // Beside the passage; in the corner when there is none (show() leaves `at` as given then).
    show({ mode: 'message', at: { x: 8, y: 8 }, text, undo }, near, { width: 280, height: 40 });
    const shown = ui.state;
    setTimeout(() => ui.state === shown && hide(), undo ? 8000 : 3000);
  };

  /**
   * Runs what the user asked for; anything it throws (not only a refused write, which each action
   * reports itself) is said beside the passage, never left as an unhandled rejection.
   */
  function run(action: Promise<unknown>): void {
    action.catch((e: unknown) => flash(describeWriteError(errorMessage(e), 'saveFailed')));
  }

  /** Refreshes the colour names (cheap; done when a panel opens). */
  async function refreshContext() {
    const names = await callBackground('colorNames', {});
    if (!names.ok) return;
    context = {
      ...context,
      colorNames: Object.fromEntries(COLORS.map((c) => [c, names.value[c] || colorName(c)])) as Record<Color, string>,
    };
    ui.setContext(context);
  }

  /** Fetches this page's notes and draws those that anchor. */
  async function drawSaved() {
    const reply = await callBackground('pageNotes', { url: pageUrl });
    if (!reply.ok) return;
    notes.clear();
    for (const n of reply.value) notes.set(n.id, n);
    const start = performance.now();
    await highlights.show(reply.value);
    // Main-thread time, for the benchmark only: the page's performance timeline is the page's to
    // read, and would tell it that Verbatim is here (and how many notes it has).
    if (import.meta.env.VITE_VERBATIM_BENCH) {
      performance.measure('verbatim:anchor', {
        start,
        duration: highlights.busyMs,
        detail: { notes: reply.value.length, orphans: highlights.orphans.length, elapsedMs: performance.now() - start },
      });
    }
  }

  /** Saves the selection; returns the saved note, or null when nothing was saved. */
  async function save(kind: NoteKind, color: Color): Promise<Note | null> {
    const range = pending;
    if (!range || range.collapsed) return null;
    const selectors = describe(root(), range);
    // The quote as a reader would copy it (a space between paragraphs), not range.toString().
    const exact = selectors.find((x) => x.type === 'TextQuoteSelector')?.exact.trim() ?? range.toString().trim();
    if (!exact) return null;
    context = { ...context, color };
    ui.setContext(context);
    const reply = await callBackground('saveNote', {
      page: readPageMeta(document, location.href),
      draft: { kind, color, exact, selectors },
    });
    if (!reply.ok) {
      flash(describeWriteError(reply.error, 'saveFailed'));
      return null;
    }
    notes.set(reply.value.id, reply.value);
    highlights.add(reply.value, range);
    document.getSelection()?.removeAllRanges();
    pending = null;
    input.userSelection = false;
    hide();
    return reply.value;
  }

  /** "Note" and "Tag": the passage is saved as a highlight, and its card opens on that field. */
  async function annotate(focus: EditorFocus) {
    const saved = await save('highlight', context.color);
    if (saved) openCard(saved, focus);
  }

  async function update(id: string, patch: NotePatch) {
    const reply = await callBackground('updateNote', { url: pageUrl, id, patch });
    if (!reply.ok) {
      flash(describeWriteError(reply.error, 'saveFailed'));
      return;
    }
    const note = reply.value;
    notes.set(id, note);
    const range = highlighter.rangeOf(id);
    if (range && (patch.color || patch.kind)) highlighter.draw(id, range, note.color, note.kind);
    if (ui.state.mode === 'card' && ui.state.note.id === id) ui.set({ ...ui.state, note });
  }

  async function remove(id: string) {
    const reply = await callBackground('deleteNote', { url: pageUrl, id });
    if (!reply.ok || !reply.value) {
      flash(describeWriteError(reply.ok ? '' : reply.error, 'saveFailed'));
      return;
    }
    lastDeleted = reply.value;
    anchorRange = highlighter.rangeOf(id)?.cloneRange() ?? anchorRange;
    highlighter.remove(id);
    notes.delete(id);
    flash(t('noteDeleted'), true);
  }

  async function undo() {
    const note = lastDeleted;
    lastDeleted = null;
    hide();
    if (!note) return;
    const reply = await callBackground('restoreNote', { url: pageUrl, note });
    if (reply.ok) await drawSaved();
    else flash(describeWriteError(reply.error, 'saveFailed'));
  }

  async function copy(note: Note, format: 'text' | 'markdown') {
    const meta = readPageMeta(document, location.href);
    const text = formatCitation(note, attributionOf(meta), { lang: meta.lang ?? uiLanguage(), format });
    const ok = await copyText(text, () => ui.scratch());
    flash(t(ok ? 'copied' : 'copyFailed'));
  }

  /** Shows the toolbar for the user's selection, or hides it when there is none worth saving. */
  function onSelection() {
    const sel = document.getSelection();
    if (!input.userSelection || !sel || sel.rangeCount === 0 || sel.isCollapsed || !sel.toString().trim()) {
      pending = null;
      if (ui.state.mode === 'toolbar') hide();
      return;
    }
    const range = sel.getRangeAt(0);
    if (!isPageText(range)) {
      hide();
      return;
    }
    pending = range.cloneRange();
    const { anchorNode, anchorOffset, focusNode, focusOffset } = sel;
    backward = !!anchorNode && !!focusNode && (anchorNode === focusNode
      ? focusOffset < anchorOffset
      : (anchorNode.compareDocumentPosition(focusNode) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
    void refreshContext();
    // A selection inside a saved passage (found with the browser's Find, say) can open its card.
    const existing = noteContaining(range.startContainer, range.startOffset);
    show({ mode: 'toolbar', at: { x: 0, y: 0 }, existing }, pending, TOOLBAR_SIZE);
  }

  /** The drawn note under a click, if any (the innermost when passages overlap). */
  function noteAt(x: number, y: number): Note | undefined {
    const caret = document.caretPositionFromPoint?.(x, y);
    const node = caret?.offsetNode ?? document.caretRangeFromPoint?.(x, y)?.startContainer;
    const offset = caret?.offset ?? document.caretRangeFromPoint?.(x, y)?.startOffset ?? 0;
    return node ? noteContaining(node, offset) : undefined;
  }

  /** The drawn note holding a point of the page, if any (the innermost when passages overlap). */
  function noteContaining(node: Node, offset: number): Note | undefined {
    let best: { note: Note; length: number } | undefined;
    for (const id of highlighter.ids()) {
      const range = highlighter.rangeOf(id);
      const note = notes.get(id);
      if (!range || !note) continue;
      try {
        if (!range.isPointInRange(node, offset)) continue;
      } catch {
        continue;
      }
      const length = range.toString().length;
      if (!best || length < best.length) best = { note, length };
    }
    return best?.note;
  }

  /** Opens a drawn note's card; `focus` puts the keyboard in its note or tag field. */
  function openCard(note: Note, focus?: EditorFocus) {
    void refreshContext();
    show({ mode: 'card', at: { x: 0, y: 0 }, note, focus }, highlighter.rangeOf(note.id) ?? null, CARD_SIZE);
  }

  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  listen<MouseEvent>(document, 'mousedown', (e) => {
    if (!e.isTrusted || ui.contains(e.target)) return;
    // A keyboard-selection timer set before this drag must not fire in the middle of it.
    clearTimeout(selectionTimer);
    hide();
  }, { capture: true });
  listen<MouseEvent>(document, 'mouseup', (e) => {
    // A page can dispatch a mouseup (and select text itself): only the user's own counts.
    if (!e.isTrusted || ui.contains(e.target)) return;
    // Let the browser settle the selection (a click inside a selection collapses it after mouseup).
    setTimeout(() => {
      if (hasSelection(document)) {
        input.userSelection = true;
        return onSelection();
      }
      // A plain click on a drawn passage (not on a link) opens its card.
      if (closestOf(e.target instanceof Node ? e.target : null, 'a, button, input, textarea, select, label')) return;
      const note = noteAt(e.clientX, e.clientY);
      if (note) openCard(note);
    }, 0);
  }, { capture: true });
  // Keyboard selections (Shift+arrows, select-all) arrive as selectionchange without a mouse. The
  // browser fires selectionchange for a script's selection too, trusted: whether it is the user's
  // is decided by the input tracker (which listens first), and onSelection shows nothing else.
  listen(document, 'selectionchange', () => {
    if (input.mouseDown || ui.typing()) return;
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => input.mouseDown || onSelection(), 250);
  });
  listen<KeyboardEvent>(document, 'keydown', (e) => {
    // A page can dispatch key events at will: it must never save, open or close anything.
    if (!e.isTrusted || ui.state.mode === 'hidden') return;
    if (e.key === 'Escape') {
      hide();
      return;
    }
    // Single-key shortcuts while the toolbar is up, unless typing (in the page or in our editor).
    if (ui.state.mode !== 'toolbar' || ui.typing() || e.ctrlKey || e.metaKey || e.altKey) return;
    if (closestOf(e.target instanceof Node ? e.target : null, FORM_FIELDS)) return;
    const key = e.key.toLowerCase();
    const colour = COLORS[Number(key) - 1];
    const act = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (key === 'h') (act(), run(save('highlight', context.color)));
    else if (key === 'q') (act(), run(save('quote', context.color)));
    else if (key === 'n' || key === 't') (act(), run(annotate(key === 'n' ? 'note' : 'tags')));
    else if (key === 'e' && ui.state.existing) (act(), openCard(ui.state.existing));
    else if (colour) (act(), run(save('highlight', colour)));
  }, { capture: true });
  listen(window, 'scroll', () => {
    if (ui.state.mode === 'hidden' || !anchorRange) return;
    // Follow the passage while it is on screen; scrolled away, the panel goes.
    if (!onScreen(anchorRange, viewport())) hide();
    else show(ui.state, anchorRange, ui.size() ?? TOOLBAR_SIZE);
  }, { passive: true, capture: true });

  // Single-page apps change the URL without reloading: the notes follow the URL.
  const stopWatching = watchLocation(() => {
    const next = normalizeUrl(location.href);
    if (next === pageUrl) return;
    pageUrl = next;
    hide();
    drawSaved().catch((e: unknown) => console.warn('Verbatim: the page’s notes could not be drawn', e));
  }, life.signal);

  // Clipping is clip.js's (entrypoints/clip): Readability is loaded only when the user clips.
  const handlers: Required<Omit<TabHandlers, 'extractArticle'>> = {
    refresh: async () => {
      await drawSaved();
      return true as const;
    },
    captureSelection: async ({ kind }) => {
      const sel = document.getSelection();
      // Only a selection the user made: a page that selects text itself must not have it saved
      // when the user happens to press the command's keys or pick the menu item.
      const range = input.userSelection && sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      pending = range && isPageText(range) ? range.cloneRange() : null;
      if (!pending) {
        flash(t('nothingSelected'));
        return false;
      }
      // The colour last picked, as the toolbar's Highlight and Quote buttons use.
      return (await save(kind, context.color)) !== null;
    },
    notify: ({ text }) => {
      flash(text);
      return true as const;
    },
    revealNote: async ({ id }) => {
      await firstDraw;
      const range = highlighter.rangeOf(id);
      if (!range) return false;
      const target = elementOf(range.startContainer);
      const behavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
      if (target) dom(target).scrollIntoView(target, { block: 'center', behavior });
      highlighter.flash(id);
      return true;
    },
    editorSaid: ({ id, message }) => {
      ui.editorSaid(id, message);
      return true as const;
    },
  };

  const stopListening = serveTab(handlers);

  function stop() {
    if (life.signal.aborted) return;
    life.abort();
    stopListening();
    stopWatching();
    clearTimeout(selectionTimer);
    ui.destroy();
    highlights.destroy();
  }

  /**
   * Settles once the page's saved notes were first drawn (what "Open at passage" waits for). A
   * failure here has no user action to answer: it is logged in this world's console (which the
   * page cannot read), and "Open at passage" then says the passage was not found.
   */
  const firstDraw = drawSaved().catch((e: unknown) => console.warn('Verbatim: the page’s notes could not be drawn', e));

  // Loaded because the user just selected text: the toolbar shows at once.
  if (hasSelection(document) && input.userSelection) onSelection();
}
