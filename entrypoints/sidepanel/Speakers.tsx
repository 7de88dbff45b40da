import { useMemo } from 'preact/hooks';
import { NoteItem, type NoteItemProps } from '../../components/NoteItem';
import { VirtualList } from '../../components/VirtualList';
import { useListNav } from '../../hooks/useListNav';
import type { Note } from '../../utils/domain/model';
import { plural, t } from '../../utils/platform/i18n';
import type { SpeakerGroup } from '../../utils/quotes/same-quote';
import { isOpen, useDisclosure } from './Articles';
import './quote-groups.css';

type Row = { kind: 'person'; key: string; group: SpeakerGroup<Note>; open: boolean } | { kind: 'note'; key: string; note: Note };

export type SpeakersViewProps = {
  /** The notes the search and filters keep grouped by person (`groupBySpeaker`), in the panel's order. */
  groups: readonly SpeakerGroup<Note>[];
  /** A search or filter narrows the notes. */
  filtered: boolean;
  /** The props the Notes view gives a note (same actions, same handlers). */
  noteProps: (note: Note) => NoteItemProps;
  /** Keys on an active note row (open, delete, select), as in the Notes view. */
  onNoteKey: (note: Note, e: KeyboardEvent) => boolean;
};

/**
 * Every quote of one person, from every source: a header per speaker (names of one person
 * joined, "Einstein" under "Albert Einstein"), most quoted first, its notes under it. One virtual
 * row per header and per note, so 50,000 notes cost no more than the Notes view.
 */
export function SpeakersView({ groups, filtered, noteProps, onNoteKey }: SpeakersViewProps) {
  const disclosure = useDisclosure();
  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const group of groups) {
      const key = `p:${group.person.name}`;
      const open = isOpen(disclosure.state, key);
      out.push({ kind: 'person', key, group, open });
      if (open) for (const note of group.notes) out.push({ kind: 'note', key: note.id, note });
    }
    return out;
  }, [groups, disclosure.state]);

  const nav = useListNav(rows, (row, e) => {
    if (row.kind === 'note') return onNoteKey(row.note, e);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') disclosure.set(row.key, e.key === 'ArrowRight');
    else if (e.key === 'Enter' || e.key === ' ') disclosure.set(row.key, !row.open);
    else return false;
    return true;
  });

  if (!groups.length) return <p class="notice">{t(filtered ? 'noResults' : 'speakersEmpty')}</p>;
  return (
    <>
      <div class="list-status">
        <p class="muted small" data-testid="speakers-count">
          {plural(groups.length, 'speakersCountOne', 'speakersCountOther')}
        </p>
        <button type="button" class="link-button" onClick={() => disclosure.setAll(!disclosure.state.allOpen)}>
          {t(disclosure.state.allOpen ? 'collapseAll' : 'expandAll')}
        </button>
      </div>
      <div class="list-wrap" onKeyDown={nav.onKeyDown}>
        <VirtualList
          items={rows}
          keyOf={(r) => r.key}
          estimate={(r) => (r.kind === 'person' ? 60 : 130)}
          scrollToIndex={nav.active}
          role="list"
          label={t('viewSpeakers')}
          class="results grouped speakers"
          renderItem={(row, i) => {
            const cls = `row${i === nav.active ? ' active' : ''}`;
            if (row.kind === 'note')
              return (
                <div role="listitem" aria-level={2} class={`${cls} grouped-note`} {...nav.rowProps(i)}>
                  <NoteItem {...noteProps(row.note)} />
                </div>
              );
            const { person, notes: said, sources } = row.group;
            const others = person.names.filter((n) => n !== person.name);
            const titleId = `speaker-${i}`;
            return (
              <div role="listitem" aria-level={1} class={`${cls} group-head${i === 0 ? ' first' : ''}`} data-speaker={person.name} {...nav.rowProps(i)}>
                <div class="article-head">
                  <button type="button" class="disclosure" aria-expanded={row.open} aria-labelledby={titleId} onClick={() => disclosure.set(row.key, !row.open)}>
                    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                      <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
                    </svg>
                  </button>
                  <h2 class="group-title" id={titleId}>
                    {person.name}
                  </h2>
                </div>
                <p class="muted small group-meta">
                  {[plural(said.length, 'quotesCountOne', 'quotesCountOther'), plural(sources, 'sourcesCountOne', 'sourcesCountOther'), others.length ? t('speakerAlsoWritten', others.join(', ')) : '']
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </div>
            );
          }}
        />
      </div>
    </>
  );
}
