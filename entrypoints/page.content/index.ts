import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { describe } from '../../utils/anchoring';
import { attributionOf } from '../../utils/attribution';
import { formatCitation } from '../../utils/citation';
import { colorName } from '../../utils/colors';
import { extractArticle, normalizeUrl, readPageMeta } from '../../utils/extract';
import { Highlighter } from '../../utils/highlighter';
import { t, uiLanguage } from '../../utils/i18n';
import { contentRequests, MAX_PAGE_TEXT, parseRequest, type ContentProtocol, type Request, type Result } from '../../utils/messages';
import { COLORS, type Color, type Note, type NoteKind, type NotePatch } from '../../utils/model';
import { PageHighlights } from '../../utils/page-highlights';
import { callBackground, errorMessage, onRequest } from '../../utils/rpc';
import { describeWriteError } from '../../utils/write-error';
import { copyText } from './clipboard';
import { leadingOf, onScreen, placeNear } from '../../utils/place';
import type { EditorFocus } from '../../utils/note-editor';
import { mountUi, type UiContext, type UiState } from './ui';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startPage(ctx);
  },
});

/** Whether a selection is the page's own text: not inside a form field, an editable region or Verbatim's UI. */
function isPageText(range: Range): boolean {
  const within = range.commonAncestorContainer;
  const el = within.nodeType === 1 ? (within as Element) : within.parentElement;
  return !!el && !el.closest('input, textarea, [contenteditable=""], [contenteditable="true"], verbatim-ui');
}

/** Estimated panel sizes, before the panel is measured. */
const TOOLBAR_SIZE = { width: 400, height: 44 };
const CARD_SIZE = { width: 420, height: 230 };

function startPage(ctx: ContentScriptContext) {
  const root = () => document.body ?? document.documentElement;
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
  let mouseDown = false;
  let context: UiContext = {
    colorNames: Object.fromEntries(COLORS.map((c) => [c, colorName(c)])) as Record<Color, string>,
    color: 'yellow',
    extensionUrl: browser.runtime.getURL('/'),
  };

  const ui = mountUi(document, {
    save: (kind, color) => void save(kind, color),
    annotate: (focus) => void annotate(focus),
    update: (id, patch) => void update(id, patch),
    remove: (id) => void remove(id),
    undo: () => void undo(),
    copy: (note, format) => void copy(note, format),
    close: () => hide(),
    edit: (note) => openCard(note),
    resized: () => {
      if (ui.state.mode !== 'hidden' && anchorRange) show(ui.state, anchorRange, ui.size() ?? CARD_SIZE);
    },
  });
  ui.setContext(context);

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

  /** Refreshes the colour names (cheap; done when a panel opens). */
  async function refreshContext() {
    const settings = await callBackground('settings', {});
    if (!settings.ok) return;
    context = {
      ...context,
      colorNames: Object.fromEntries(COLORS.map((c) => [c, colorName(c, settings.value)])) as Record<Color, string>,
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
    // Main-thread time, for the benchmark (read from the page's performance timeline).
    performance.measure('verbatim:anchor', {
      start,
      duration: highlights.busyMs,
      detail: { notes: reply.value.length, orphans: highlights.orphans.length, elapsedMs: performance.now() - start },
    });
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

  /** Shows the toolbar for the current selection, or hides it when there is none worth saving. */
  function onSelection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !sel.toString().trim()) {
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
  ctx.addEventListener(document, 'mousedown', (e) => {
    if (ui.contains(e.target)) return;
    mouseDown = true;
    // A keyboard-selection timer set before this drag must not fire in the middle of it.
    clearTimeout(selectionTimer);
    hide();
  });
  ctx.addEventListener(document, 'mouseup', (e) => {
    mouseDown = false;
    if (ui.contains(e.target)) return;
    // Let the browser settle the selection (a click inside a selection collapses it after mouseup).
    setTimeout(() => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return onSelection();
      // A plain click on a drawn passage (not on a link) opens its card.
      if ((e.target as Element | null)?.closest?.('a, button, input, textarea, select, label')) return;
      const note = noteAt(e.clientX, e.clientY);
      if (note) openCard(note);
    }, 0);
  });
  // Keyboard selections (Shift+arrows, select-all) arrive as selectionchange without a mouse.
  ctx.addEventListener(document, 'selectionchange', () => {
    if (mouseDown || ui.typing()) return;
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => mouseDown || onSelection(), 250);
  });
  ctx.addEventListener(document, 'keydown', (e) => {
    if (ui.state.mode === 'hidden') return;
    if (e.key === 'Escape') {
      hide();
      return;
    }
    // Single-key shortcuts while the toolbar is up, unless typing (in the page or in our editor).
    if (ui.state.mode !== 'toolbar' || ui.typing() || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as Element | null;
    if (target?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    const key = e.key.toLowerCase();
    const colour = COLORS[Number(key) - 1];
    const act = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (key === 'h') (act(), void save('highlight', context.color));
    else if (key === 'q') (act(), void save('quote', context.color));
    else if (key === 'n' || key === 't') (act(), void annotate(key === 'n' ? 'note' : 'tags'));
    else if (key === 'e' && ui.state.existing) (act(), openCard(ui.state.existing));
    else if (colour) (act(), void save('highlight', colour));
  }, { capture: true });
  ctx.addEventListener(window, 'scroll', () => {
    if (ui.state.mode === 'hidden' || !anchorRange) return;
    // Follow the passage while it is on screen; scrolled away, the panel goes.
    if (!onScreen(anchorRange, viewport())) hide();
    else show(ui.state, anchorRange, ui.size() ?? TOOLBAR_SIZE);
  }, { passive: true, capture: true });

  // Single-page apps change the URL without reloading: the notes follow the URL.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    pageUrl = normalizeUrl(location.href);
    hide();
    void drawSaved();
  });

  const handlers: { [K in keyof ContentProtocol]: (req: Request<ContentProtocol, K>) => ReturnType<ContentProtocol[K]> | Promise<ReturnType<ContentProtocol[K]>> } = {
    extractArticle: () => extractArticle(document, location.href),
    refresh: async () => {
      await drawSaved();
      return true as const;
    },
    captureSelection: async ({ kind }) => {
      const sel = document.getSelection();
      const range = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
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
      const target = range.startContainer.nodeType === 1 ? (range.startContainer as Element) : range.startContainer.parentElement;
      target?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      highlighter.flash(id);
      return true;
    },
  };

  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown; url?: string }): Promise<Result<unknown>> | undefined => {
    const request = parseRequest(contentRequests, message);
    if (!request) return undefined;
    if (!request.ok) return Promise.resolve(request);
    // Only Verbatim's own extension pages and background may ask things of a page. Firefox gives
    // an extension page shown in a tab (popup.html, sidepanel.html opened as tabs) a `sender.tab`,
    // Chrome does not: such a sender is recognised by its moz-extension:// URL instead (a content
    // script's sender URL is always its web page's).
    const ownPage = !sender.tab || (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);
    if (sender.id !== browser.runtime.id || !ownPage) return Promise.resolve({ ok: false, error: 'unknown sender' });
    const handler = handlers[request.type] as (req: unknown) => unknown;
    return Promise.resolve()
      .then(() => handler(request.payload))
      .then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, error: errorMessage(e) }),
      );
  };
  const stopListening = onRequest(onMessage);

  ctx.onInvalidated(() => {
    stopListening();
    clearTimeout(selectionTimer);
    ui.destroy();
    highlights.destroy();
  });

  /** Settles once the page's saved notes were first drawn (what "Open at passage" waits for). */
  const firstDraw = drawSaved();
}
