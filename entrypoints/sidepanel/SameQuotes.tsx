import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { SpeakerField } from '../../components/SpeakerField';
import { VirtualList } from '../../components/VirtualList';
import { useListNav } from '../../hooks/useListNav';
import type { Note } from '../../utils/domain/model';
import { plural, t } from '../../utils/platform/i18n';
import { personIn, sameQuoteGroups, type Person, type SameQuoteGroup } from '../../utils/quotes/same-quote';
import './quote-groups.css';

type Row =
  | { kind: 'quote'; key: string; group: SameQuoteGroup<Note>; first: boolean }
  | { kind: 'source'; key: string; note: Note; group: SameQuoteGroup<Note>; last: boolean };

/**
 * The quotes of a library saved from several pages (`sameQuoteGroups`), each group's notes newest
 * first. `keyOf` remembers each note's key (`quoteKeys()`), so a regrouping after one change folds
 * one text.
 */
export function sameQuotesOf(notes: Iterable<Note>, keyOf: (note: Note) => string | undefined): SameQuoteGroup<Note>[] {
  const groups = sameQuoteGroups(notes, keyOf);
  for (const g of groups) g.notes.sort((a, b) => b.createdAt - a.createdAt);
  return groups;
}

export type SameQuotesViewProps = {
  /** Every quote of the library saved from several pages (`sameQuotesOf`). */
  groups: readonly SameQuoteGroup<Note>[];
  /** Ids of the notes the search and filters keep; undefined when nothing narrows the library. */
  matching: ReadonlySet<string> | undefined;
  /** Renders a quote's text (marks the words a search matched). */
  renderText: (text: string) => ComponentChildren;
  /** Where a note comes from: its page's title, and site · date. */
  sourceOf: (note: Note) => { title: string; detail: string };
  /** Opens a note's page at its passage. */
  onOpen: (note: Note) => void;
  /** Sets a note's speaker (accepted, changed, or `""` cleared): a misattribution fixed where it shows. */
  onSpeaker?: (noteId: string, speaker: string) => void;
  /** Speakers already used in the library, offered as the user types one. */
  speakerSuggestions?: readonly string[];
};

/**
 * The same quote saved from several pages (same words up to punctuation, case, quote marks and
 * whitespace), each source listed with whom it attributes the words to; a quote attributed to
 * different people is flagged and listed first — marketing quotes often circulate misattributed.
 * Grouped over the whole library (a search keeps the groups with a matching note, every source
 * still shown: the point is to compare them).
 */
export function SameQuotesView({ groups: all, matching, renderText, sourceOf, onOpen, onSpeaker, speakerSuggestions }: SameQuotesViewProps) {
  const groups = useMemo(() => (matching ? all.filter((g) => g.notes.some((n) => matching.has(n.id))) : all), [all, matching]);
  const differing = useMemo(() => groups.filter((g) => g.differing).length, [groups]);

  const rows = useMemo(() => {
    const out: Row[] = [];
    groups.forEach((group, i) => {
      out.push({ kind: 'quote', key: `q:${group.key}`, group, first: i === 0 });
      group.notes.forEach((note, j) => out.push({ kind: 'source', key: note.id, note, group, last: j === group.notes.length - 1 }));
    });
    return out;
  }, [groups]);

  const nav = useListNav(rows, (row, e) => {
    if (row.kind !== 'source' || e.key !== 'Enter') return false;
    onOpen(row.note);
    return true;
  });

  if (!groups.length) return <p class="notice">{t(matching ? 'noResults' : 'sameQuotesEmpty')}</p>;
  return (
    <>
      <p class="muted small same-count" data-testid="same-count">
        {plural(groups.length, 'sameQuotesCountOne', 'sameQuotesCountOther')}
        {differing > 0 && ` · ${plural(differing, 'sameQuotesDifferingOne', 'sameQuotesDifferingOther')}`}
      </p>
      <div class="list-wrap" onKeyDown={nav.onKeyDown}>
        <VirtualList
          items={rows}
          keyOf={(r) => r.key}
          estimate={(r) => (r.kind === 'quote' ? 110 : 54)}
          scrollToIndex={nav.active}
          role="list"
          label={t('viewSameQuotes')}
          class="results grouped same-quotes"
          renderItem={(row, i) => {
            const cls = `row${i === nav.active ? ' active' : ''}`;
            if (row.kind === 'quote') {
              const { group } = row;
              return (
                <div role="listitem" aria-level={1} class={`${cls} group-head same-quote${row.first ? ' first' : ''}${group.differing ? ' differing' : ''}`} {...nav.rowProps(i)}>
                  <blockquote class="same-text">{renderText(group.notes[0]!.exact)}</blockquote>
                  <p class="muted small group-meta">{plural(group.sources, 'sameQuoteSourcesOne', 'sameQuoteSourcesOther')}</p>
                  {group.differing && (
                    <p class="same-flag" data-testid="same-flag">
                      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                        <path d="M8 1.5 15 14H1L8 1.5Z M8 6v3.5 M8 11.5v.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
                      </svg>
                      {attributedText(group.people)}
                    </p>
                  )}
                </div>
              );
            }
            const { note, group } = row;
            const source = sourceOf(note);
            const person = personIn(group.people, note.speaker);
            // The words as this source has them, when they are not the header's letter for letter.
            const variant = note.exact.trim() !== group.notes[0]!.exact.trim();
            return (
              <div role="listitem" aria-level={2} class={`${cls} same-source${row.last ? ' last' : ''}`} data-note-id={note.id} {...nav.rowProps(i)}>
                <p class="same-where">
                  <span class="same-title">{source.title}</span>
                  <span class="muted small"> · {source.detail}</span>
                </p>
                {/* Each person its colour when the sources disagree. */}
                <div class={`small same-who${group.differing && person ? ` person-${group.people.indexOf(person) % 4}` : ''}`}>
                  {!note.speaker && <span class="muted same-nobody">{t('sameNoSpeaker')}</span>}
                  <SpeakerField note={note} suggestions={speakerSuggestions} onSet={onSpeaker && ((speaker) => onSpeaker(note.id, speaker))} />
                  <button type="button" class="link-button" onClick={() => onOpen(note)}>
                    {t('openAtPassage')}
                  </button>
                </div>
                {variant && <p class="muted small same-variant">{renderText(note.exact)}</p>}
              </div>
            );
          }}
        />
      </div>
    </>
  );
}

/** "Attributed to Einstein here, to Twain there", or to how many people, named. */
function attributedText(people: readonly Person[]): string {
  if (people.length === 2) return t('attributedHereThere', people[0]!.name, people[1]!.name);
  return t('attributedToMany', people.length, people.map((p) => p.name).join(', '));
}
