import { useEffect, useRef, useState } from 'preact/hooks';
import { ColorPicker } from '../../components/ColorPicker';
import { useColorNames } from '../../hooks/useColorNames';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Color, NoteKind } from '../../utils/domain/model';
import { placeNear, type Point } from '../../utils/page/place';
import { t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';

export type ToolbarProps = {
  db: VerbatimDb;
  root: () => HTMLElement | null;
  /**
   * Saves the selection; rejects when it was not saved (the toolbar says so and stays). `withNote`:
   * the user asked to write a note on it (its card opens on the note field).
   */
  onSave: (kind: NoteKind, color: Color, range: Range, withNote: boolean) => Promise<void>;
};

/**
 * Highlight and quote in the reader, as on the page: any of the five colours, a quote, or a note
 * straight away; the passage's card then opens for its note and tags.
 */
export function SelectionToolbar({ db, root, onSave }: ToolbarProps) {
  const names = useColorNames(db);
  const [at, setAt] = useState<Point | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = useRef<Range | null>(null);
  useEffect(() => {
    const update = () => {
      const sel = document.getSelection();
      const r = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      const inside = r && root()?.contains(r.commonAncestorContainer);
      if (!r || !inside || !r.toString().trim()) {
        range.current = null;
        setAt(null);
        setError(null);
        return;
      }
      // A failed save's message stays while the same passage is selected (the click on the
      // toolbar ends with a mouseup too); another selection starts afresh.
      const prev = range.current;
      const same = prev && prev.compareBoundaryPoints(Range.START_TO_START, r) === 0 && prev.compareBoundaryPoints(Range.END_TO_END, r) === 0;
      if (!same) setError(null);
      range.current = r.cloneRange();
      setAt(placeNear(r, { width: 400, height: 40 }, { width: innerWidth, height: innerHeight }));
    };
    const onUp = () => setTimeout(update, 0);
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
    };
  }, [root]);
  if (!at) return null;
  const save = (kind: NoteKind, color: Color, withNote = false) => {
    const r = range.current;
    if (!r) return;
    setError(null);
    onSave(kind, color, r, withNote).then(
      () => {
        document.getSelection()?.removeAllRanges();
        setAt(null);
      },
      // Not saved: the selection and the toolbar stay, with why, so the user can try again.
      (e: unknown) => {
        console.error('Verbatim: passage not saved', e);
        setError(describeWriteError(e, 'saveFailed'));
      },
    );
  };
  return (
    <div class="reader-toolbar" role="toolbar" aria-label={t('toolbarLabel')} style={{ left: `${at.x}px`, top: `${at.y}px` }} onMouseDown={(e) => e.preventDefault()}>
      <ColorPicker names={names} label={t('colorsLabel')} onPick={(c) => save('highlight', c)} />
      <button type="button" class="btn btn-small" data-action="highlight" onClick={() => save('highlight', 'yellow')}>
        {t('actionHighlight')}
      </button>
      <button type="button" class="btn btn-small" data-action="quote" onClick={() => save('quote', 'blue')}>
        {t('actionQuote')}
      </button>
      <button type="button" class="btn btn-small" data-action="note" onClick={() => save('highlight', 'yellow', true)}>
        {t('addNote')}
      </button>
      {error && (
        <p class="reader-toolbar-error error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
