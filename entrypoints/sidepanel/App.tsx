import { NoteItem } from '../../components/NoteItem';
import { copyCitation } from '../../components/copyCitation';
import { saveNoteChange } from '../../components/saveNoteChange';
import { UndoBar } from '../../components/UndoBar';
import { useColorNames } from '../../components/useColorNames';
import { useLiveQuery } from '../../components/useLiveQuery';
import { useUndoableDelete } from '../../components/useUndoableDelete';
import { libraryNewestFirst, tagCounts } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { formatDate, plural, t } from '../../utils/i18n';
import type { Article, Note, TagCount } from '../../utils/model';

export type AppProps = {
  db: VerbatimDb;
};

/** The side panel: every saved article with its notes, newest first, live. */
export function App({ db }: AppProps) {
  const library = useLiveQuery(() => libraryNewestFirst(db), []);
  const undoable = useUndoableDelete(db);
  const tags = useLiveQuery(() => tagCounts(db), [db]).value ?? [];
  return (
    <main class="panel">
      <header class="panel-header">
        <h1>{t('sidepanelTitle')}</h1>
        {library.value && (
          <span class="muted small">{plural(library.value.reduce((n, e) => n + e.notes.length, 0), 'notesCountOne', 'notesCountOther')}</span>
        )}
      </header>
      {library.error && <p class="notice error">{t('errorGeneric', library.error)}</p>}
      {!library.value && !library.error && <p class="muted">{t('loading')}</p>}
      {library.value?.length === 0 && <p class="notice empty">{t('sidepanelEmpty')}</p>}
      {library.value && library.value.length > 0 && (
        <ol class="articles">
          {library.value.map(({ article, notes }) => (
            <ArticleEntry key={article.id} db={db} article={article} notes={notes} tags={tags} onDelete={undoable.remove} />
          ))}
        </ol>
      )}
      {undoable.deleted && (
        <UndoBar message={t('noteDeleted')} onUndo={() => void undoable.undo()} onExpire={undoable.dismiss} />
      )}
    </main>
  );
}

type ArticleEntryProps = { db: VerbatimDb; article: Article; notes: Note[]; tags: TagCount[]; onDelete: (id: string) => void };

function ArticleEntry({ db, article, notes, onDelete, tags }: ArticleEntryProps) {
  const colorNames = useColorNames(db);
  const meta = [article.byline, article.siteName ?? hostOf(article.url), formatDate(article.publishedTime)].filter(Boolean);
  return (
    <li class="article" data-article-id={article.id} lang={article.lang}>
      <h2 class="article-title">
        <a href={article.url} target="_blank" rel="noopener noreferrer">
          {article.title}
        </a>
      </h2>
      <p class="muted small article-meta">
        {meta.join(' · ')}
        {article.clippedAt === undefined && <span class="badge">{t('articleNotClipped')}</span>}
        <span class="count">{plural(notes.length, 'notesCountOne', 'notesCountOther')}</span>
      </p>
      {notes.length > 0 && (
        <ul class="notes">
          {notes.map((n) => (
            <NoteItem
              key={n.id}
              note={n}
              showAttribution={n.kind === 'quote'}
              colorNames={colorNames}
              tagSuggestions={tags}
              onUpdate={(id, patch) => void saveNoteChange(db, id, patch)}
              onCopy={(n) => copyCitation(db, n, 'text')}
              onDelete={onDelete}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
