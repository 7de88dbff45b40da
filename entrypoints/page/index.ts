import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { EDITOR_PATH } from '../../utils/page/note-editor';
import { hasSelection, trackUserInput, userInput, type UserInput } from '../../utils/page/page-input';
import { callBackground, serveTab } from '../../utils/messaging/rpc';
import { watchLocation } from '../../utils/page/watch-location';
import { pageHandlers } from './handlers';
import { pagePieces } from './pieces';

/**
 * Verbatim in a web page, injected on demand by the background into the loader's isolated world
 * (entrypoints/loader): when the page has notes, when the user selects text, or when an extension
 * page asks the tab for something. Every web page is hostile ground: only trusted input (the
 * user's own mouse and keys, tracked in utils/page/page-input.ts) may save, change or open anything;
 * what the page can clobber or replace is read through pristine accessors
 * (utils/dom/pristine.ts); and nothing of Verbatim's shows until the user acts (see
 * docs/security.md).
 *
 * This file only wires the pieces: the page's notes (./page-notes.ts), the toolbar, card and
 * messages (./panel.ts over ./ui.tsx), what the user does to notes (./note-actions.ts), when a
 * selection shows the toolbar (./selection-observer.ts), the panel's keys (./shortcuts.ts), wired
 * together by ./pieces.ts, and the answers to the extension (./handlers.ts).
 */
export default defineUnlistedScript(() => {
  const input = userInput();
  // Injected again (another call that needed it): one copy runs per page.
  if (input.page) return;
  input.page = true;
  startPage(document, input);
});

function startPage(doc: Document, input: UserInput) {
  // Tracked from document_start by the loader; started here in a tab that has no loader (opened
  // before Verbatim was installed).
  trackUserInput(doc);
  const call = callBackground;
  const life = new AbortController();
  /** An updated or removed extension leaves this script orphaned: it goes quietly. */
  const alive = () => {
    if (browser.runtime?.id) return true;
    stop();
    return false;
  };

  const { notes, panel, actions, observer, destroy } = pagePieces({
    doc,
    call,
    input,
    // In Chrome a per-session URL (use_dynamic_url): no page can probe a fixed one.
    editorPage: browser.runtime.getURL(EDITOR_PATH as '/note-editor.html'),
    alive,
  });

  // A failure to draw has no user action to answer: it is logged in this world's console (which
  // the page cannot read), and "Open at passage" then says the passage was not found.
  const draw = () => notes.draw().catch((e: unknown) => console.warn('Verbatim: the page’s notes could not be drawn', e));
  // Single-page apps change the URL without reloading: the notes follow the URL.
  const stopWatching = watchLocation(() => {
    if (!notes.moved()) return;
    panel.hide();
    void draw();
  }, life.signal);
  const firstDraw = draw();
  const stopServing = serveTab(pageHandlers({ doc, input, panel, notes, actions, firstDraw }));

  function stop() {
    if (life.signal.aborted) return;
    life.abort();
    stopServing();
    stopWatching();
    destroy();
  }

  // Loaded because the user just selected text: the toolbar shows at once. Loaded while they are
  // still dragging (the loader asks as soon as a drag selects): their mouse-up shows it, for the
  // whole selection.
  // The selection is read last: reading it lays out the page, which a page loaded with notes must
  // not pay for before its own first layout (about 100 ms on a 1 MB page).
  if (input.userSelection && !input.mouseDown && hasSelection(doc)) observer.check();
}
