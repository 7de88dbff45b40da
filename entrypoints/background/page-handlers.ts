import { deleteNotesChange, undoChange } from '../../utils/db/changes';
import { addNote, articleByUrl, getSettings, pageHasNotes, reattachNote, recordAnchoring, updateNote } from '../../utils/db/repo';
import { locateAll } from '../../utils/anchoring';
import { mayReach, notesForPage } from '../../utils/db/aliases';
import { isPageNote } from '../../utils/domain/notes';
import type { LoaderProtocol, PageProtocol } from '../../utils/messaging/protocol';
import { CITE_SCRIPT, PAGE_SCRIPT } from '../../utils/messaging/rpc';
import { noteOfPage, type Handlers } from './caller';
import { offeredStyles } from '../../utils/citation/catalog';

/**
 * The background's answers to a web page: the loader's calls and the page script's. The router
 * has checked the sender (the top frame of a tab) and that any page URL claimed is its tab's, so
 * `pageUrl` is the one page these may read or write; a note named by id must be of that page.
 */
export const pageHandlers: Handlers<LoaderProtocol & PageProtocol> = {
  // Two indexed lookups (its own notes, then articles naming it): most pages have none, and get nothing more than the loader.
  hasNotes: (db, _req, { pageUrl }) => pageHasNotes(db, pageUrl),
  loadPage: async (_db, _req, { tabId, platform }) => {
    await platform.inject(tabId, PAGE_SCRIPT);
    return true as const;
  },
  // Notes on passages only: a page note (on the page as a whole) is nothing the page draws.
  pageNotes: async (db, { also }, { pageUrl }) => (await notesForPage(db, pageUrl, also)).filter((n) => !isPageNote(n)),
  saveNote: (db, { page, draft }) => addNote(db, page, draft),
  reportAnchoring: async (db, { found, orphaned }, { pageUrl }) => {
    await recordAnchoring(db, pageUrl, found, orphaned);
    return true as const;
  },
  updateNote: async (db, { id, patch, seen }, caller) => {
    await noteOfPage(db, id, caller);
    return updateNote(db, id, patch, seen);
  },
  // The card's delete and its Undo go through the same change sets as the extension pages'. The
  // undo record stays with the page (the note, schema-checked): a service worker stopped between
  // the two loses nothing.
  deleteNote: async (db, { id }, caller) => {
    await noteOfPage(db, id, caller);
    return (await deleteNotesChange(db, [id])).undo.notes[0] ?? null;
  },
  restoreNote: async (db, { note }, { pageUrl }) => {
    if (!(await mayReach(db, pageUrl, note.url))) throw new Error('a page may only restore its own notes');
    if (await db.notes.get(note.id)) throw new Error('that note exists already');
    await undoChange(db, { notes: [note], articles: [], bodies: [], created: { notes: [], articles: [], bodies: [] }, pages: [pageUrl] });
    return true as const;
  },
  reattachNote: async (db, { id, exact, selectors }, caller) => {
    await noteOfPage(db, id, caller);
    return reattachNote(db, id, { exact, selectors });
  },
  colorNames: async (db) => ({ ...(await getSettings(db)).colorNames }),
  citeNote: async (db, { id }, caller) => {
    const note = await noteOfPage(db, id, caller);
    const [article, { citationStyle, userStyles, userLocales }] = await Promise.all([articleByUrl(db, note.url), getSettings(db), caller.platform.inject(caller.tabId, CITE_SCRIPT)]);
    return { note, ...(article ? { article } : {}), settings: { citationStyle, userStyles, userLocales } };
  },
  citationStyles: async (db) => offeredStyles(await getSettings(db)),
  // Pure computation on what the page sent: no stored data is read or written.
  locateText: async (_db, { text, starts, breaks, selectors }) =>
    locateAll({ text, starts, breaks }, selectors).map((found) => found && { start: found.start, end: found.end }),
};
