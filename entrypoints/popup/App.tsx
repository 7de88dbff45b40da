import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NoteItem } from '../../components/NoteItem';
import { copyCitation } from '../../components/copyCitation';
import { saveNoteChange } from '../../components/saveNoteChange';
import { TagEditor } from '../../components/TagEditor';
import { UndoBar } from '../../components/UndoBar';
import { useColorNames } from '../../components/useColorNames';
import { useLiveQuery } from '../../components/useLiveQuery';
import { useUndoableDelete } from '../../components/useUndoableDelete';
import { articleByUrl, notesForUrl, saveClip, setArticleTags, tagCounts } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { isHttpUrl, normalizeUrl } from '../../utils/extract/url';
import { formatDate, t } from '../../utils/i18n';
import type { Article, Note, TagCount } from '../../utils/model';
import { openSidePanel } from '../../utils/open-panel';
import { callTab } from '../../utils/rpc';
import { describeWriteError } from '../../utils/write-error';
import { suggestionsFor } from './suggestions';

export type AppProps = {
  db: VerbatimDb;
  /** The tab to show; the active tab of the current window when absent. */
  tabId?: number;
};

interface TabInfo {
  id: number;
  windowId: number;
  url: string;
  title: string;
}

async function findTab(tabId?: number): Promise<TabInfo | null> {
  const tab = tabId !== undefined ? await browser.tabs.get(tabId) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab?.id || !tab.url) return null;
  return { id: tab.id, windowId: tab.windowId, url: tab.url, title: tab.title ?? tab.url };
}

/** The popup: the current page, its clip and its notes. */
export function App({ db, tabId }: AppProps) {
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  useEffect(() => {
    findTab(tabId).then(setTab, () => setTab(null));
  }, [tabId]);

  if (tab === undefined) return <main class="popup"><p class="muted">{t('loading')}</p></main>;
  if (!tab || !isHttpUrl(tab.url)) {
    return (
      <main class="popup">
        <Header windowId={tab?.windowId} />
        <p class="notice">{t('popupUnsupported')}</p>
      </main>
    );
  }
  return <PagePanel db={db} tab={tab} />;
}

function Header({ windowId }: { windowId?: number }) {
  return (
    <header class="popup-header">
      <h1 class="brand">Verbatim</h1>
      <button type="button" class="link-button settings-link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('openSettings')}
      </button>
      <button
        type="button"
        class="btn"
        onClick={() => {
          // Opened synchronously inside the click: the side panel needs the user's gesture.
          openSidePanel(windowId).then(() => window.close(), () => {});
        }}
      >
        {t('openSidePanel')}
      </button>
    </header>
  );
}

type ClipState = { status: 'idle' } | { status: 'working' } | { status: 'message'; text: string; error?: boolean };

function PagePanel({ db, tab }: { db: VerbatimDb; tab: TabInfo }) {
  const url = normalizeUrl(tab.url);
  const article = useLiveQuery(() => articleByUrl(db, url), [url]);
  const notes = useLiveQuery(() => notesForUrl(db, url), [url]);
  const [clip, setClip] = useState<ClipState>({ status: 'idle' });

  async function onClip() {
    setClip({ status: 'working' });
    const reply = await callTab(tab.id, 'extractArticle', {});
    if (!reply.ok) {
      setClip({
        status: 'message',
        error: true,
        text: reply.error === 'unreachable' ? t('popupReloadNeeded') : t('errorGeneric', reply.error),
      });
      return;
    }
    if (!reply.value) {
      setClip({ status: 'message', text: t('popupNoArticle') });
      return;
    }
    // The page answered for itself: it may only clip the URL this tab shows.
    if (normalizeUrl(reply.value.url) !== url) {
      setClip({ status: 'message', error: true, text: t('errorGeneric', 'URL mismatch') });
      return;
    }
    try {
      await saveClip(db, reply.value);
      setClip({ status: 'idle' });
    } catch (e) {
      setClip({ status: 'message', error: true, text: describeWriteError(e) });
    }
  }

  const undoable = useUndoableDelete(db);
  const onWriteError = (e: unknown) => setClip({ status: 'message', error: true, text: describeWriteError(e) });
  const tags = useLiveQuery(() => tagCounts(db), [db]).value ?? [];
  const found = notes.value?.filter((n) => n.orphanedAt === undefined) ?? [];
  const orphans = notes.value?.filter((n) => n.orphanedAt !== undefined) ?? [];
  const saved = article.value;
  const clipped = saved?.clippedAt !== undefined;
  return (
    <main class="popup">
      <Header windowId={tab.windowId} />
      <section class="page" aria-labelledby="page-title">
        {clipped && saved ? <ArticleSummary article={saved} /> : (
          <h2 id="page-title" class="page-title">{saved?.title ?? tab.title}</h2>
        )}
        <div class="clip-row">
          <button type="button" class="btn btn-primary" data-action="clip" disabled={clip.status === 'working'} onClick={onClip}>
            {clip.status === 'working' ? t('popupClipping') : clipped ? t('popupReclip') : t('popupClip')}
          </button>
          {clipped && saved && <span class="muted small">{t('popupClippedOn', formatDate(saved.clippedAt))}</span>}
        </div>
        {saved && <ArticleTags db={db} article={saved} tags={tags} />}
        {clip.status === 'message' && (
          <p class={clip.error ? 'notice error' : 'notice'} role="status">{clip.text}</p>
        )}
      </section>
      <section class="page-notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading" class="section-title">{t('popupNotesHeading')}</h2>
        {notes.error && <p class="notice error">{t('errorGeneric', notes.error)}</p>}
        {notes.value && found.length === 0 && <p class="muted">{t('popupNoNotes')}</p>}
        {found.length > 0 && <NoteList db={db} notes={found} tags={tags} onDelete={undoable.remove} onError={onWriteError} />}
      </section>
      {orphans.length > 0 && (
        <section class="orphans" aria-labelledby="orphans-heading">
          <h2 id="orphans-heading" class="section-title">
            {t('orphansHeading')} ({orphans.length})
          </h2>
          <p class="muted small">{t('orphansHelp')}</p>
          <NoteList db={db} notes={orphans} tags={tags} onDelete={undoable.remove} onError={onWriteError} />
        </section>
      )}
      {undoable.deleted && (
        <UndoBar message={t('noteDeleted')} onUndo={() => void undoable.undo()} onExpire={undoable.dismiss} />
      )}
    </main>
  );
}

type NoteListProps = {
  db: VerbatimDb;
  notes: Note[];
  tags: TagCount[];
  onDelete: (id: string) => void;
  /** A change could not be saved (storage full…). */
  onError: (e: unknown) => void;
};

function NoteList({ db, notes, tags, onDelete, onError }: NoteListProps) {
  const colorNames = useColorNames(db);
  return (
    <ul class="notes">
      {notes.map((n) => (
        <NoteItem
          key={n.id}
          note={n}
          colorNames={colorNames}
          tagSuggestions={tags}
          onUpdate={(id, patch) => void saveNoteChange(db, id, patch).catch(onError)}
              onCopy={(n) => copyCitation(db, n, 'text')}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}

/** The article's own tags, with tags suggested from its text offered as one-click chips. */
function ArticleTags({ db, article, tags }: { db: VerbatimDb; article: Article; tags: TagCount[] }) {
  const existing = tags.map((x) => x.tag).join('\n');
  const suggestions = useLiveQuery(
    () => suggestionsFor(db, article.id, existing ? existing.split('\n') : []),
    [db, article.id, existing],
  );
  // Suggestions are a nicety: when they fail, the popup works on without them.
  if (suggestions.error) console.warn('Verbatim: tag suggestions failed:', suggestions.error);
  const suggested = suggestions.value;
  const set = (next: string[]) => void setArticleTags(db, article.id, next);
  return (
    <div class="article-tags">
      <TagEditor
        tags={article.tags}
        suggestions={tags}
        onAdd={(tag) => set([...article.tags, tag])}
        onRemove={(tag) => set(article.tags.filter((x) => x !== tag))}
      />
      {suggested && suggested.length > 0 && (
        <div class="suggestions" data-testid="tag-suggestions">
          <span class="muted">{t('suggestedTags')}</span>
          {suggested.map((tag) => (
            <button key={tag} type="button" class="chip-suggest" aria-label={t('suggestTagLabel', tag)} onClick={() => set([...article.tags, tag])}>
              + {tag}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function ArticleSummary({ article }: { article: Article }) {
  const meta = [
    article.byline && t('byline', article.byline),
    article.siteName,
    formatDate(article.publishedTime, 'long'),
  ].filter(Boolean);
  return (
    <div class="summary" data-testid="article-summary">
      <h2 id="page-title" class="page-title">{article.title}</h2>
      {meta.length > 0 && <p class="muted small">{meta.join(' · ')}</p>}
      {article.wordCount !== undefined && (
        <p class="muted small">{t('wordsReading', article.wordCount, article.readingMinutes ?? 1)}</p>
      )}
      {article.excerpt && <p class="excerpt">{article.excerpt}</p>}
    </div>
  );
}
