import { useEffect, useState } from 'preact/hooks';
import { formatDate, t } from '../utils/i18n';
import type { Color, Note, NotePatch, TagCount } from '../utils/model';
import { ColorPicker } from './ColorPicker';
import { TagEditor } from './TagEditor';

export type NoteItemProps = {
  note: Note;
  /** Saves a change to this note (colour, note text, tags); read-only without it. */
  onUpdate?: (noteId: string, patch: NotePatch) => void;
  /** Shows a delete button when given. */
  onDelete?: (noteId: string) => void;
  /** Shows "Copy citation"; resolves false when the clipboard refused. */
  onCopy?: (note: Note) => Promise<boolean>;
  /** Names of the colours (the user's or the defaults), for the colour picker. */
  colorNames?: Record<Color, string>;
  /** The user's tags, most used first, for autocomplete. */
  tagSuggestions?: TagCount[];
  /** Shows the quote's attribution line (side panel does, popup does not). */
  showAttribution?: boolean;
};

/** One highlight or quote: its text (never rendered as HTML), kind, colour, note and tags. */
export function NoteItem({ note, onUpdate, onDelete, onCopy, colorNames, tagSuggestions, showAttribution }: NoteItemProps) {
  const [copied, setCopied] = useState<'copied' | 'copyFailed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const a = note.attribution;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.note);
  useEffect(() => setText(note.note), [note.note]);
  const saveText = () => {
    setEditing(false);
    if (onUpdate && text !== note.note) onUpdate(note.id, { note: text.trim() });
  };
  return (
    <li class={`note note-${note.kind}`} data-note-id={note.id} data-color={note.color}>
      <blockquote class="note-text">{note.exact}</blockquote>
      <div class="note-meta">
        <span class={`kind kind-${note.kind}`}>{t(note.kind === 'quote' ? 'kindQuote' : 'kindHighlight')}</span>
        {note.orphanedAt !== undefined && <span class="badge badge-orphan">{t('orphanBadge')}</span>}
        {showAttribution && a && (
          <span class="attribution">
            — {[a.author, a.title, a.siteName, formatDate(a.publishedTime)].filter(Boolean).join(', ')}
          </span>
        )}
        <span class="note-actions">
          {onUpdate && colorNames && (
            <ColorPicker value={note.color} names={colorNames} label={t('colorsLabel')} onPick={(color) => onUpdate(note.id, { color })} />
          )}
          {onUpdate && !editing && (
            <button type="button" class="link-button" onClick={() => setEditing(true)}>
              {t(note.note ? 'editNote' : 'addNote')}
            </button>
          )}
          {onCopy && (
            <button type="button" class="link-button" aria-live="polite" onClick={() => void onCopy(note).then((ok) => setCopied(ok ? 'copied' : 'copyFailed'))}>
              {copied ? t(copied) : t('copyCitation')}
            </button>
          )}
          {onDelete && (
            <button type="button" class="link-button note-delete" aria-label={t('deleteNoteLabel')} onClick={() => onDelete(note.id)}>
              {t('deleteNote')}
            </button>
          )}
        </span>
      </div>
      {editing ? (
        <textarea
          class="note-editor"
          rows={3}
          value={text}
          placeholder={t('notePlaceholder')}
          aria-label={t('noteLabel')}
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          onInput={(e) => setText(e.currentTarget.value)}
          onBlur={saveText}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setText(note.note);
              setEditing(false);
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveText();
          }}
        />
      ) : (
        note.note && <p class="note-comment">{note.note}</p>
      )}
      <TagEditor
        tags={note.tags}
        suggestions={tagSuggestions}
        onAdd={onUpdate && ((tag) => onUpdate(note.id, { tags: [...note.tags, tag] }))}
        onRemove={onUpdate && ((tag) => onUpdate(note.id, { tags: note.tags.filter((x) => x !== tag) }))}
      />
    </li>
  );
}
