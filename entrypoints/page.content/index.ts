import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { describe } from '../../utils/anchoring';
import { extractArticle, normalizeUrl, readPageMeta } from '../../utils/extract';
import { Highlighter } from '../../utils/highlighter';
import { t } from '../../utils/i18n';
import { contentRequests, parseRequest, type ContentProtocol, type Result } from '../../utils/messages';
import type { NoteKind } from '../../utils/model';
import { PageHighlights } from '../../utils/page-highlights';
import { callBackground, errorMessage, onRequest } from '../../utils/rpc';
import { mountToolbar, placeToolbar } from './toolbar';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startPage(ctx);
  },
});

/** Colour a new note gets by kind, until the toolbar offers a choice. */
const DEFAULT_COLOR = { highlight: 'yellow', quote: 'blue' } as const;

function startPage(ctx: ContentScriptContext) {
  const root = () => document.body ?? document.documentElement;
  const highlights = new PageHighlights({
    root,
    highlighter: new Highlighter(document),
    report: (found, orphaned) => void callBackground('reportAnchoring', { url: pageUrl, found, orphaned }),
  });
  let pageUrl = normalizeUrl(location.href);
  /** The selection the toolbar acts on, kept because clicking may collapse the live one. */
  let pending: Range | null = null;
  let mouseDown = false;

  /** Fetches this page's notes and draws those that anchor. */
  async function drawSaved() {
    const reply = await callBackground('pageNotes', { url: pageUrl });
    if (!reply.ok) return;
    const start = performance.now();
    await highlights.show(reply.value);
    // Main-thread time, for the benchmark (read from the page's performance timeline).
    performance.measure('verbatim:anchor', {
      start,
      duration: highlights.busyMs,
      detail: { notes: reply.value.length, orphans: highlights.orphans.length, elapsedMs: performance.now() - start },
    });
  }

  async function save(kind: NoteKind) {
    const range = pending;
    toolbar.hide();
    if (!range || range.collapsed) return;
    const selectors = describe(root(), range);
    const exact = range.toString().trim();
    if (!exact) return;
    const reply = await callBackground('saveNote', {
      page: readPageMeta(document, location.href),
      draft: { kind, color: DEFAULT_COLOR[kind], exact, selectors },
    });
    if (!reply.ok) {
      toolbar.flash(t('saveFailed', reply.error));
      return;
    }
    highlights.add(reply.value, range);
    document.getSelection()?.removeAllRanges();
    pending = null;
  }

  const toolbar = mountToolbar(document, (kind) => void save(kind));

  /** Shows the toolbar for the current selection, or hides it when there is none worth saving. */
  function onSelection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !sel.toString().trim()) {
      pending = null;
      toolbar.hide();
      return;
    }
    const range = sel.getRangeAt(0);
    // Selections inside form fields or our own UI are not the page's text.
    const within = range.commonAncestorContainer;
    const el = within.nodeType === 1 ? (within as Element) : within.parentElement;
    if (!el || el.closest('input, textarea, [contenteditable=""], [contenteditable="true"], verbatim-ui')) {
      toolbar.hide();
      return;
    }
    pending = range.cloneRange();
    toolbar.show(placeToolbar(range, { width: innerWidth, height: innerHeight }));
  }

  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  ctx.addEventListener(document, 'mousedown', (e) => {
    if (toolbar.contains(e.target)) return;
    mouseDown = true;
    // A keyboard-selection timer set before this drag must not fire in the middle of it.
    clearTimeout(selectionTimer);
    toolbar.hide();
  });
  ctx.addEventListener(document, 'mouseup', (e) => {
    mouseDown = false;
    if (toolbar.contains(e.target)) return;
    // Let the browser settle the selection (a click inside a selection collapses it after mouseup).
    setTimeout(onSelection, 0);
  });
  // Keyboard selections (Shift+arrows, select-all) arrive as selectionchange without a mouse.
  ctx.addEventListener(document, 'selectionchange', () => {
    if (mouseDown) return;
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => mouseDown || onSelection(), 200);
  });
  ctx.addEventListener(document, 'keydown', (e) => {
    if (e.key === 'Escape') toolbar.hide();
  });
  ctx.addEventListener(window, 'scroll', () => {
    if (pending && toolbar.visible) toolbar.show(placeToolbar(pending, { width: innerWidth, height: innerHeight }));
  }, { passive: true, capture: true });

  // Single-page apps change the URL without reloading: the notes follow the URL.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    pageUrl = normalizeUrl(location.href);
    void drawSaved();
  });

  const handlers: { [K in keyof ContentProtocol]: () => ReturnType<ContentProtocol[K]> | Promise<ReturnType<ContentProtocol[K]>> } = {
    extractArticle: () => extractArticle(document, location.href),
    refresh: async () => {
      await drawSaved();
      return true as const;
    },
  };

  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }): Promise<Result<unknown>> | undefined => {
    const request = parseRequest(contentRequests, message);
    if (!request) return undefined;
    if (!request.ok) return Promise.resolve(request);
    // Only Verbatim's own extension pages (no tab) may ask a page for its article.
    if (sender.id !== browser.runtime.id || sender.tab) return Promise.resolve({ ok: false, error: 'unknown sender' });
    return Promise.resolve()
      .then(() => handlers[request.type]())
      .then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, error: errorMessage(e) }),
      );
  };
  const stopListening = onRequest(onMessage);

  ctx.onInvalidated(() => {
    stopListening();
    clearTimeout(selectionTimer);
    toolbar.destroy();
    highlights.destroy();
  });

  void drawSaved();
}
