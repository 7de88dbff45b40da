import { useEffect, useRef } from 'preact/hooks';
import type { Note } from '../../utils/domain/model';
import { SWATCH } from '../../utils/platform/colors';
import { t } from '../../utils/platform/i18n';

/** How much of each missing passage the picker shows. */
const SHOWN_CHARS = 140;

export type AttachPickerProps = {
  /** The notes whose passage is missing on this page, oldest first. */
  notes: Note[];
  style: Record<string, string>;
  /** Gives the chosen note the selected passage. */
  onPick: (id: string) => void;
  onClose: () => void;
};

/**
 * "Attach here" with several missing notes: which one the selection is for. Each shows the passage
 * it had (text, never HTML) and its colour; the note's own text and tags stay out of the page, as
 * everywhere in it (they are only ever in the card's editor frame).
 */
export function AttachPicker({ notes, style, onPick, onClose }: AttachPickerProps) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => list.current?.querySelector('button')?.focus(), []);
  return (
    <div
      class="panel attach"
      style={style}
      role="dialog"
      aria-label={t('attachPickLabel')}
      // Keep the page's selection alive: it is the passage being attached.
      onMouseDown={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') return onClose();
        const buttons = Array.from(list.current?.querySelectorAll('button') ?? []);
        const at = buttons.indexOf(e.target as HTMLButtonElement);
        const next = { ArrowDown: at + 1, ArrowUp: at - 1 }[e.key];
        if (at < 0 || next === undefined) return;
        e.preventDefault();
        buttons[(next + buttons.length) % buttons.length]?.focus();
      }}
    >
      <div class="row">
        <span class="attach-title">{t('attachPickLabel')}</span>
        <button type="button" class="close" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div class="attach-list" ref={list}>
        {notes.map((note) => (
          <button key={note.id} type="button" class="attach-option" data-note-id={note.id} onClick={() => onPick(note.id)}>
            <span class="swatch" style={{ background: SWATCH[note.color] }} aria-hidden="true" />
            <span class="attach-text">{note.exact.length > SHOWN_CHARS ? `${note.exact.slice(0, SHOWN_CHARS)}…` : note.exact}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
