import { useState } from 'preact/hooks';
import type { useUndo } from '../../hooks/useUndo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { TagCount } from '../../utils/domain/model';
import { plural, t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';
import { deleteTagChange } from '../../utils/services/changes';

export type DeleteTagProps = {
  db: VerbatimDb;
  /** The tags this popup shows (the page's and its notes'), to choose from. */
  pageTags: string[];
  /** Every tag with how many notes and articles carry it. */
  counts: TagCount[];
  /** The popup's one undo. */
  undo: ReturnType<typeof useUndo>;
};

/**
 * Deletes one of the page's tags from every note and article. Folded away under its own
 * disclosure, then a tag to choose, then a question saying how many records carry it: three
 * deliberate steps, so it cannot be hit by accident; and Undo after.
 */
export function DeleteTag({ db, pageTags, counts, undo }: DeleteTagProps) {
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  if (pageTags.length === 0) return null;
  const count = counts.find((c) => c.tag === tag)?.count ?? 0;
  const remove = async () => {
    setWorking(true);
    setError(null);
    try {
      await undo.run(() => deleteTagChange(db, tag), (c) => plural(c.notes + c.articles, 'tagDeletedOne', 'tagDeletedOther', tag));
      setTag('');
    } catch (e) {
      console.error('Verbatim: the tag was not deleted', e);
      setError(describeWriteError(e, 'tagChangeFailed', 'storageFullChangeNotSaved'));
    } finally {
      setWorking(false);
    }
  };
  return (
    <details class="delete-tag">
      <summary class="small">{t('popupDeleteTag')}</summary>
      <select value={tag} aria-label={t('popupDeleteTagPick')} onChange={(e) => setTag(e.currentTarget.value)}>
        <option value="">{t('popupDeleteTagPick')}</option>
        {pageTags.map((x) => (
          <option key={x} value={x}>
            {x}
          </option>
        ))}
      </select>
      {tag && (
        <div role="group" aria-label={t('tagDelete')}>
          <p class="small">{t('tagDeleteConfirm', tag, count)}</p>
          <button type="button" class="btn btn-small btn-danger" disabled={working} onClick={() => void remove()}>
            {t('tagDeleteButton')}
          </button>{' '}
          <button type="button" class="link-button" onClick={() => setTag('')}>
            {t('cancelAction')}
          </button>
        </div>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
