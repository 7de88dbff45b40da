import { useState } from 'preact/hooks';
import type { Color, Note, NoteVersion } from '../utils/domain/model';
import { SWATCH } from '../utils/platform/colors';
import { plural, t, uiLanguage } from '../utils/platform/i18n';

export type NoteHistoryProps = {
  note: Note & { history: NoteVersion[] };
  /** Names of the colours, to say a version's colour when it differs from the note's. */
  colorNames?: Record<Color, string> | undefined;
  /** Makes a version current again (the row says when that failed; the Undo bar takes it back). */
  onRestore: (version: NoteVersion) => void;
};

const KIND_LABEL = { highlight: 'kindHighlight', quote: 'kindQuote', page: 'kindPage' } as const;

/** When a version was replaced: the day and the time, since two versions are often hours apart. */
const whenOf = (ms: number) => new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));

/**
 * A note's earlier versions (issue #15): those a sync with another browser replaced, and those a
 * restore set aside. Folded under a toggle ("2 earlier versions") so a row stays short; unfolded,
 * a list of each version's text and tags, its colour and kind where they differ from the note's,
 * when and why it was replaced, and a Restore button.
 */
export function NoteHistory({ note, colorNames, onRestore }: NoteHistoryProps) {
  const [open, setOpen] = useState(false);
  const listId = `history-${note.id}`;
  return (
    <div class="note-history">
      <button type="button" class="link-button history-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        {plural(note.history.length, 'historyToggleOne', 'historyToggleOther')}
      </button>
      {open && (
        <ol id={listId} class="history-list" aria-label={t('historyListLabel')}>
          {note.history.map((v, i) => {
            const when = whenOf(v.replacedAt);
            const tagsDiffer = v.tags.join('\n') !== note.tags.join('\n');
            return (
              <li key={`${v.replacedAt}:${v.updatedAt}:${v.hlc ?? i}`} class="history-version" data-color={v.color}>
                {v.note ? <p class="history-text">{v.note}</p> : <p class="history-text muted">{t('historyNoText')}</p>}
                {(v.tags.length > 0 || tagsDiffer) && (
                  <p class="history-tags small">
                    {v.tags.length ? t('historyTags', v.tags.join(', ')) : t('historyNoTags')}
                  </p>
                )}
                {(v.color !== note.color || v.kind !== note.kind) && (
                  <p class="history-look small">
                    {v.color !== note.color && (
                      <span class="history-color">
                        <span class="swatch" style={{ background: SWATCH[v.color] }} aria-hidden="true" /> {t('historyColor', colorNames?.[v.color] ?? v.color)}
                      </span>
                    )}
                    {v.color !== note.color && v.kind !== note.kind && ' · '}
                    {v.kind !== note.kind && <span class="history-kind">{t(KIND_LABEL[v.kind])}</span>}
                  </p>
                )}
                <p class="history-when small muted">{t(v.reason === 'sync' ? 'historyReplacedSync' : 'historyReplacedRestore', when)}</p>
                <button type="button" class="btn btn-small history-restore" aria-label={t('historyRestoreLabel', when)} onClick={() => onRestore(v)}>
                  {t('historyRestore')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
