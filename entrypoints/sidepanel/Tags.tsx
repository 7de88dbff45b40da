import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ReferenceExport } from '../../components/ReferenceExport';
import { TagDeleteQuestion } from '../../components/TagDeleteQuestion';
import type { useUndo } from '../../hooks/useUndo';
import { useWrite } from '../../hooks/useWrite';
import type { VerbatimDb } from '../../utils/db/schema';
import type { TagCount } from '../../utils/domain/model';
import { normalizeTag } from '../../utils/domain/tags';
import { plural, t } from '../../utils/platform/i18n';
import { renameTagChange } from '../../utils/services/changes';

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
  if (mode === 'rename') return <TagRename db={db} tag={tag} tags={tags} undo={undo} onClose={onClose} />;
  return (
    <div class="tag-edit">
      <TagDeleteQuestion db={db} tag={tag} count={count} undo={undo} onDone={onClose} onCancel={onClose} />
    </div>
  );
}

/** A tag's new name: a rename, or a merge onto a tag that exists. */
function TagRename({ db, tag, tags, undo, onClose }: Omit<TagEditProps, 'count' | 'mode'>) {
  const [name, setName] = useState(tag);
  const write = useWrite('tagChangeFailed', 'a tag change failed');
  const target = normalizeTag(name);
  const merging = target !== tag && tags.some((x) => x.tag === target);
  const rename = async () => {
    const done = await write.run(() =>
      undo.run(
        () => renameTagChange(db, tag, target),
        (c) => plural(c.notes + c.articles, merging ? 'tagMergedOne' : 'tagRenamedOne', merging ? 'tagMergedOther' : 'tagRenamedOther', tag, target),
      ),
    );
    if (done) onClose();
  };
  return (
    <div class="tag-edit">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!target || target === tag) return onClose();
          void rename();
        }}
      >
        <input type="text" value={name} aria-label={t('tagRenameLabel', tag)} onInput={(e) => setName(e.currentTarget.value)} ref={(el) => el?.focus()} />
        <button type="submit" class="btn btn-small" disabled={write.busy || !target}>
          {merging ? t('tagMergeButton', target) : t('tagRenameButton')}
        </button>
        <button type="button" class="link-button" onClick={onClose}>
          {t('cancelAction')}
        </button>
      </form>
      <ErrorNotice error={write.error} />
    </div>
  );
}
