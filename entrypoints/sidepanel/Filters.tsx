import { SWATCH } from '../../utils/platform/colors';
import { t } from '../../utils/platform/i18n';
import type { Color, NoteKind } from '../../utils/domain/model';
import { endOfLocalDay, localDayBefore, localDayOf, startOfLocalDay } from '../../utils/domain/local-day';
import type { Facets, NoteFilter, NoteSort, TagMode } from '../../utils/search/filters';

export type FiltersProps = {
  filter: NoteFilter;
  facets: Facets;
  colorNames: Record<Color, string>;
  sort: NoteSort;
  grouped: boolean;
  /** The Articles view: no sort or grouping to choose (articles come newest first, notes in reading order). */
  articles?: boolean;
  onFilter: (next: NoteFilter) => void;
  onSort: (sort: NoteSort) => void;
  onGrouped: (grouped: boolean) => void;
};

const toggle = <T,>(list: readonly T[] | undefined, value: T): T[] =>
  list?.includes(value) ? list.filter((x) => x !== value) : [...(list ?? []), value];

const KIND_LABEL: Record<NoteKind, string> = { highlight: 'kindHighlight', quote: 'kindQuote', page: 'kindPage' };

/** Whether a filter narrows anything (empty lists and `tagMode` alone do not). */
export const isFiltering = (filter: NoteFilter) =>
  Object.entries(filter).some(([k, v]) => k !== 'tagMode' && v !== undefined && (!Array.isArray(v) || v.length > 0));

/**
 * Filters with a count on every value (how many notes choosing it would leave), sort and grouping.
 * Every filter combines with the others; sites and speakers add up (any of them), tags all or any as chosen;
 * dates are the user's local days.
 */
export function Filters({ filter, facets, colorNames, sort, grouped, articles, onFilter, onSort, onGrouped }: FiltersProps) {
  const set = (patch: Partial<NoteFilter>) => onFilter({ ...filter, ...patch });
  const chosenTags = filter.tags ?? [];
  const tagFacets = facets.tags.filter((f) => !chosenTags.includes(f.value)).slice(0, 12);
  const chosenSites = filter.sites ?? [];
  const chosenSpeakers = filter.speakers ?? [];
  const mode: TagMode = filter.tagMode ?? 'all';
  return (
    <div class="filters" role="group" aria-label={t('filtersLabel')}>
      <div class="filter-row" role="group" aria-label={t('filterTags')}>
        {chosenTags.map((tag) => (
          <button key={tag} type="button" class="chip chip-on" aria-pressed="true" data-tag={tag} onClick={() => set({ tags: toggle(chosenTags, tag) })}>
            #{tag} ×
          </button>
        ))}
        {chosenTags.length > 1 && (
          <span class="segmented" role="radiogroup" aria-label={t('tagModeLabel')}>
            {(['all', 'any'] as const).map((m) => (
              <button key={m} type="button" role="radio" aria-checked={mode === m} class={`chip ${mode === m ? 'chip-on' : ''}`} data-tag-mode={m} onClick={() => set({ tagMode: m })}>
                {t(m === 'all' ? 'tagModeAll' : 'tagModeAny')}
              </button>
            ))}
          </span>
        )}
        {tagFacets.map((f) => (
          <button
            key={f.value}
            type="button"
            class={`chip${f.fromArticles ? ' chip-article-tag' : ''}`}
            data-tag={f.value}
            aria-pressed="false"
            title={f.fromArticles ? t('tagFromArticlesHint', f.fromArticles) : undefined}
            onClick={() => set({ tags: toggle(chosenTags, f.value) })}
          >
            #{f.value} {f.fromArticles ? <span class="badge">{t('tagOnArticle')}</span> : null} <span class="count">{f.count}</span>
          </button>
        ))}
      </div>
      {(chosenTags.length > 0 || tagFacets.length > 0) && <p class="muted small filter-hint">{t('tagFilterHint')}</p>}
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
          <button key={f.value} type="button" class={`chip ${filter.kinds?.includes(f.value) ? 'chip-on' : ''}`} data-kind={f.value} aria-pressed={!!filter.kinds?.includes(f.value)} onClick={() => set({ kinds: toggle(filter.kinds, f.value as NoteKind) })}>
            {t(KIND_LABEL[f.value])} <span class="count">{f.count}</span>
          </button>
        ))}
        <button type="button" class={`chip ${filter.hasNote ? 'chip-on' : ''}`} aria-pressed={!!filter.hasNote} onClick={() => set({ hasNote: filter.hasNote ? undefined : true })}>
          {t('filterHasNote')} <span class="count">{facets.hasNote.yes}</span>
        </button>
        <button type="button" class={`chip ${filter.orphaned ? 'chip-on' : ''}`} aria-pressed={!!filter.orphaned} onClick={() => set({ orphaned: filter.orphaned ? undefined : true })}>
          {t('filterOrphaned')} <span class="count">{facets.orphaned.yes}</span>
        </button>
      </div>
      <ChoiceRow name="site" chosen={chosenSites} facet={facets.sites} labels={SITE_LABELS} onChange={(sites) => set({ sites })} />
      {(chosenSpeakers.length > 0 || facets.speakers.length > 0) && (
        <ChoiceRow name="speaker" chosen={chosenSpeakers} facet={facets.speakers} labels={SPEAKER_LABELS} onChange={(speakers) => set({ speakers })} />
      )}
      <div class="filter-row">
        <label class="small">
          {t('filterFrom')} <input type="date" name="from" value={filter.from === undefined ? '' : localDayOf(filter.from)} onChange={(e) => set({ from: startOfLocalDay(e.currentTarget.value) })} />
        </label>
        <label class="small">
          {t('filterTo')} <input type="date" name="to" value={filter.to === undefined ? '' : localDayBefore(filter.to)} onChange={(e) => set({ to: endOfLocalDay(e.currentTarget.value) })} />
        </label>
      </div>
      <div class="filter-row">
        {!articles && (
          <>
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
          </>
        )}
        {isFiltering(filter) && (
          <button type="button" class="link-button" onClick={() => onFilter({})}>
            {t('clearFilters')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The message keys of a choice row: its name, "or" once one is chosen, the list's first line before and after. */
interface ChoiceLabels {
  first: string;
  more: string;
  all: string;
  add: string;
}
const SITE_LABELS: ChoiceLabels = { first: 'filterSite', more: 'filterOrSite', all: 'filterAllSites', add: 'filterAddSite' };
const SPEAKER_LABELS: ChoiceLabels = { first: 'filterSpeaker', more: 'filterOrSpeaker', all: 'filterAllSpeakers', add: 'filterAddSpeaker' };

/**
 * Values chosen among a facet's (sites, speakers), any of which a note may match: each a chip
 * that removes it, then a list (with counts) that adds one more.
 */
function ChoiceRow({ name, chosen, facet, labels, onChange }: {
  /** Names the row's chips (`data-site`) and list (`site-select`). */
  name: 'site' | 'speaker';
  chosen: readonly string[];
  facet: ReadonlyArray<{ value: string; count: number }>;
  labels: ChoiceLabels;
  onChange: (chosen: string[]) => void;
}) {
  return (
    <div class="filter-row" role="group" aria-label={t(labels.first)}>
      {chosen.map((value) => (
        <button key={value} type="button" class="chip chip-on" aria-pressed="true" {...{ [`data-${name}`]: value }} onClick={() => onChange(toggle(chosen, value))}>
          {value} ×
        </button>
      ))}
      <label class="small">
        {t(chosen.length ? labels.more : labels.first)}{' '}
        <select
          class={`${name}-select`}
          value=""
          onChange={(e) => {
            const value = e.currentTarget.value;
            e.currentTarget.value = '';
            if (value) onChange(toggle(chosen, value));
          }}
        >
          <option value="">{t(chosen.length ? labels.add : labels.all)}</option>
          {facet
            .filter((f) => !chosen.includes(f.value))
            .map((f) => (
              <option key={f.value} value={f.value}>
                {f.value} ({f.count})
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
