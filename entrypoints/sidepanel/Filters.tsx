import { SWATCH } from '../../utils/platform/colors';
import { t } from '../../utils/platform/i18n';
import type { Color, NoteKind } from '../../utils/domain/model';
import type { Facets, NoteFilter, NoteSort } from '../../utils/search/filters';

export type FiltersProps = {
  filter: NoteFilter;
  facets: Facets;
  colorNames: Record<Color, string>;
  sort: NoteSort;
  grouped: boolean;
  onFilter: (next: NoteFilter) => void;
  onSort: (sort: NoteSort) => void;
  onGrouped: (grouped: boolean) => void;
};

const toggle = <T,>(list: readonly T[] | undefined, value: T): T[] =>
  list?.includes(value) ? list.filter((x) => x !== value) : [...(list ?? []), value];

const day = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));

/** Filters with a count on every value (how many notes choosing it would leave), sort and grouping. */
export function Filters({ filter, facets, colorNames, sort, grouped, onFilter, onSort, onGrouped }: FiltersProps) {
  const set = (patch: Partial<NoteFilter>) => onFilter({ ...filter, ...patch });
  const chosenTags = filter.tags ?? [];
  const tagFacets = facets.tags.filter((f) => !chosenTags.includes(f.value)).slice(0, 12);
  return (
    <div class="filters" role="group" aria-label={t('filtersLabel')}>
      <div class="filter-row">
        {chosenTags.map((tag) => (
          <button key={tag} type="button" class="chip chip-on" aria-pressed="true" onClick={() => set({ tags: toggle(chosenTags, tag) })}>
            #{tag} ×
          </button>
        ))}
        {tagFacets.map((f) => (
          <button key={f.value} type="button" class="chip" data-tag={f.value} aria-pressed="false" onClick={() => set({ tags: toggle(chosenTags, f.value) })}>
            #{f.value} <span class="count">{f.count}</span>
          </button>
        ))}
      </div>
      <div class="filter-row">
        {facets.colors.map((f) => (
          <button
            key={f.value}
            type="button"
            class={`chip chip-color ${filter.colors?.includes(f.value) ? 'chip-on' : ''}`}
            aria-pressed={!!filter.colors?.includes(f.value)}
            data-color={f.value}
            onClick={() => set({ colors: toggle(filter.colors, f.value) })}
          >
            <span class="swatch" style={{ background: SWATCH[f.value] }} aria-hidden="true" /> {colorNames[f.value]} <span class="count">{f.count}</span>
          </button>
        ))}
      </div>
      <div class="filter-row">
        {facets.kinds.map((f) => (
          <button key={f.value} type="button" class={`chip ${filter.kinds?.includes(f.value) ? 'chip-on' : ''}`} aria-pressed={!!filter.kinds?.includes(f.value)} onClick={() => set({ kinds: toggle(filter.kinds, f.value as NoteKind) })}>
            {t(f.value === 'quote' ? 'kindQuote' : 'kindHighlight')} <span class="count">{f.count}</span>
          </button>
        ))}
        <button type="button" class={`chip ${filter.hasNote ? 'chip-on' : ''}`} aria-pressed={!!filter.hasNote} onClick={() => set({ hasNote: filter.hasNote ? undefined : true })}>
          {t('filterHasNote')} <span class="count">{facets.hasNote.yes}</span>
        </button>
        <button type="button" class={`chip ${filter.orphaned ? 'chip-on' : ''}`} aria-pressed={!!filter.orphaned} onClick={() => set({ orphaned: filter.orphaned ? undefined : true })}>
          {t('filterOrphaned')} <span class="count">{facets.orphaned.yes}</span>
        </button>
      </div>
      <div class="filter-row">
        <label class="small">
          {t('filterSite')}{' '}
          <select value={filter.sites?.[0] ?? ''} onChange={(e) => set({ sites: e.currentTarget.value ? [e.currentTarget.value] : undefined })}>
            <option value="">{t('filterAllSites')}</option>
            {facets.sites.map((f) => (
              <option key={f.value} value={f.value}>
                {f.value} ({f.count})
              </option>
            ))}
          </select>
        </label>
        <label class="small">
          {t('filterFrom')} <input type="date" value={day(filter.from)} onChange={(e) => set({ from: e.currentTarget.value ? Date.parse(e.currentTarget.value) : undefined })} />
        </label>
        <label class="small">
          {t('filterTo')}{' '}
          <input type="date" value={day(filter.to === undefined ? undefined : filter.to - 86_400_000)} onChange={(e) => set({ to: e.currentTarget.value ? Date.parse(e.currentTarget.value) + 86_400_000 : undefined })} />
        </label>
      </div>
      <div class="filter-row">
        <label class="small">
          {t('sortLabel')}{' '}
          <select value={sort} onChange={(e) => onSort(e.currentTarget.value as NoteSort)}>
            <option value="relevance">{t('sortRelevance')}</option>
            <option value="newest">{t('sortNewest')}</option>
            <option value="oldest">{t('sortOldest')}</option>
            <option value="article">{t('sortArticle')}</option>
          </select>
        </label>
        <label class="small">
          <input type="checkbox" checked={grouped} onChange={(e) => onGrouped(e.currentTarget.checked)} /> {t('groupByArticle')}
        </label>
        {Object.values(filter).some((v) => v !== undefined && (!Array.isArray(v) || v.length)) && (
          <button type="button" class="link-button" onClick={() => onFilter({})}>
            {t('clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}
