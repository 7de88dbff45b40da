import { useState } from 'preact/hooks';
import { TagDeleteQuestion } from '../../components/TagDeleteQuestion';
import type { useUndo } from '../../hooks/useUndo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { TagCount } from '../../utils/domain/model';
import { t } from '../../utils/platform/i18n';

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
  if (pageTags.length === 0) return null;
  const count = counts.find((c) => c.tag === tag)?.count ?? 0;
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
      {tag && <TagDeleteQuestion key={tag} db={db} tag={tag} count={count} undo={undo} onDone={() => setTag('')} onCancel={() => setTag('')} />}
    </details>
  );
}
