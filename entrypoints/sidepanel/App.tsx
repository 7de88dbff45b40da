import type { ComponentChildren } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { BackupReminder } from '../../components/BackupReminder';
import { DeleteArticleDialog } from '../../components/DeleteArticleDialog';
import { ExportMenu } from '../../components/ExportMenu';
import { NoteItem, type NoteItemProps } from '../../components/NoteItem';
import { NoteProjects } from '../../components/NoteProjects';
import { QuoteCardDialog } from '../../components/QuoteCardDialog';
import { SyncIndicator } from '../../components/sync/SyncIndicator';
import { BulkBar } from '../../components/BulkBar';
import { UndoBar } from '../../components/UndoBar';
import { VirtualList } from '../../components/VirtualList';
import { useActivePageUrl } from '../../hooks/useActivePageUrl';
import { useColorNames } from '../../hooks/useColorNames';
import { useCitationStyles } from '../../hooks/useCitationStyles';
import { useLibrary } from '../../hooks/useLibrary';
import { useListNav } from '../../hooks/useListNav';
import { useNoteErrors } from '../../hooks/useNoteErrors';
import { useDeleteArticle } from '../../hooks/useDeleteArticle';
import { useUndo } from '../../hooks/useUndo';
import { useSelection } from '../../hooks/useSelection';
import { useProjects } from '../../hooks/useProjects';
import { addNotesToProjects, createProject } from '../../utils/services/projects';
import type { EarlyPreview } from '../../utils/db/early-preview';
import type { VerbatimDb } from '../../utils/db/schema';
import { formatDate, plural, t, uiLanguage } from '../../utils/platform/i18n';
import type { Article, Note, NotePatch, NoteVersion } from '../../utils/domain/model';
import type { NoteSeen } from '../../utils/messaging/protocol';
import { openAtPassage } from '../../utils/platform/open-passage';
import { highlightMatches, type QueryTerm } from '../../utils/search';
import { groupByArticle, matchingArticles, queryNotes, siteOf, withMatchingArticles, type ArticleGroup, type NoteFilter, type NoteSort } from '../../utils/search/filters';
import { copyCitation } from '../../utils/services/copy-citation';
import { deleteNotesChange, restoreVersionChange } from '../../utils/services/changes';
import { saveNoteChange, savePageNote } from '../../utils/services/notes';
import { countTags, rankTags } from '../../utils/domain/tags';
import { speakerKey } from '../../utils/domain/speaker';
import { ArticlesView, groupInReadingOrder, useDisclosure } from './Articles';
import { SameQuotesView, sameQuotesOf } from './SameQuotes';
import { SpeakersView } from './Speakers';
import { groupBySpeaker } from '../../utils/quotes/same-quote';
import { useKept } from '../../hooks/useKept';
import { useQuoteKeys } from '../../hooks/useQuoteKeys';
import { TagsView } from './Tags';
import { Filters, isFiltering } from './Filters';
import { useThrottled } from '../../hooks/useThrottled';
import { useSearchIndex } from './useSearchIndex';
import { ProjectsView } from './Projects';
import { ReviewView } from './Review';
import { useReviewRequest } from '../../hooks/useReviewRequest';

export type AppProps = {
  db: VerbatimDb;
  /** The first screen's notes, when the page started reading them before rendering (`readPreview`). */
  preview?: Promise<EarlyPreview>;
};

/** The panel's views, each a tab, with its label's message key. */
const VIEWS = { notes: 'viewNotes', articles: 'viewArticles', tags: 'viewTags', speakers: 'viewSpeakers', same: 'viewSameQuotes', projects: 'viewProjects', review: 'viewReview' } as const;

/** A grouped list's article heading; the list's other rows are the notes themselves (no wrapper per note: a broad search lists tens of thousands). */
type Header = { kind: 'header'; key: string; article?: Article; url: string; count: number };
type Row = Header | Note;
const isHeader = (row: Row): row is Header => row.kind === 'header';

/** The side panel: every note, searchable and filterable, live, however large the library. */
export function App({ db, preview }: AppProps) {
  const search = useSearchIndex(db);
  const library = useLibrary(db, search.follow, preview);
  // What is derived from the whole library and only offered (suggestions) follows it at most once
  // a second: a sync or an import changes it batch after batch (issue #15).
  const suggestionsVersion = useThrottled(library.version, 1_000);
  // The list follows a stream of changes (a sync's batches) twice a second, between keys: each
  // follow re-runs the search and sort of the whole library. A change after a quiet time shows at once.
  const listVersion = useThrottled(library.version, 500);
  // Counted from the library in memory: a scan of the tags index would cost every change half
  // a second on 50,000 notes.
  const tags = useMemo(() => rankTags(countTags(library.articles.values(), countTags(library.notes.values()))), [suggestionsVersion]);
  // The quotes' speakers, each once as first spelled, offered when typing one.
  const speakers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const n of library.notes.values()) if (n.speaker && !seen.has(speakerKey(n.speaker))) seen.set(speakerKey(n.speaker), n.speaker);
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  }, [suggestionsVersion]);
  const colorNames = useColorNames(db);
  const citationStyles = useCitationStyles(db);
  // One Undo for every change made here: a note deleted, a bulk change, a tag, an article.
  const undoable = useUndo(db);
  // Each action on a note says on its row when it failed (a change not saved, storage full…).
  const noteErrors = useNoteErrors();
  const saveChange = (id: string, patch: NotePatch, seen?: NoteSeen) =>
    noteErrors.run(id, () => saveNoteChange(db, id, patch, seen), 'noteChangeFailed', 'storageFullChangeNotSaved');
  const deleteOne = (id: string) =>
    void noteErrors.run(id, () => undoable.run(() => deleteNotesChange(db, [id]), (c) => plural(c.notes, 'noteDeleted', 'notesDeletedOther')), 'noteDeleteFailed');
  const restore = (id: string, version: NoteVersion) =>
    void noteErrors.run(id, () => undoable.run(() => restoreVersionChange(db, id, version), () => t('versionRestored')), 'versionRestoreFailed', 'storageFullChangeNotSaved');
  // An orphan's page opens and says there how to attach it again; its row here says so too.
  const open = async (note: Note) => {
    let reached: Awaited<ReturnType<typeof openAtPassage>> | undefined;
    const opened = await noteErrors.run(note.id, async () => void (reached = await openAtPassage(note)), 'openPassageFailed');
    if (opened && reached === 'orphan') await noteErrors.run(note.id, () => Promise.reject(new Error('passage missing')), 'passageMissingOpened');
  };
  const pageUrl = useActivePageUrl();
  const [view, setView] = useState<keyof typeof VIEWS>('notes');
  const projects = useProjects(db);
  const [openProject, setOpenProject] = useState<string | null>(null);
  const showProject = (id: string | null) => {
    setOpenProject(id);
    setView('projects');
  };
  useReviewRequest(() => setView('review'));
  const deleting = useDeleteArticle(db, undoable);
  const [query, setQuery] = useState('');
  const [fullText, setFullText] = useState(false);
  const [filter, setFilter] = useState<NoteFilter>({});
  const [sort, setSort] = useState<NoteSort>('newest');
  const [grouped, setGrouped] = useState(false);
  const { selected, ids: selectedIds, select: selectNote, selectAll, clear: clearSelection } = useSelection();
  const [showFilters, setShowFilters] = useState(false);
  /** The note whose quote card is open. */
  const [carded, setCarded] = useState<Note | null>(null);
  const disclosure = useDisclosure();

  const searching = query.trim().length > 0;
  const filterActive = isFiltering(filter);
  const articlesView = view === 'articles';

  // Filters, facets and sorting run over the index's column store (typed arrays): a few ms on
  // 50,000 notes, and nothing rebuilt when one note changes.
  // The Articles view takes the same notes by article: pages newest first, each page's notes in
  // reading order (the index keeps that order cached until the next change).
  const { notes, facets, terms, groups } = useMemo(() => {
    const index = search.get(fullText, library);
    // Before the index is ready (just after opening): the newest notes, unfiltered; nothing yet
    // for a search, which would otherwise seem to match everything.
    if (!index) {
      const newest = searching ? [] : (library.preview?.notes ?? [...library.notes.values()].sort((a, b) => b.createdAt - a.createdAt));
      const pages: ArticleGroup[] = articlesView ? groupInReadingOrder(newest, library.articleByUrl) : [];
      return { notes: newest, facets: undefined, terms: [] as QueryTerm[], groups: pages };
    }
    const result = searching ? index.search(query, { limit: 0 }) : undefined;
    const effective = articlesView ? 'article' : sort === 'relevance' && !searching ? 'newest' : sort;
    const q = queryNotes(index.records, filter, effective, result?.rows);
    let pages = grouped || articlesView ? groupByArticle(index.records, q.rows) : [];
    // An article shows when one of its notes matches, or when it matches by itself (site, its
    // tags, the day it was saved, its title…), even without a matching note.
    if (articlesView && (searching || filterActive)) pages = withMatchingArticles(index.records, pages, matchingArticles(index.records, filter, searching ? index.searchArticles(query) : undefined));
    return { notes: q.notes, facets: q.facets, terms: result?.terms ?? [], groups: pages };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listVersion, library.preview, search.ready, query, fullText, filter, sort, grouped, articlesView]);

  const rows = useMemo<Row[]>(() => {
    if (articlesView) return [];
    if (!grouped) return notes;
    const out: Row[] = [];
    for (const g of groups) {
      out.push({ kind: 'header', key: `h:${g.url}`, article: g.article, url: g.url, count: g.notes.length });
      for (const note of g.notes) out.push(note);
    }
    return out;
  }, [notes, grouped, groups, articlesView]);

  const renderText = useCallback(
    (text: string): ComponentChildren =>
      terms.length ? highlightMatches(text, terms).map((run, i) => (run.match ? <mark key={i} class="match">{run.text}</mark> : run.text)) : text,
    [terms],
  );

  // Speakers and Same quote: grouped while shown, kept while another view is (switching back
  // costs nothing unless the notes changed); each quote's key is computed once per note, ahead in idle time.
  const quoteKeyOf = useQuoteKeys(library);
  const speakerGroups = useKept(view === 'speakers', [notes], () => groupBySpeaker(notes, uiLanguage()));
  const sameGroups = useKept(view === 'same', [library.version], () => sameQuotesOf(library.notes.values(), quoteKeyOf));
  // The Same quote view groups the whole library and keeps the groups with a matching note.
  const matchingIds = useMemo(() => (view === 'same' && (searching || filterActive) ? new Set(notes.map((n) => n.id)) : undefined), [view, notes, searching, filterActive]);

  const pageNotes = useMemo(
    () => (pageUrl ? [...library.notes.values()].filter((n) => n.url === pageUrl) : []),
    [library.version, pageUrl],
  );

  const sourceOf = (note: Note) => {
    const a = library.articleByUrl.get(note.url);
    return { title: a?.title ?? note.url, detail: [a?.siteName ?? siteOf(note.url), formatDate(a?.publishedTime ?? note.createdAt)].filter(Boolean).join(' · ') };
  };

  /** A note's props and actions, the same in the Notes and Articles views. */
  const noteProps = (note: Note): NoteItemProps => ({
    note,
    as: 'div',
    colorNames,
    tagSuggestions: tags,
    speakerSuggestions: speakers,
    renderText,
    // A quote shows who said it; a highlight shows where it comes from.
    source: note.kind === 'quote' && note.attribution ? undefined : sourceOf(note),
    showAttribution: true,
    onUpdate: saveChange,
    onRestore: restore,
    onDelete: deleteOne,
    onCopy: (n: Note, format: 'text' | 'markdown', styleId?: string) => copyCitation(db, n, format, styleId),
    citationStyles,
    onOpen: (note: Note) => void open(note),
    onCard: setCarded,
    error: noteErrors.errorOf(note.id),
    selected: selected.has(note.id),
    onSelect: selectNote,
    footer: (
      <NoteProjects
        holding={projects.byNote.get(note.id) ?? []}
        projects={projects.list}
        onAdd={(projectId) => addNotesToProjects(db, [projectId], [note.id])}
        onCreate={(name) => createProject(db, name, [note.id])}
        onOpenProject={showProject}
      />
    ),
  });

  /** Keys on the active note of a list: Enter opens it at its passage, Delete deletes, Space selects. */
  const onNoteKey = (note: Note, e: KeyboardEvent) => {
    if (e.key === 'Enter') void open(note);
    else if (e.key === 'Delete') deleteOne(note.id);
    else if (e.key === ' ') selectNote(note.id, !selected.has(note.id));
    else return false;
    return true;
  };
  const nav = useListNav(rows, (row, e) => !isHeader(row) && onNoteKey(row, e));

  // Until the library is read, the count is known only when the preview holds every note.
  const total = library.loaded ? library.notes.size : library.preview?.complete ? library.preview.notes.length : undefined;
  const listed = library.loaded || library.preview !== undefined;
  const indexing = searching && !search.get(fullText, library);
  // What the status row says above the list; with nothing to say (and no Articles' button) it takes no room.
  const status = indexing
    ? t('searchPreparing')
    : facets && (searching || filterActive)
      ? articlesView
        ? `${plural(groups.length, 'articlesCountOne', 'articlesCountOther')} · ${plural(facets.total, 'matchingNotesOne', 'matchingNotesOther')}`
        : plural(facets.total, 'resultsCountOne', 'resultsCount')
      : '';
  return (
    <main class="panel">
      <header class="panel-header">
        <h1>{t('sidepanelTitle')}</h1>
        <span class="muted small" data-testid="total">{total === undefined ? '' : plural(total, 'notesCountOne', 'notesCountOther')}</span>
        <SyncIndicator db={db} />
        {/* While the search index is built, the search has no results yet: no "current view" to export. */}
        <ExportMenu db={db} filtered={!indexing && (searching || filterActive) ? notes : undefined} selected={selectedIds} total={total ?? 'unknown'} />
      </header>
      <BackupReminder db={db} />
      <div class="searchbar">
        <input
          type="search"
          class="search-input"
          value={query}
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchLabel')}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            nav.setActive(0);
            // Best match while searching; back to newest first once the search is cleared.
            const typed = e.currentTarget.value.trim();
            if (typed && sort === 'newest') setSort('relevance');
            else if (!typed && sort === 'relevance') setSort('newest');
          }}
        />
        <label class="small">
          <input type="checkbox" checked={fullText} onChange={(e) => setFullText(e.currentTarget.checked)} /> {t('searchFullText')}
        </label>
        <button type="button" class={`btn btn-small ${showFilters ? 'btn-on' : ''}`} aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)}>
          {t('filtersLabel')}
        </button>
      </div>
      <div class="tabs" role="tablist">
        {(Object.keys(VIEWS) as Array<keyof typeof VIEWS>).map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} class="tab" onClick={() => setView(v)}>
            {t(VIEWS[v])}
          </button>
        ))}
      </div>
      {showFilters && facets && (
        <Filters filter={filter} facets={facets} colorNames={colorNames} sort={sort} grouped={grouped} articles={articlesView} onFilter={setFilter} onSort={setSort} onGrouped={setGrouped} />
      )}
      {pageUrl && pageNotes.length > 0 && !searching && (
        <details class="this-page" open>
          <summary>
            {t('thisPage')} · {plural(pageNotes.length, 'notesCountOne', 'notesCountOther')}
          </summary>
          <ul class="notes compact">
            {pageNotes.slice(0, 20).map((n) => (
              <NoteItem key={n.id} {...noteProps(n)} as="li" source={undefined} />
            ))}
          </ul>
        </details>
      )}
      {selected.size > 0 && (
        <BulkBar
          db={db}
          notes={[...selected].map((id) => library.notes.get(id)).filter((n): n is Note => n !== undefined)}
          articles={library.articles}
          projects={projects.list}
          colorNames={colorNames}
          undo={undoable}
          onDone={clearSelection}
          selectAll={{ shown: notes.length, select: () => selectAll(notes.map((n) => n.id)) }}
        />
      )}
      {library.error && (
        <p class="notice error" role="alert">
          {t('libraryReadFailed', library.error)}
        </p>
      )}
      {!listed && !library.error && <p class="muted">{t('loading')}</p>}
      {listed && total === 0 && <p class="notice empty">{t('sidepanelEmpty')}</p>}
      {listed && total !== 0 && view !== 'review' && view !== 'projects' && view !== 'tags' && (
        <div class={status || articlesView ? 'list-status' : 'list-status quiet'}>
          <p class="muted small result-count" role="status">{status}</p>
          {articlesView && facets && (searching || filterActive) && <p class="muted small articles-hint">{t('articlesFilterHint')}</p>}
          {articlesView && library.loaded && (
            <button type="button" class="link-button" onClick={() => disclosure.setAll(!disclosure.state.allOpen)}>
              {t(disclosure.state.allOpen ? 'collapseAll' : 'expandAll')}
            </button>
          )}
        </div>
      )}
      {listed && total !== 0 && view === 'notes' && !indexing && (
        notes.length === 0 ? (
          <p class="notice">{t('noResults')}</p>
        ) : (
          <div class="list-wrap" onKeyDown={nav.onKeyDown}>
            <VirtualList
              items={rows}
              keyOf={(r) => (isHeader(r) ? r.key : r.id)}
              estimate={(r) => (isHeader(r) ? 44 : 150)}
              scrollToIndex={nav.active}
              role="list"
              label={t('viewNotes')}
              class="results"
              renderItem={(row, i) =>
                isHeader(row) ? (
                  <h2 class="group-header">
                    {row.article?.title ?? row.url} <span class="muted small">({row.count})</span>
                  </h2>
                ) : (
                  <div role="listitem" class={i === nav.active ? 'row active' : 'row'} {...nav.rowProps(i)}>
                    <NoteItem {...noteProps(row)} />
                  </div>
                )
              }
            />
          </div>
        )
      )}
      {!library.loaded && listed && articlesView && <p class="muted">{t('loading')}</p>}
      {library.loaded && total !== 0 && articlesView && !indexing && (
        <ArticlesView
          groups={groups}
          library={library}
          filtered={searching || filterActive}
          disclosure={disclosure}
          noteProps={noteProps}
          onNoteKey={onNoteKey}
          onDelete={deleting.ask}
          onPageNote={(page, text) => savePageNote(db, { url: page.url, title: page.article?.title ?? page.url }, text)}
          db={db}
        />
      )}
      {library.loaded && view === 'tags' && <TagsView db={db} tags={tags} undo={undoable} />}
      {view === 'projects' && (
        <ProjectsView db={db} projects={projects} openId={openProject} onOpenProject={showProject} notes={library.notes} articleByUrl={library.articleByUrl} onOpen={(note) => void open(note)} />
      )}
      {library.loaded && total !== 0 && view === 'speakers' && !indexing && speakerGroups && <SpeakersView groups={speakerGroups} filtered={searching || filterActive} noteProps={noteProps} onNoteKey={onNoteKey} />}
      {library.loaded && total !== 0 && view === 'same' && !indexing && sameGroups && (
        <SameQuotesView groups={sameGroups} matching={matchingIds} renderText={renderText} sourceOf={sourceOf} onOpen={(note) => void open(note)} onSpeaker={(id, speaker) => void saveChange(id, { speaker })} speakerSuggestions={speakers} />
      )}
      {view === 'review' && <ReviewView db={db} sourceOf={sourceOf} />}
      {carded && <QuoteCardDialog note={library.notes.get(carded.id) ?? carded} article={library.articleByUrl.get(carded.url)} onClose={() => setCarded(null)} />}
      {deleting.asking && <ArticleDeleteQuestion article={deleting.asking} notes={library.notes} deleting={deleting} />}
      {undoable.message && (
        <UndoBar message={undoable.message} failed={undoable.failed} onUndo={undoable.undoable ? () => void undoable.undo() : undefined} onExpire={undoable.dismiss} />
      )}
    </main>
  );
}

/** The question before deleting an article, with how many notes it has in the whole library. */
function ArticleDeleteQuestion({ article, notes, deleting }: { article: Article; notes: ReadonlyMap<string, Note>; deleting: ReturnType<typeof useDeleteArticle> }) {
  let count = 0;
  for (const n of notes.values()) if (n.url === article.url) count++;
  return (
    <DeleteArticleDialog
      title={article.title || article.url}
      noteCount={count}
      error={deleting.error}
      onCancel={deleting.cancel}
      onConfirm={(withNotes) => deleting.confirm(withNotes, count > 0)}
    />
  );
}
