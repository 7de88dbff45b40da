/**
 * The in-page card's note editor is a page of the extension framed inside the card
 * (entrypoints/note-editor): what the user types there never passes through the web page.
 * This module is the little that the card and the frame share.
 */

/** Which field the editor focuses when the card opens on "Note" or "Tag". */
export type EditorFocus = 'note' | 'tags';

/**
 * What the frame tells the card: its height, or that the user closed it (Escape, Ctrl+Enter).
 * It travels frame → background → the tab's content script, never through the page's window:
 * a `postMessage` to the parent would be heard by the page's own listeners too.
 */
export type EditorMessage = { type: 'size'; height: number } | { type: 'close' };

/** The tallest the frame may ask to be, in px (a long note scrolls inside its field). */
export const MAX_EDITOR_HEIGHT = 480;

/** The editor page's path in the extension, for runtime.getURL and web_accessible_resources. */
export const EDITOR_PATH = '/note-editor.html';

/** The frame's URL for a note and the field to focus, from the editor page's URL. */
export function editorUrl(editorPage: string, noteId: string, focus?: EditorFocus): string {
  const url = new URL(editorPage);
  url.searchParams.set('note', noteId);
  if (focus) url.searchParams.set('focus', focus);
  return url.href;
}
