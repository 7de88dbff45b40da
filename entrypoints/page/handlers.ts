import { t } from '../../utils/platform/i18n';
import type { UserInput } from '../../utils/page/page-input';
import type { TabHandlers } from '../../utils/messaging/rpc';
import type { NoteActions } from './note-actions';
import type { PageNotes } from './page-notes';
import type { Panel } from './panel';
import { isPageText } from './selection-observer';

/** What the page script answers (clipping is clip.js's: entrypoints/clip, loaded only to clip). */
export type PageHandlers = Required<Omit<TabHandlers, 'extractArticle' | 'fetchImages'>>;

export interface PageHandlersOptions {
  doc: Document;
  input: UserInput;
  panel: Pick<Panel, 'select' | 'flash' | 'color' | 'editorSaid'>;
  notes: Pick<PageNotes, 'draw' | 'reveal' | 'missing' | 'url' | 'addresses'>;
  actions: Pick<NoteActions, 'save'>;
  /** Settles once the page's saved notes were first drawn (what "Open at passage" waits for). */
  firstDraw: Promise<unknown>;
}

/** The page script's answers to the extension's pages and background (served by `serveTab`). */
export function pageHandlers({ doc, input, panel, notes, actions, firstDraw }: PageHandlersOptions): PageHandlers {
  return {
    refresh: async () => {
      await notes.draw();
      return true as const;
    },
    captureSelection: async ({ kind }) => {
      const sel = doc.getSelection();
      // Only a selection the user made: a page that selects text itself must not have it saved
      // when the user happens to press the command's keys or pick the menu item.
      const range = input.userSelection && sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      const selection = range && isPageText(range) ? range.cloneRange() : null;
      panel.select(selection);
      if (!selection) {
        panel.flash(t('nothingSelected'));
        return false;
      }
      // The colour last picked, as the toolbar's Highlight and Quote buttons use.
      return (await actions.save(kind, panel.color)) !== null;
    },
    notify: ({ text }) => {
      panel.flash(text);
      return true as const;
    },
    revealNote: async ({ id }) => {
      await firstDraw;
      if (notes.reveal(id)) return true;
      // "Open at passage" on an orphan: say so where the user now looks, and how to fix it.
      if (notes.missing().some((n) => n.id === id)) panel.flash(t('passageMissingHere'), { long: true });
      return false;
    },
    declaredAddresses: () => ({ url: notes.url, addresses: notes.addresses() }),
    editorSaid: ({ id, message }) => {
      panel.editorSaid(id, message);
      return true as const;
    },
  };
}
