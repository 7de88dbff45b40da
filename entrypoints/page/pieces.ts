import type { Result } from '../../utils/messaging/protocol';
import type { UserInput } from '../../utils/page/page-input';
import { NoteActions } from './note-actions';
import { PageNotes, type BackgroundCall } from './page-notes';
import { Panel } from './panel';
import { SelectionObserver } from './selection-observer';
import { Shortcuts } from './shortcuts';

export interface PagePiecesOptions {
  doc: Document;
  /** The background's calls (callBackground; a fake one in tests). */
  call: BackgroundCall;
  /** The user's input, as the loader tracks it. */
  input: UserInput;
  /** The note editor page's URL (see PanelOptions.editorPage). */
  editorPage: string;
  /** Whether to go on handling events (see Scope). */
  alive?: () => boolean;
  /** Test seam: whether an event is the user's (the browser's `isTrusted`). */
  trusted?: (e: Event) => boolean;
}

/**
 * The page script's pieces wired together, once for the page (./index.ts) and its unit tests:
 * the page's notes, the toolbar and card, what the user does to notes, when a selection shows
 * the toolbar, the panel's keys. `destroy()` ends them all.
 */
export function pagePieces({ doc, call, input, editorPage, alive, trusted }: PagePiecesOptions) {
  const notes = new PageNotes(doc, call);
  /** A reply's value, or null when the call failed (the panel keeps what it had). */
  const valueOf = async <T>(reply: Promise<Result<T>>) => {
    const r = await reply;
    return r.ok ? r.value : null;
  };
  const panel: Panel = new Panel(doc, {
    buttons: () => actions.buttons,
    rangeOf: (id) => notes.rangeOf(id),
    missing: () => notes.missing(),
    colorNames: () => valueOf(call('colorNames', {})),
    citationStyles: () => valueOf(call('citationStyles', {})),
    editorPage,
    alive,
  });
  const actions = new NoteActions({ doc, call, input, notes, view: panel });
  const observer = new SelectionObserver({ doc, input, panel, notes, alive, trusted });
  const shortcuts = new Shortcuts({ doc, panel, actions, alive, trusted });
  return {
    notes,
    panel,
    actions,
    observer,
    destroy: () => {
      observer.destroy();
      shortcuts.destroy();
      panel.destroy();
      notes.destroy();
    },
  };
}

export type PagePieces = ReturnType<typeof pagePieces>;
