import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { t } from '../utils/platform/i18n';
import { ExportImport } from './ExportImport';

export type ExportMenuProps = {
  db: VerbatimDb;
  /** The notes shown under the current search and filters; undefined when all notes are shown. */
  filtered?: readonly { id: string }[];
  /** The ids of the notes selected in the side panel, if any. */
  selected?: readonly string[];
  /** How many notes the library holds, or 'unknown' while it is being read. */
  total: number | 'unknown';
};

/**
 * The side panel's export and import menu: a button opening a small popover. The popover stays
 * mounted while closed, so an import's progress and summary are still there when it reopens.
 */
export function ExportMenu({ db, filtered, selected, total }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div class="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class={`btn btn-small ${open ? 'btn-on' : ''}`}
        aria-expanded={open}
        aria-controls="export-menu-panel"
        onClick={() => setOpen((o) => !o)}
      >
        {t('backupMenu')}
      </button>
      <div id="export-menu-panel" class="export-menu-panel" role="dialog" aria-label={t('backupMenu')} hidden={!open}>
        <ExportImport db={db} filtered={filtered} selected={selected} total={total} compact />
      </div>
    </div>
  );
}
