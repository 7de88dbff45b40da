import { useMemo, useState } from 'preact/hooks';
import { NoteItem, type NoteItemProps } from '../../components/NoteItem';
import { PageNoteForm } from '../../components/PageNoteForm';
import { ReferenceExport } from '../../components/ReferenceExport';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Library } from '../../hooks/useLibrary';
import { VirtualList } from '../../components/VirtualList';
import { formatDate, plural, t } from '../../utils/platform/i18n';
import type { Article, Note } from '../../utils/domain/model';
import { positionOf, siteOf, type ArticleGroup } from '../../utils/search/filters';
import { useListNav } from '../../hooks/useListNav';
import { readerUrl } from '../../utils/platform/reader-url';

/**
 * Which articles show their notes: all or none by default (`allOpen`), but for those the reader
 * flipped (by URL). Kept by the panel, so it survives a switch to the Notes view and back.
 */
export type Disclosure = { allOpen: boolean; flipped: ReadonlySet<string> };

export function useDisclosure() {
  // Every article open by default: the view is the library read article by article; the list is
  // virtual, so 50,000 notes open cost no more to show than 2,000 closed articles.
  const [state, setState] = useState<Disclosure>({ allOpen: true, flipped: new Set() });
  const set = (url: string, open: boolean) =>
    setState((s) => {
      if ((s.allOpen !== s.flipped.has(url)) === open) return s;
      const flipped = new Set(s.flipped);
      if (flipped.has(url)) flipped.delete(url);
      else flipped.add(url);
      return { ...s, flipped };
    });
  return { state, set, setAll: (allOpen: boolean) => setState({ allOpen, flipped: new Set() }) };
}

export const isOpen = (d: Disclosure, url: string) => d.allOpen !== d.flipped.has(url);

/**
 * Notes grouped by page in the order of the Articles view (pages newest first, each page's notes
 * in reading order), without the search index: what the view shows while the index is prepared.
 */
export function groupInReadingOrder(notes: readonly Note[], articleByUrl: ReadonlyMap<string, Article>): ArticleGroup[] {
  const byUrl = new Map<string, Array<{ note: Note; at: number }>>();
  for (const note of notes) {
    let list = byUrl.get(note.url);
    if (!list) byUrl.set(note.url, (list = []));
    list.push({ note, at: positionOf(note) });
  }
  const groups = [...byUrl].map(([url, list]) => {
    list.sort((a, b) => a.at - b.at || a.note.createdAt - b.note.createdAt);
    const article = articleByUrl.get(url);
    const notes = list.map((x) => x.note);
    return article ? { url, article, notes } : { url, notes };
  });
  return sortPages(groups);
}

/** When a page was saved: its article's `createdAt`, or its newest note's without a record. */
function savedAt(g: ArticleGroup): number {
  if (g.article) return g.article.createdAt;
  let at = -Infinity;
  for (const n of g.notes) if (n.createdAt > at) at = n.createdAt;
  return at;
}

/** Newest first, as the search index orders pages (then by URL). */
function sortPages(groups: ArticleGroup[]): ArticleGroup[] {
  const at = new Map(groups.map((g) => [g, savedAt(g)]));
  return groups.sort((a, b) => at.get(b)! - at.get(a)! || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

type Row =
  | { kind: 'article'; key: string; page: ArticleGroup; open: boolean }
  | { kind: 'note'; key: string; note: Note }
  | { kind: 'empty'; key: string };

export type ArticlesViewProps = {
  /** Pages with the notes the search and filters keep, newest first, notes in reading order. */
  groups: ArticleGroup[];
  library: Library;
  /** A search or filter narrows the notes: pages without a matching note are left out. */
  filtered: boolean;
  disclosure: ReturnType<typeof useDisclosure>;
  /** The props the Notes view gives a note (same actions, same handlers). */
  noteProps: (note: Note) => NoteItemProps;
  /** Keys on an active note row (open, delete, select), as in the Notes view. */
  onNoteKey: (note: Note, e: KeyboardEvent) => boolean;
  /** Asks how to delete an article (keeping its notes or not). */
  onDelete?: (article: Article) => void;
  /** Saves a note on a page as a whole (under its article's header); rejects when not saved. */
  onPageNote: (page: ArticleGroup, text: string) => Promise<unknown>;
  /** The database, for each article's reference exports (CSL-JSON, BibTeX, RIS). */
  db?: VerbatimDb;
};

/**
 * Every saved page (clipped or only annotated), newest first, each with its highlights and quotes
 * under it in reading order, expandable and collapsible. One virtual row per article header and
 * per note, so a page of 2,000 notes costs no more than 2,000 pages.
 */
export function ArticlesView({ groups, library, filtered, disclosure, noteProps, onNoteKey, onDelete, onPageNote, db }: ArticlesViewProps) {
  const pages = useMemo(() => {
    if (filtered) return groups;
    // Unfiltered: pages without a note too (clipped, or every note deleted).
    const seen = new Set(groups.map((g) => g.url));
    const empty: ArticleGroup[] = [];
    for (const article of library.articles.values()) if (!seen.has(article.url)) empty.push({ url: article.url, article, notes: [] });
    return empty.length ? sortPages([...groups, ...empty]) : groups;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [groups, filtered, library.version]);

  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const page of pages) {
      const open = isOpen(disclosure.state, page.url);
      out.push({ kind: 'article', key: `a:${page.url}`, page, open });
      if (!open) continue;
      if (!page.notes.length) out.push({ kind: 'empty', key: `e:${page.url}` });
      for (const note of page.notes) out.push({ kind: 'note', key: note.id, note });
    }
    return out;
  }, [pages, disclosure.state]);

  const headerOf = (i: number) => {
    while (i > 0 && rows[i]!.kind !== 'article') i--;
    return i;
  };
  const nav = useListNav(rows, (row, e, i) => {
    if (row.kind === 'article') {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') disclosure.set(row.page.url, e.key === 'ArrowRight');
      else if (e.key === 'Enter' || e.key === ' ') disclosure.set(row.page.url, !row.open);
      else return false;
      return true;
    }
    // From a note, ← goes up to its article.
    if (e.key === 'ArrowLeft') {
      nav.moveTo(headerOf(i));
      return true;
    }
    return row.kind === 'note' && onNoteKey(row.note, e);
  });

  return (
    <>
      {filtered && pages.length === 0 ? (
        <p class="notice">{t('noResults')}</p>
      ) : (
        <div class="list-wrap" onKeyDown={nav.onKeyDown}>
          <VirtualList
            items={rows}
            keyOf={(r) => r.key}
            estimate={(r) => (r.kind === 'article' ? 76 : r.kind === 'empty' ? 36 : 130)}
            scrollToIndex={nav.active}
            role="list"
            label={t('viewArticles')}
            class="results articles"
            renderItem={(row, i) => {
              const cls = `row${i === nav.active ? ' active' : ''}`;
              if (row.kind === 'article') {
                const { article } = row.page;
                return (
                  <div role="listitem" aria-level={1} class={`${cls} article${row.open ? ' open' : ''}${i === 0 ? ' first' : ''}`} data-article-id={article?.id} lang={article?.lang} {...nav.rowProps(i)}>
                    <ArticleHeader page={row.page} open={row.open} onToggle={(open) => disclosure.set(row.page.url, open)} onDelete={onDelete} onPageNote={(text) => onPageNote(row.page, text)} db={db} />
                  </div>
                );
              }
              if (row.kind === 'empty')
                return (
                  <div role="listitem" aria-level={2} class={`${cls} article-empty`} {...nav.rowProps(i)}>
                    <p class="muted small">{t(filtered ? 'articleMatchesItself' : 'articleNoNotes')}</p>
                  </div>
                );
              return (
                <div role="listitem" aria-level={2} class={`${cls} article-note`} {...nav.rowProps(i)}>
                  {/* The article is named above: no source or attribution line under each of its notes. */}
                  <NoteItem {...noteProps(row.note)} source={undefined} showAttribution={false} />
                </div>
              );
            }}
          />
        </div>
      )}
    </>
  );
}

/** An article's row: disclosure, title (a link to the page), source, note count, reader link, tags. */
type ArticleHeaderProps = {
  page: ArticleGroup;
  open: boolean;
  onToggle: (open: boolean) => void;
  onDelete?: ((article: Article) => void) | undefined;
  onPageNote: (text: string) => Promise<unknown>;
  db?: VerbatimDb | undefined;
};

function ArticleHeader({ page, open, onToggle, onDelete, onPageNote, db }: ArticleHeaderProps) {
  const { article, url, notes } = page;
  const titleId = `title-${article?.id ?? url}`;
  return (
    <>
      <div class="article-head">
        <button type="button" class="disclosure" aria-expanded={open} aria-labelledby={titleId} onClick={() => onToggle(!open)}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </button>
        <h2 class="article-title">
          <a id={titleId} href={url} target="_blank" rel="noopener noreferrer">
            {article?.title || url}
          </a>
        </h2>
      </div>
      <p class="muted small article-meta">
        {[article?.byline, article?.siteName ?? siteOf(url), formatDate(article?.publishedTime)].filter(Boolean).join(' · ')}
        {article?.clippedAt === undefined && <span class="badge">{t('articleNotClipped')}</span>}
        <span class="count">{plural(notes.length, 'notesCountOne', 'notesCountOther')}</span>
        {article?.clippedAt !== undefined && (
          <a class="link-button" href={readerUrl(article.id)} target="_blank">
            {t('openReader')}
          </a>
        )}
        {db && <ReferenceExport db={db} scope={{ articleUrl: url }} name={article?.title || url} />}
        {article && onDelete && (
          <button type="button" class="link-button danger" data-action="delete-article" onClick={() => onDelete(article)}>
            {t('deleteArticle')}
          </button>
        )}
      </p>
      {article && article.tags.length > 0 && <p class="small article-tags">{article.tags.map((x) => `#${x}`).join(' ')}</p>}
      <div class="article-page-note">
        <PageNoteForm collapsed onSave={onPageNote} />
      </div>
    </>
  );
}
