import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ColorPicker } from '../../components/ColorPicker';
import { KindToggle } from '../../components/KindToggle';
import { SpeakerField } from '../../components/SpeakerField';
import { TagEditor } from '../../components/TagEditor';
import type { Color, Note, NotePatch, PassageKind, TagCount } from '../../utils/domain/model';
import type { NoteSeen } from '../../utils/messaging/protocol';
import { t } from '../../utils/platform/i18n';
import { ErrorNotice } from '../../components/ErrorNotice';

export type NoteCardProps = {
  /** The note, as the library has it now (a change made elsewhere shows here). */
  note: Note;
  /** Where the card goes, in page coordinates (it scrolls with its passage). */
  at: { x: number; y: number };
  /** Names of the colours (the user's or the defaults). */
  colorNames: Record<Color, string>;
  /** The user's tags, most used first, for autocomplete. */
  tagSuggestions: TagCount[];
  /** Speakers already in the library, offered when the user types a quote's speaker. */
  speakerSuggestions?: readonly string[];
  /** Focuses the note field when the card opens (the passage was just made). */
  focusNote?: boolean;
  /** Why the last change or deletion of this note failed, in the user's language. */
  error?: string | undefined;
  /**
   * Saves a change; `seen`: the text and tags it was based on, so a save never silently undoes
   * another window's (`updateNote`). Resolves false when it was not saved (the card then keeps
   * what was typed).
   */
  onUpdate: (patch: NotePatch, seen?: NoteSeen) => Promise<boolean>;
  onDelete: () => void;
  onClose: () => void;
  /** Opens the quote card: an image of the passage for a slide or a post (issue #17). */
  onCard?: () => void;
};

/**
 * A passage's card in the reader, as on the page: colour, kind, note, a quote's speaker, tags, delete. Changes are
 * saved as they are made; the note text when the field is left or on Ctrl+Enter.
 */
export function NoteCard({ note, at, colorNames, tagSuggestions, speakerSuggestions, focusNote, error, onUpdate, onDelete, onClose, onCard }: NoteCardProps) {
  const card = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(note.note);
  /** The stored text the typing is based on (sent with the save). */
  const [base, setBase] = useState(note.note);
  /**
   * The last save was refused (another window changed the text meanwhile, or it could not be
   * stored): what was typed stays, and a text saved elsewhere shows above it once it arrives.
   */
  const [refused, setRefused] = useState(false);
  const typing = () => document.activeElement === field.current;
  // A note text saved elsewhere shows unless the user is typing here: theirs then shows above.
  /** A save on its way: a text arriving meanwhile must not replace what is being saved. */
  const saving = useRef(false);
  useEffect(() => {
    if (typing() || refused || saving.current) return;
    setText(note.note);
    setBase(note.note);
  }, [note.note]);
  /** Theirs is on screen: a save was refused and the stored text is no longer the one typing began from. */
  const theirsShown = refused && note.note !== base && note.note !== text.trim();
  // Before the card is painted, so a key or a click on it cannot come first and lose its focus.
  useLayoutEffect(() => {
    if (focusNote) field.current?.focus();
    else card.current?.focus();
  }, [note.id]);
  const saveText = () => {
    const next = text.trim();
    if (next === note.note) {
      // The other window saved the same text: nothing left to settle.
      setRefused(false);
      setBase(next);
      return;
    }
    // Not saved: what was typed stays in the field, with why below it. Refused because another
    // window changed the text meanwhile: saved again, now based on theirs, which the user has seen.
    // (The refusal may come back before theirs reaches this page: it shows when it arrives.)
    const seen = theirsShown ? note.note : base;
    saving.current = true;
    void onUpdate({ note: next }, { note: seen }).then((saved) => {
      saving.current = false;
      setRefused(!saved);
      setBase(saved ? next : seen);
    });
  };
  // Closing keeps what was typed: the field may not be left (blurred) before it goes.
  const close = () => {
    saveText();
    onClose();
  };
  // Every pick is sent, even one of the value shown: a pick made before the last one came back
  // (quote, then highlight again) must win; a pick that changes nothing writes nothing.
  const setKind = (kind: PassageKind) => void onUpdate({ kind });
  return (
    <div
      class="reader-card"
      role="dialog"
      aria-label={t('cardLabel')}
      tabIndex={-1}
      ref={card}
      data-note-id={note.id}
      style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div class="reader-card-row">
        <ColorPicker value={note.color} names={colorNames} label={t('colorsLabel')} onPick={(color) => void onUpdate({ color })} />
        <KindToggle value={note.kind} onPick={setKind} />
        <button type="button" class="reader-card-close link-button" aria-label={t('close')} onClick={close}>
          ×
        </button>
      </div>
      {theirsShown && (
        <p class="note-comment note-theirs">
          <span class="small muted">{t('noteChangedMeanwhile')} </span>
          {note.note}
        </p>
      )}
      <textarea
        ref={field}
        class="note-editor"
        rows={3}
        value={text}
        placeholder={t('notePlaceholder')}
        aria-label={t('noteLabel')}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={saveText}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveText();
        }}
      />
      {note.kind === 'quote' && <SpeakerField note={note} suggestions={speakerSuggestions} onSet={(speaker) => void onUpdate({ speaker })} />}
      <TagEditor
        tags={note.tags}
        suggestions={tagSuggestions}
        onAdd={(tag) => void onUpdate({ tags: [...note.tags, tag] }, { tags: note.tags })}
        onRemove={(tag) => void onUpdate({ tags: note.tags.filter((x) => x !== tag) }, { tags: note.tags })}
      />
      <ErrorNotice error={error} class="small" />
      <div class="reader-card-row reader-card-actions">
        {onCard && (
          <button type="button" class="btn btn-small" data-action="quote-card" aria-label={t('quoteCardActionLabel')} onClick={onCard}>
            {t('quoteCardAction')}
          </button>
        )}
        <button type="button" class="btn btn-small btn-danger" data-action="delete" onClick={onDelete}>
          {t('deleteNote')}
        </button>
      </div>
    </div>
  );
}
