import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, t } from '../utils/platform/i18n';
import type { Color, Note, NotePatch, NoteVersion, TagCount } from '../utils/domain/model';
import type { NoteSeen } from '../utils/messaging/protocol';
import type { OfferedStyle } from '../utils/citation/catalog';
import { CitationStylePicker } from './CitationStylePicker';
import { ColorPicker } from './ColorPicker';
import { NoteHistory } from './NoteHistory';
import { CheckedOn } from './QuoteCheckStatus';
import { SpeakerField } from './SpeakerField';
import { TagEditor } from './TagEditor';

export type NoteItemProps = {
  note: Note;
  /**
   * Saves a change to this note (colour, note text, tags); read-only without it. `seen`: the text
   * and tags the change was based on, so a save never silently undoes another window's
   * (`updateNote`). Resolves false when the change was not saved: an edited note text then comes
   * back in its editor, not lost.
   */
  onUpdate?: (noteId: string, patch: NotePatch, seen?: NoteSeen) => Promise<boolean> | void;
  /** Shows the note's earlier versions (replaced by a sync, set aside by a restore), each with Restore, when it has any. */
  onRestore?: (noteId: string, version: NoteVersion) => void;
  /** Shows a delete button when given. */
  onDelete?: (noteId: string) => void;
  /**
   * Shows "Copy citation" and "Markdown" (the same citation in Markdown), in the style picked
   * beside them (`styleId`, when `citationStyles` is given); resolves false when the clipboard refused.
   */
  onCopy?: (note: Note, format: 'text' | 'markdown', styleId?: string) => Promise<boolean>;
  /** The citation styles the copy offers, and the one picked at first (the user's default). */
  citationStyles?: { styles: OfferedStyle[]; default: string };
  /** What went wrong with the last action on this note (a change not saved…), shown on its row. */
  error?: string | undefined;
  /** Names of the colours (the user's or the defaults), for the colour picker. */
  colorNames?: Record<Color, string>;
  /** The user's tags, most used first, for autocomplete. */
  tagSuggestions?: TagCount[];
  /** Speakers already in the library, offered when the user types a quote's speaker. */
  speakerSuggestions?: readonly string[];
  /** Shows the quote's attribution line (side panel does, popup does not). */
  showAttribution?: boolean;
  /** Renders the quote and note text (the side panel marks the words a search matched). */
  renderText?: (text: string) => ComponentChildren;
  /** Where the note comes from, shown under it (side panel). */
  source?: { title: string; detail: string };
  /** Shows "Open at passage". */
  onOpen?: (note: Note) => void;
  /** Shows "Quote card" on a passage: an image of it for a slide or a post (issue #17). */
  onCard?: (note: Note) => void;
  /** Shows a checkbox for bulk actions. */
  onSelect?: (noteId: string, selected: boolean) => void;
  selected?: boolean;
  /** Shown at the note's foot (the side panel: the projects holding it and "Add to project"). */
  footer?: ComponentChildren;
  /** Container element: `li` in lists (default), `div` inside a virtual row. */
  as?: 'li' | 'div';
};

const KIND_LABEL = { highlight: 'kindHighlight', quote: 'kindQuote', page: 'kindPage' } as const;

/**
 * One highlight or quote: its text (never rendered as HTML), a quote's speaker, kind, colour, note and tags. A note
 * on the page as a whole (`kind: 'page'`) has no passage: its text is what it shows, "Open page"
 * rather than at a passage, no citation to copy, and emptying its text deletes it.
 */
export function NoteItem(props: NoteItemProps) {
  const { note, onUpdate, onRestore, onDelete, onCopy, citationStyles, error, colorNames, tagSuggestions, speakerSuggestions, showAttribution, renderText = (x: string) => x, source, onOpen, onCard, onSelect, selected, footer, as: Tag = 'li' } = props;
  const [copied, setCopied] = useState<{ format: 'text' | 'markdown'; result: 'copied' | 'copyFailed' } | null>(null);
  const [styleId, setStyleId] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const a = note.attribution;
  const [editing, setEditing] = useState(false);
  /** What the editor holds: set from the stored text when editing begins, then only by the user. */
  const [text, setText] = useState(note.note);
  /**
   * The stored text when this edit began: its first save is based on it, and a text stored since
   * (another window's) shows beside the editor.
   */
  const [began, setBegan] = useState(note.note);
  /** The last save was not made (another window changed the text meanwhile, or it failed): the next is based on the text shown now. */
  const [refused, setRefused] = useState(false);
  /**
   * This edit is finished (saved, or dropped with Escape): the blur that follows as the editor goes,
   * or a second Ctrl+Enter, does nothing.
   */
  const finished = useRef(false);
  const startEditing = () => {
    finished.current = false;
    setRefused(false);
    setText(note.note);
    setBegan(note.note);
    setEditing(true);
  };
  const onPage = note.kind === 'page';
  const saveText = () => {
    if (finished.current) return;
    finished.current = true;
    setEditing(false);
    if (!onUpdate || text === note.note) return;
    // A page note is its text: emptied, it goes (with the Undo every delete has).
    if (onPage && !text.trim()) {
      onDelete?.(note.id);
      return;
    }
    // Not saved: the text typed is still in `text`; the editor opens on it again. Refused because
    // another window changed the text meanwhile, it opens beside that text (`began` stays) once it
    // reaches this page; saved again, it is based on what the user now sees, and theirs is kept.
    // (The refusal may come back before their text shows here: then it is refused again.)
    const seen = refused ? note.note : began;
    void onUpdate(note.id, { note: text.trim() }, { note: seen })?.then((saved) => {
      if (saved) return;
      finished.current = false;
      setRefused(true);
      setEditing(true);
    });
  };
  return (
    <Tag class={`note note-${note.kind}${selected ? ' selected' : ''}`} data-note-id={note.id} data-color={note.color}>
      {onSelect && (
        <input type="checkbox" class="note-select" checked={!!selected} aria-label={t('selectNote')} onChange={(e) => onSelect(note.id, e.currentTarget.checked)} />
      )}
      {onPage ? !editing && <p class="page-note-text">{renderText(note.note)}</p> : <blockquote class="note-text">{renderText(note.exact)}</blockquote>}
      {source && (
        <p class="note-source small muted">
          {source.title}
          {source.detail && ` · ${source.detail}`}
        </p>
      )}
      {showAttribution && a && (
        <p class="note-attribution small muted">
          — {[a.author, a.title, a.siteName, formatDate(a.publishedTime)].filter(Boolean).join(' · ')}
        </p>
      )}
      {note.check && !onPage && <CheckedOn check={note.check} />}
      {note.kind === 'quote' && (
        <SpeakerField note={note} suggestions={speakerSuggestions} onSet={onUpdate && ((speaker) => void onUpdate(note.id, { speaker }))} />
      )}
      <div class="note-controls">
        <span class={`kind kind-${note.kind}`}>{t(KIND_LABEL[note.kind])}</span>
        {note.orphanedAt !== undefined && <span class="badge badge-orphan">{t('orphanBadge')}</span>}
        {onUpdate && colorNames && (
          <ColorPicker value={note.color} names={colorNames} label={t('colorsLabel')} onPick={(color) => onUpdate(note.id, { color })} />
        )}
        <span class="note-actions">
          {onOpen && (
            <button type="button" class="link-button" data-action="open" onClick={() => onOpen(note)}>
              {t(onPage ? 'openPage' : 'openAtPassage')}
            </button>
          )}
          {onUpdate && !editing && (
            <button type="button" class="link-button" onClick={startEditing}>
              {t(note.note ? 'editNote' : 'addNote')}
            </button>
          )}
          {onCopy && !onPage && citationStyles && (
            <CitationStylePicker offered={citationStyles} value={styleId ?? citationStyles.default} onPick={setStyleId} />
          )}
          {onCopy &&
            !onPage &&
            (['text', 'markdown'] as const).map((format) => (
              <button
                key={format}
                type="button"
                class="link-button"
                data-action={format === 'text' ? 'copy-text' : 'copy-markdown'}
                aria-live="polite"
                // "Markdown" alone on screen, beside "Copy citation"; its full name for screen readers.
                aria-label={copied?.format === format ? undefined : format === 'markdown' ? t('copyMarkdown') : undefined}
                onClick={() =>
                  void onCopy(note, format, citationStyles ? (styleId ?? citationStyles.default) : undefined).then(
                    (ok) => setCopied({ format, result: ok ? 'copied' : 'copyFailed' }),
                    () => setCopied({ format, result: 'copyFailed' }),
                  )
                }
              >
                {copied?.format === format ? t(copied.result) : t(format === 'text' ? 'copyCitation' : 'copyMarkdownShort')}
              </button>
            ))}
          {onCard && !onPage && (
            <button type="button" class="link-button" data-action="quote-card" aria-label={t('quoteCardActionLabel')} onClick={() => onCard(note)}>
              {t('quoteCardAction')}
            </button>
          )}
          {onDelete && (
            <button type="button" class="link-button note-delete" aria-label={t('deleteNoteLabel')} onClick={() => onDelete(note.id)}>
              {t('deleteNote')}
            </button>
          )}
        </span>
      </div>
      {editing && note.note !== began && (
        <p class="note-comment note-theirs">
          <span class="small muted">{t('noteChangedMeanwhile')} </span>
          {note.note}
        </p>
      )}
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
              finished.current = true;
              setEditing(false);
            } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveText();
          }}
        />
      ) : (
        !onPage && note.note && <p class="note-comment">{renderText(note.note)}</p>
      )}
      {onRestore && note.history?.length ? (
        <NoteHistory note={{ ...note, history: note.history }} colorNames={colorNames} onRestore={(v) => onRestore(note.id, v)} />
      ) : null}
      {error && (
        <p class="notice error note-error small" role="alert">
          {error}
        </p>
      )}
      {/* Tags and what follows them (the projects) share a line when there is room. */}
      <div class="note-foot">
        <TagEditor
          tags={note.tags}
          suggestions={tagSuggestions}
          onAdd={onUpdate && ((tag) => onUpdate(note.id, { tags: [...note.tags, tag] }, { tags: note.tags }))}
          onRemove={onUpdate && ((tag) => onUpdate(note.id, { tags: note.tags.filter((x) => x !== tag) }, { tags: note.tags }))}
        />
        {footer}
      </div>
    </Tag>
  );
}

