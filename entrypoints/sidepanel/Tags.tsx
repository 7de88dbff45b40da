import { useState } from 'preact/hooks';
import { ReferenceExport } from '../../components/ReferenceExport';
import type { useUndo } from '../../hooks/useUndo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { TagCount } from '../../utils/domain/model';
import { normalizeTag } from '../../utils/domain/tags';
import { plural, t } from '../../utils/platform/i18n';
import { describeWriteError } from '../../utils/platform/write-error';
import { deleteTagChange, renameTagChange } from '../../utils/services/changes';

export type TagsViewProps = {
  db: VerbatimDb;
  /** Every tag with how many notes and articles carry it, most used first. */
  tags: TagCount[];
  /** The page's one undo: a rename, merge or delete is offered back through it. */
  undo: ReturnType<typeof useUndo>;
};

/**
 * Every tag, to rename (onto an existing tag: merge), or delete from every note and article after
 * saying how many carry it. Each is one transaction with one Undo; a failure is said on the tag's
 * row.
 */
export function TagsView({ db, tags, undo }: TagsViewProps) {
  const [editing, setEditing] = useState<{ tag: string; mode: 'rename' | 'delete' } | null>(null);
  if (tags.length === 0) return <p class="notice">{t('tagsEmpty')}</p>;
  return (
    <ul class="tags-view" aria-label={t('viewTags')}>
      {tags.map(({ tag, count }) => (
        <li key={tag} class="tag-row" data-tag={tag}>
          <span class="tag-name">#{tag}</span> <span class="muted small">({count})</span>
          {editing?.tag === tag ? (
            <TagEdit db={db} tag={tag} count={count} mode={editing.mode} tags={tags} undo={undo} onClose={() => setEditing(null)} />
          ) : (
            <span class="tag-actions">
              <button type="button" class="link-button" onClick={() => setEditing({ tag, mode: 'rename' })}>
                {t('tagRename')}
              </button>
              <button type="button" class="link-button danger" onClick={() => setEditing({ tag, mode: 'delete' })}>
                {t('tagDelete')}
              </button>
            </span>
          )}
          {editing?.tag !== tag && <ReferenceExport db={db} scope={{ tag }} name={`#${tag}`} />}
        </li>
      ))}
    </ul>
  );
}

type TagEditProps = Omit<TagsViewProps, 'tags'> & { tag: string; count: number; mode: 'rename' | 'delete'; tags: TagCount[]; onClose: () => void };

/** A tag's rename field, or the question before deleting it everywhere. */
function TagEdit({ db, tag, count, mode, tags, undo, onClose }: TagEditProps) {
  const [name, setName] = useState(tag);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const target = normalizeTag(name);
  const merging = target !== tag && tags.some((x) => x.tag === target);
  const act = async (run: () => Promise<unknown>) => {
    setWorking(true);
    setError(null);
    try {
      await run();
      onClose();
    } catch (e) {
      console.error('Verbatim: a tag change failed', e);
      setError(describeWriteError(e, 'tagChangeFailed', 'storageFullChangeNotSaved'));
    } finally {
      setWorking(false);
    }
  };
  const total = (c: { notes: number; articles: number }) => c.notes + c.articles;
  return (
    <div class="tag-edit">
      {mode === 'rename' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!target || target === tag) return onClose();
            void act(() =>
              undo.run(
                () => renameTagChange(db, tag, target),
                (c) => plural(total(c), merging ? 'tagMergedOne' : 'tagRenamedOne', merging ? 'tagMergedOther' : 'tagRenamedOther', tag, target),
              ),
            );
          }}
        >
          <input type="text" value={name} aria-label={t('tagRenameLabel', tag)} onInput={(e) => setName(e.currentTarget.value)} ref={(el) => el?.focus()} />
          <button type="submit" class="btn btn-small" disabled={working || !target}>
            {merging ? t('tagMergeButton', target) : t('tagRenameButton')}
          </button>
          <button type="button" class="link-button" onClick={onClose}>
            {t('cancelAction')}
          </button>
        </form>
      ) : (
        <div role="group" aria-label={t('tagDelete')}>
          <p class="small">{t('tagDeleteConfirm', tag, count)}</p>
          <button
            type="button"
            class="btn btn-small btn-danger"
            disabled={working}
            onClick={() => void act(() => undo.run(() => deleteTagChange(db, tag), (c) => plural(total(c), 'tagDeletedOne', 'tagDeletedOther', tag)))}
          >
            {t('tagDeleteButton')}
          </button>{' '}
          <button type="button" class="link-button" onClick={onClose}>
            {t('cancelAction')}
          </button>
        </div>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
