import { useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { MAX_TAG_LENGTH, normalizeTag } from '../utils/tags';

export type TagEditorProps = {
  /** The tags shown, already normalised. */
  tags: string[];
  /** Adds a tag; when absent the tags are read-only. */
  onAdd?: (tag: string) => void;
  /** Removes a tag; when absent tags have no remove button. */
  onRemove?: (tag: string) => void;
};

/** A note's tags as chips, with a field to add more (Enter or comma adds). */
export function TagEditor({ tags, onAdd, onRemove }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const commit = () => {
    const tag = normalizeTag(draft);
    if (tag && onAdd) onAdd(tag);
    setDraft('');
  };
  return (
    <div class="tags" role="group" aria-label={t('tagsLabel')}>
      {tags.map((tag) => (
        <span class="tag" key={tag}>
          <span class="tag-name">{tag}</span>
          {onRemove && (
            <button type="button" class="tag-remove" aria-label={t('tagRemove', tag)} onClick={() => onRemove(tag)}>
              ×
            </button>
          )}
        </span>
      ))}
      {onAdd && (
        <input
          class="tag-input"
          type="text"
          value={draft}
          maxLength={MAX_TAG_LENGTH}
          placeholder={t('tagAddPlaceholder')}
          aria-label={t('tagAddLabel')}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Backspace' && draft === '' && tags.length && onRemove) {
              onRemove(tags[tags.length - 1]!);
            }
          }}
          onBlur={() => draft.trim() && commit()}
        />
      )}
    </div>
  );
}
