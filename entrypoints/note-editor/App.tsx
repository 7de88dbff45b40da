import { useEffect, useRef, useState } from 'preact/hooks';
import { SpeakerField } from '../../components/SpeakerField';
import { TagEditor } from '../../components/TagEditor';
import { CardProjects } from './Projects';
import { t } from '../../utils/platform/i18n';
import type { Note, TagCount } from '../../utils/domain/model';
import { callBackground } from '../../utils/messaging/rpc';
import { describeWriteError, writeFailure } from '../../utils/platform/write-error';
import type { EditorMessage } from '../../utils/messaging/protocol';
import type { EditorFocus } from '../../utils/page/note-editor';

/**
 * The note and tag editor of the in-page card. It is a page of the extension shown in a frame
 * inside the card, not part of the card's shadow root: keystrokes typed in a shadow root still
 * reach the page's listeners (key and input events cross its boundary), but a frame of another
 * origin keeps them, and the note text it shows, out of the page's reach. It reads and writes
 * the note through the background (a framed extension page may not open the extension's
 * database in Chrome: its storage is the page's partition). It tells the card its height and
 * "close" through the background too: a postMessage to the parent window would reach the page.
 */

export interface EditorParams {
  id: string;
  focus?: EditorFocus;
}

/** The note to edit and the field to focus, from the frame's `?note=ID&focus=note|tags`. */
export function readEditorParams(search: string): EditorParams | null {
  const params = new URLSearchParams(search);
  const id = params.get('note');
  if (!id || !/^[\w-]{1,64}$/.test(id)) return null;
  const focus = params.get('focus');
  return { id, focus: focus === 'note' || focus === 'tags' ? focus : undefined };
}


/**
 * Whether the page that frames this editor is the note's own page (Chrome names the framing
 * origins). Where the browser does not, another page could frame the editor, but it can neither
 * read nor script a frame of the extension's origin.
 */
function framedByNotePage(noteUrl: string): boolean {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (!ancestors || ancestors.length === 0) return true;
  try {
    return ancestors[0] === new URL(noteUrl).origin;
  } catch {
    return false;
  }
}

type Patch = { note?: string; tags?: string[]; speaker?: string };

export function App({ params }: { params: EditorParams }) {
  const [note, setNote] = useState<Note | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [speakers, setSpeakers] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The text another window saved, shown beside the user's after a refused save. */
  const [theirs, setTheirs] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  /** The text as last typed (null until the user types). */
  const latest = useRef<string | null>(null);
  const saving = useRef(Promise.resolve());
  /** Tells the card (through the background, never the page's window) its height or "close". */
  const tell = (message: EditorMessage) => void callBackground('editorSignal', { id: params.id, message });
  /** The note as last stored: each change is computed from it, in order. */
  const stored = useRef<Note | null>(null);
  /**
   * The text of the save on its way to the background (null when none): what the note will hold
   * once it lands, so a save sent behind it (closing the card) is based on it, not on the text
   * stored before it, which the background would then refuse as another window's change.
   */
  const sending = useRef<string | null>(null);
  /**
   * Set when a save was refused because another window changed the note's text: the user's text
   * stays in the field, unsaved, until they type again (their text is then saved over the other),
   * and closing the card does not save it behind their back.
   */
  const conflicted = useRef(false);

  useEffect(() => {
    void callBackground('editorOpen', { id: params.id }).then((reply) => {
      if (!reply.ok) return setError(describeWriteError(reply.error));
      stored.current = reply.value.note;
      setNote(reply.value.note);
      setText(reply.value.note.note);
      setTags(reply.value.tags);
      setSpeakers(reply.value.speakers);
    });
  }, [params.id]);

  // The card changes the kind (a highlight made a quote gets a proposed speaker) outside this
  // frame: read the note's kind and speaker again when the user comes back to it. Its text and
  // tags stay as this frame has them (a save is based on them). The read takes its turn among
  // the saves: a click in the frame focuses it as it saves (Accept), and a read answered after
  // that save but made before it would put the older speaker back.
  useEffect(() => {
    const refresh = () =>
      void (saving.current = saving.current.then(async () => {
        const reply = await callBackground('editorOpen', { id: params.id });
        if (!reply.ok || !stored.current) return;
        const { kind, speaker, speakerProposed } = reply.value.note;
        const next: Note = { ...stored.current, kind };
        delete next.speaker;
        delete next.speakerProposed;
        stored.current = { ...next, ...(speaker !== undefined && { speaker }), ...(speakerProposed && { speakerProposed }) };
        setNote(stored.current);
      }));
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [params.id]);

  /**
   * Sends each change as soon as it is made (closing the card then loses nothing), in order,
   * each computed from the note as stored: two tags added in quick succession both stay.
   */
  const save = (change: (current: Note) => Patch) => {
    saving.current = saving.current.then(async () => {
      if (!stored.current) return;
      const current = stored.current;
      const patch = change(current);
      // Keystrokes queued behind a slow write all carry the latest text: send it once.
      if (patch.tags === undefined && patch.speaker === undefined && patch.note === current.note) return;
      // Based on the note as stored when last read here: another window's change is never undone silently.
      const seen = { ...(patch.note !== undefined && { note: current.note }), ...(patch.tags && { tags: current.tags }) };
      sending.current = patch.note ?? null;
      const reply = await callBackground('editorSave', { id: params.id, patch, seen });
      sending.current = null;
      if (!reply.ok) {
        setError(describeWriteError(reply.error, 'noteChangeFailed', 'storageFullChangeNotSaved'));
        if (writeFailure(reply.error) === 'conflict') {
          // The note as the other window left it: typing again saves over it, having seen it.
          conflicted.current = true;
          const fresh = await callBackground('editorOpen', { id: params.id });
          if (fresh.ok) {
            stored.current = fresh.value.note;
            setNote(fresh.value.note);
            setTheirs(fresh.value.note.note);
          }
        }
        return;
      }
      stored.current = reply.value;
      setNote(reply.value);
      setError(null);
    });
  };

  useEffect(() => {
    const observer = new ResizeObserver(() => tell({ type: 'size', height: Math.ceil(document.body.getBoundingClientRect().height) }));
    observer.observe(document.body);
    // Escape (or Ctrl+Enter) closes the card; an open list of completions takes Escape first, and
    // stops it there. The card is told on the key's release, once the key has been handled here:
    // removing this frame between a key's press and its release leaves the release nowhere to go.
    let closing: string | null = null;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        closing = e.key;
      }
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (closing !== null && e.key === closing) tell({ type: 'close' });
      closing = null;
    };
    // The card may close (a click on the page, a scroll) while a save waits behind another: the
    // frame is then unloaded, and the latest text leaves at once, after whatever was sent before it.
    const onHide = () => {
      if (!stored.current || conflicted.current || latest.current === null) return;
      const base = sending.current ?? stored.current.note;
      if (latest.current !== base) void callBackground('editorSave', { id: params.id, patch: { note: latest.current }, seen: { note: base } });
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('keyup', onKeyUp);
    window.addEventListener('pagehide', onHide);
    return () => {
      observer.disconnect();
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('pagehide', onHide);
    };
  }, []);

  // The card gives this frame focus when it opened on "Note" or "Tag": pass it to that field.
  const loaded = note !== null;
  useEffect(() => {
    if (!loaded || !params.focus) return;
    const focusField = () => {
      if (params.focus === 'note') field.current?.focus();
      else document.querySelector<HTMLInputElement>('.tag-input')?.focus();
    };
    if (document.hasFocus()) focusField();
    window.addEventListener('focus', focusField, { once: true });
    return () => window.removeEventListener('focus', focusField);
  }, [loaded]);

  if (!note) return error ? <p class="editor-error" role="alert">{error}</p> : null;
  if (!framedByNotePage(note.url)) return null;
  return (
    <div class="editor">
      <textarea
        ref={field}
        class="note-field"
        rows={3}
        value={text}
        placeholder={t('notePlaceholder')}
        aria-label={t('noteLabel')}
        onInput={(e) => {
          const value = e.currentTarget.value;
          latest.current = value;
          conflicted.current = false;
          setTheirs(null);
          setText(value);
          save(() => ({ note: latest.current ?? value }));
        }}
      />
      {note.kind === 'quote' && <SpeakerField note={note} suggestions={speakers} onSet={(speaker) => save(() => ({ speaker }))} />}
      <TagEditor
        tags={note.tags}
        suggestions={tags}
        onAdd={(tag) => save((current) => ({ tags: [...current.tags, tag] }))}
        onRemove={(tag) => save((current) => ({ tags: current.tags.filter((x) => x !== tag) }))}
      />
      <CardProjects noteId={note.id} />
      {error && <p class="editor-error" role="alert">{error}</p>}
      {theirs !== null && (
        <p class="editor-theirs">
          <span>{t('noteChangedMeanwhile')} </span>
          {theirs}
        </p>
      )}
    </div>
  );
}
