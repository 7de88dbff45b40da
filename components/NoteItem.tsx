import { formatDate, t } from '../utils/i18n';
import type { Note } from '../utils/model';
import { TagEditor } from './TagEditor';

export type NoteItemProps = {
  note: Note;
  /** Adds a tag to this note; tags are read-only without it. */
  onAddTag?: (noteId: string, tag: string) => void;
  /** Removes a tag from this note. */
  onRemoveTag?: (noteId: string, tag: string) => void;
  /** Shows the quote's attribution line (side panel does, popup does not). */
  showAttribution?: boolean;
  /** Shows a delete button when given. */
  onDelete?: (noteId: string) => void;
};

/** One highlight or quote: its text (never rendered as HTML), kind, colour and tags. */
export function NoteItem({ note, onAddTag, onRemoveTag, showAttribution, onDelete }: NoteItemProps) {
  const a = note.attribution;
  return (
    <li class={`note note-${note.kind}`} data-note-id={note.id} data-color={note.color}>
      <blockquote class="note-text">
        {note.exact}
      </blockquote>
      <div class="note-meta">
        <span class={`kind kind-${note.kind}`}>{t(note.kind === 'quote' ? 'kindQuote' : 'kindHighlight')}</span>
        {note.orphanedAt !== undefined && <span class="badge badge-orphan">{t('orphanBadge')}</span>}
        {showAttribution && a && (
          <span class="attribution">
            — {[a.author, a.title, a.siteName, formatDate(a.publishedTime)].filter(Boolean).join(', ')}
          </span>
        )}
        {onDelete && (
          <button type="button" class="link-button note-delete" aria-label={t('deleteNoteLabel')} onClick={() => onDelete(note.id)}>
            {t('deleteNote')}
          </button>
        )}
      </div>
      {note.note && <p class="note-comment">{note.note}</p>}
      <TagEditor
        tags={note.tags}
        onAdd={onAddTag && ((tag) => onAddTag(note.id, tag))}
        onRemove={onRemoveTag && ((tag) => onRemoveTag(note.id, tag))}
      />
    </li>
  );
}
