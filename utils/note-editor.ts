/**
 * The in-page card's note editor is a page of the extension framed inside the card
 * (entrypoints/note-editor): what the user types there never passes through the web page.
 * This module is the little that the card and the frame share.
 */

/** Which field the editor focuses when the card opens on "Note" or "Tag". */
export type EditorFocus = 'note' | 'tags';

/** What the frame tells the card: its height, or that the user closed it (Escape, Ctrl+Enter). */
export type EditorMessage = { type: 'size'; height: number } | { type: 'close' };

/** The key under which the frame posts its messages to the page's window. */
export const EDITOR_MESSAGE = 'verbatimNoteEditor';

/** The tallest the frame may ask to be, in px (a long note scrolls inside its field). */
export const MAX_EDITOR_HEIGHT = 480;

/** The editor page's path in the extension, for the frame's src and web_accessible_resources. */
export const EDITOR_PATH = '/note-editor.html';

/** The frame's URL, for a note and the field to focus. */
export function editorUrl(base: string, noteId: string, focus?: EditorFocus): string {
  const url = new URL(EDITOR_PATH, base);
  url.searchParams.set('note', noteId);
  if (focus) url.searchParams.set('focus', focus);
  return url.href;
}

/**
 * The frame's message, if `data` is one: the page shares the window these messages arrive on, so
 * the card also checks they come from its own frame (`event.source`) before reading them.
 */
export function readEditorMessage(data: unknown): EditorMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const message = (data as Record<string, unknown>)[EDITOR_MESSAGE] as Record<string, unknown> | undefined;
  if (typeof message !== 'object' || message === null) return null;
  if (message.type === 'close') return { type: 'close' };
  if (message.type === 'size' && typeof message.height === 'number' && Number.isFinite(message.height)) {
    return { type: 'size', height: Math.min(Math.max(0, Math.round(message.height)), MAX_EDITOR_HEIGHT) };
  }
  return null;
}
