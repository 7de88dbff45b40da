import { useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../utils/platform/i18n';
import type { TagCount } from '../utils/domain/model';
import { MAX_TAG_LENGTH, normalizeTag } from '../utils/domain/tags';
import { fold } from '../utils/text/fold';

export type TagEditorProps = {
  /** The tags shown, already normalised. */
  tags: string[];
  /** Adds a tag; when absent the tags are read-only. */
  onAdd?: (tag: string) => void;
  /** Removes a tag; when absent tags have no remove button. */
  onRemove?: (tag: string) => void;
  /** The user's tags, most used first, offered as the user types. */
  suggestions?: TagCount[];
  /** Focuses the input when mounted (the in-page editor opened on "Tag"). */
  autoFocus?: boolean;
};

/** How many completions are offered at once. */
const MAX_OFFERED = 6;

/**
 * A note's tags as chips, with a field to add more: Enter or comma adds; arrow keys move through
 * completions from the user's own tags (most used first; case and accents ignored).
 */
export function TagEditor({ tags, onAdd, onRemove, suggestions = [], autoFocus }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useRef(`tags-${Math.random().toString(36).slice(2)}`).current;
  /**
   * Tags Backspace asked to remove from the list shown: a second Backspace before that list comes
   * back takes the tag before. A new list (the removal saved, or any other change) starts afresh.
   */
  const removing = useRef({ on: tags, asked: new Set<string>() });
  if (removing.current.on !== tags) removing.current = { on: tags, asked: new Set() };

  const offered = useMemo(() => {
    // Folded as tags are stored: typing l'idée finds l’idée.
    const q = fold(normalizeTag(draft));
    if (!q) return [];
    const taken = new Set(tags);
    const starts: string[] = [];
    const contains: string[] = [];
    for (const { tag } of suggestions) {
      if (taken.has(tag)) continue;
      const f = fold(tag);
      if (f.startsWith(q)) starts.push(tag);
      else if (f.includes(q)) contains.push(tag);
      if (starts.length >= MAX_OFFERED) break;
    }
    return [...starts, ...contains].slice(0, MAX_OFFERED);
  }, [draft, suggestions, tags]);

  const commit = (value: string) => {
    const tag = normalizeTag(value);
    if (tag && onAdd && !tags.includes(tag)) onAdd(tag);
    setDraft('');
    setActive(-1);
  };
  const showList = open && offered.length > 0;

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
        <span class="tag-field">
          <input
            class="tag-input"
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
            value={draft}
            maxLength={MAX_TAG_LENGTH}
            placeholder={t('tagAddPlaceholder')}
            aria-label={t('tagAddLabel')}
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus={autoFocus}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              setActive(-1);
              setOpen(true);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && offered.length) {
                e.preventDefault();
                setOpen(true);
                setActive((i) => (i + 1) % offered.length);
              } else if (e.key === 'ArrowUp' && offered.length) {
                e.preventDefault();
                setActive((i) => (i <= 0 ? offered.length - 1 : i - 1));
              } else if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                commit(showList && active >= 0 ? offered[active]! : draft);
              } else if (e.key === 'Tab' && showList && active >= 0) {
                e.preventDefault();
                commit(offered[active]!);
              } else if (e.key === 'Escape' && showList) {
                e.stopPropagation();
                setOpen(false);
              } else if (e.key === 'Backspace' && draft === '' && onRemove) {
                const last = tags.findLast((tag) => !removing.current.asked.has(tag));
                if (last === undefined) return;
                removing.current.asked.add(last);
                onRemove(last);
              }
            }}
            onBlur={() => {
              setOpen(false);
              if (draft.trim()) commit(draft);
            }}
          />
          {showList && (
            <ul class="tag-options" id={listId} role="listbox" aria-label={t('tagSuggestionsLabel')}>
              {offered.map((tag, i) => (
                <li
                  key={tag}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? 'active' : undefined}
                  // mousedown, not click: the input's blur would otherwise commit the draft first.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    commit(tag);
                  }}
                >
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </span>
      )}
    </div>
  );
}
