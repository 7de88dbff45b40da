/**
 * The in-page card's note editor is a page of the extension framed inside the card
 * (entrypoints/note-editor): what the user types there never passes through the web page.
 * This module is the little that the card and the frame share; what they tell each other
 * (`EditorMessage`) is in utils/messaging/protocol.ts with the other protocols.
 */

/** Which field the editor focuses when the card opens on "Note" or "Tag". */
export type EditorFocus = 'note' | 'tags';

/** The editor page's path in the extension, for runtime.getURL and web_accessible_resources. */
export const EDITOR_PATH = '/note-editor.html';

/** The frame's URL for a note and the field to focus, from the editor page's URL. */
export function editorUrl(editorPage: string, noteId: string, focus?: EditorFocus): string {
  const url = new URL(editorPage);
  url.searchParams.set('note', noteId);
  if (focus) url.searchParams.set('focus', focus);
  return url.href;
}
