import { useEffect, useRef, useState } from 'preact/hooks';
import { ColorPicker } from '../../components/ColorPicker';
import { useColorNames } from '../../hooks/useColorNames';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Color, Note, NoteKind } from '../../utils/domain/model';
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
  /** This article's notes whose passage was not found on the page: each can be attached to the selection. */
  orphans?: readonly Note[];
  /** Gives `note` the selected passage; rejects when it was not saved. */
  onAttach?: (note: Note, range: Range) => Promise<void>;
};

/**
 * Highlight and quote in the reader, as on the page: any of the five colours, a quote, or a note
 * straight away; the passage's card then opens for its note and tags.
 */
export function SelectionToolbar({ db, root, onSave, orphans = [], onAttach }: ToolbarProps) {
  const names = useColorNames(db);
  const [at, setAt] = useState<Point | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const range = useRef<Range | null>(null);
  // The latest `root` (a new function at each render of the reader), read when the selection is:
  // the listeners below stay for the toolbar's life, so a render between a mouse-up and its update
  // does not drop the update.
  const rootOf = useRef(root);
  rootOf.current = root;
  useEffect(() => {
    const update = () => {
      const sel = document.getSelection();
      const r = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      const inside = r && rootOf.current()?.contains(r.commonAncestorContainer);
      if (!r || !inside || !r.toString().trim()) {
        range.current = null;
        setAt(null);
        setError(null);
        setPicking(false);
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
    // After the browser has settled the selection; never after the toolbar is gone.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onUp = () => {
      clearTimeout(pending);
      pending = setTimeout(update, 0);
    };
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    return () => {
      clearTimeout(pending);
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
    };
  }, []);
  if (!at) return null;
  const done = (saving: Promise<void>) =>
    saving.then(
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
  const save = (kind: NoteKind, color: Color, withNote = false) => {
    const r = range.current;
    if (!r) return;
    setError(null);
    done(onSave(kind, color, r, withNote));
  };
  // As on the page: one missing note is attached at once; with several, the user picks which.
  const attach = (note: Note) => {
    const r = range.current;
    if (!r || !onAttach) return;
    setError(null);
    setPicking(false);
    done(onAttach(note, r));
  };
  const attachable = onAttach ? orphans : [];
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
      {attachable.length > 0 && (
        <button type="button" class="btn btn-small" data-action="attach" aria-expanded={attachable.length > 1 ? picking : undefined} onClick={() => (attachable.length === 1 ? attach(attachable[0]!) : setPicking(!picking))}>
          {t('actionAttach')}
          {attachable.length > 1 && ` (${attachable.length})`}
        </button>
      )}
      {picking && (
        <ul class="reader-attach-pick" aria-label={t('attachPickLabel')}>
          {attachable.map((n) => (
            <li key={n.id}>
              <button type="button" class="link-button" data-note-id={n.id} onClick={() => attach(n)}>
                {n.exact.length > 80 ? `${n.exact.slice(0, 79)}…` : n.exact}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="reader-toolbar-error error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
