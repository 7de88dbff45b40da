import { PASSAGE_KINDS, type NoteKind, type PassageKind } from '../utils/domain/model';
import { t } from '../utils/platform/i18n';

export type KindToggleProps = {
  value: NoteKind;
  /**
   * Called with the kind the user picks, the one shown too: a pick made before the previous one
   * came back must win (storing the kind a note already has writes nothing).
   */
  onPick: (kind: PassageKind) => void;
};

/**
 * Highlight or quote, as a radio group: one tab stop, arrow keys choose and move focus with the
 * choice. The in-page card and the reader's card use it.
 */
export function KindToggle({ value, onPick }: KindToggleProps) {
  return (
    <div
      class="segmented"
      role="radiogroup"
      aria-label={t('kindLabel')}
      onKeyDown={(e) => {
        if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
        e.preventDefault();
        const kind = value === 'quote' ? 'highlight' : 'quote';
        onPick(kind);
        ((e.currentTarget as HTMLElement).querySelector(`[data-kind="${kind}"]`) as HTMLElement | null)?.focus();
      }}
    >
      {PASSAGE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          role="radio"
          aria-checked={value === kind}
          tabIndex={value === kind ? 0 : -1}
          data-kind={kind}
          onClick={() => onPick(kind)}
        >
          {t(kind === 'quote' ? 'kindQuote' : 'kindHighlight')}
        </button>
      ))}
    </div>
  );
}
