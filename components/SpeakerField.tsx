import { useRef, useState } from 'preact/hooks';
import { t } from '../utils/platform/i18n';
import type { Note } from '../utils/domain/model';
import { MAX_SPEAKER } from '../utils/domain/record-schemas';

export type SpeakerFieldProps = {
  /** The quote: its speaker, and whether that is still Verbatim's proposal. */
  note: Pick<Note, 'speaker' | 'speakerProposed'>;
  /**
   * Sets the speaker as the user wants it: the proposed name (accepted), another one (changed), or
   * `""` (cleared). Read-only without it.
   */
  onSet?: (speaker: string) => void;
  /** Speakers already used in the library, offered as the user types. */
  suggestions?: readonly string[];
  /** Opens on the name field (the in-page card opened to change the speaker). */
  autoFocus?: boolean;
};

/**
 * Who said a quote's words: the name, marked "proposed" while it is Verbatim's guess, with Accept
 * (a proposal), Change and Clear; "Add speaker" when there is none. Enter or leaving the field
 * saves, Escape drops the change. The name is text, never markup.
 */
export function SpeakerField({ note, onSet, suggestions = [], autoFocus = false }: SpeakerFieldProps) {
  const [editing, setEditing] = useState(autoFocus);
  const [draft, setDraft] = useState(note.speaker ?? '');
  /** The edit ended (Escape, or saved by Enter): the blur that follows must not save again. */
  const cancelled = useRef(false);
  const listId = useRef(`speakers-${Math.random().toString(36).slice(2)}`).current;
  const { speaker, speakerProposed } = note;
  if (!onSet && !speaker) return null;

  const begin = () => {
    cancelled.current = false;
    setDraft(speaker ?? '');
    setEditing(true);
  };
  const finish = () => {
    setEditing(false);
    if (cancelled.current || !onSet) return;
    cancelled.current = true;
    const typed = draft.trim();
    // Unchanged and not a proposal: nothing to save. A proposal left as it was is not an acceptance either.
    if (typed === (speaker ?? '')) return;
    onSet(typed);
  };

  if (editing && onSet) {
    return (
      <p class="speaker speaker-editing">
        <label class="speaker-label small muted" for={`${listId}-input`}>
          {t('speakerLabel')}
        </label>
        <input
          id={`${listId}-input`}
          class="speaker-input"
          type="text"
          value={draft}
          maxLength={MAX_SPEAKER}
          placeholder={t('speakerPlaceholder')}
          list={suggestions.length ? listId : undefined}
          autoComplete="off"
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          onInput={(e) => setDraft(e.currentTarget.value)}
          onBlur={finish}
          onKeyDown={(e) => {
            // The card closes on Escape and Ctrl+Enter: here they end the edit first.
            if (e.key === 'Escape') {
              e.stopPropagation();
              cancelled.current = true;
              setEditing(false);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              e.stopPropagation();
              finish();
            }
          }}
        />
        {suggestions.length > 0 && (
          <datalist id={listId}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
      </p>
    );
  }

  return (
    <p class={`speaker${speakerProposed ? ' speaker-proposed' : ''}`}>
      {speaker ? (
        <>
          <span class="speaker-label small muted">{t('speakerLabel')}</span> <span class="speaker-name">{speaker}</span>
          {speakerProposed && (
            <span class="badge badge-proposed" title={t('speakerProposedHint')}>
              {t('speakerProposedBadge')}
            </span>
          )}
        </>
      ) : null}
      {onSet && (
        <span class="speaker-actions">
          {speaker && speakerProposed && (
            <button type="button" class="link-button" data-action="speaker-accept" aria-label={t('speakerAcceptLabel', speaker)} onClick={() => onSet(speaker)}>
              {t('speakerAccept')}
            </button>
          )}
          <button type="button" class="link-button" data-action="speaker-edit" onClick={begin}>
            {t(speaker ? 'speakerChange' : 'speakerAdd')}
          </button>
          {speaker && (
            <button type="button" class="link-button" data-action="speaker-clear" aria-label={t('speakerClearLabel')} onClick={() => onSet('')}>
              {t('speakerClear')}
            </button>
          )}
        </span>
      )}
    </p>
  );
}
