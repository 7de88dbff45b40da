import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DeleteArticleDialog } from '../../components/DeleteArticleDialog';
import { BulkBar } from '../../components/BulkBar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageNoteForm } from '../../components/PageNoteForm';
import { TagEditor } from '../../components/TagEditor';
import { UndoBar } from '../../components/UndoBar';
import { useArticles, usePageArticle, usePageNotes, useTagCounts } from '../../hooks/queries';
import { useColorNames } from '../../hooks/useColorNames';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import { useNoteErrors } from '../../hooks/useNoteErrors';
import { useProjects } from '../../hooks/useProjects';
import { useDeleteArticle } from '../../hooks/useDeleteArticle';
import { useSelection } from '../../hooks/useSelection';
import { useUndo } from '../../hooks/useUndo';
import { useWrite } from '../../hooks/useWrite';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note, NoteVersion, TagCount } from '../../utils/domain/model';
import { isHttpUrl, normalizeUrl } from '../../utils/extract/url';
import { callTab } from '../../utils/messaging/rpc';
import { formatDate, plural, t } from '../../utils/platform/i18n';
import { openSidePanel } from '../../utils/platform/open-panel';
import { readerUrl } from '../../utils/platform/reader-url';
import { describeWriteError } from '../../utils/platform/write-error';
import { copyCitation } from '../../utils/services/copy-citation';
import { saveClipWithImages } from '../../utils/services/clip';
import { changeArticleTags } from '../../utils/services/library';
import { deleteNotesChange, restoreVersionChange } from '../../utils/services/changes';
import { savePageNote } from '../../utils/services/notes';
import { ArticleSummary } from './ArticleSummary';
import { DeleteTag } from './DeleteTag';
import { NoteList } from './NoteList';
import { OtherAddresses } from './OtherAddresses';
import { type PageText, suggestionsFor } from './suggestions';
import { usePageText } from './usePageText';

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

/** The tab the popup shows: the one named, else the active tab of the current window. */
async function tabToShow(tabId?: number): Promise<TabInfo | null> {
  const tab = tabId !== undefined ? await browser.tabs.get(tabId) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab?.id || !tab.url) return null;
  return { id: tab.id, windowId: tab.windowId, url: tab.url, title: tab.title ?? tab.url };
}

/** The popup: the current page, its clip and its notes. */
export function App({ db, tabId }: AppProps) {
  const [tab, setTab] = useState<TabInfo | null | undefined>(undefined);
  useEffect(() => {
    tabToShow(tabId).then(setTab, () => setTab(null));
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
  const [error, setError] = useState<string | null>(null);
  const failed = (key: string) => (e: unknown) => {
    console.error('Verbatim: could not open', e);
    setError(describeWriteError(e, key));
  };
  return (
    <>
      <header class="popup-header">
        <h1 class="brand">Verbatim</h1>
        <button
          type="button"
          class="link-button settings-link"
          onClick={() => {
            setError(null);
            browser.runtime.openOptionsPage().catch(failed('openSettingsFailed'));
          }}
        >
          {t('openSettings')}
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => {
            setError(null);
            // Opened synchronously inside the click: the side panel needs the user's gesture. An
            // API may also throw at once (bad arguments) rather than reject: said the same way.
            let opening: Promise<void>;
            try {
              opening = openSidePanel(windowId);
            } catch (e) {
              opening = Promise.reject(e);
            }
            opening.then(() => window.close(), failed('openSidePanelFailed'));
          }}
        >
          {t('openSidePanel')}
        </button>
      </header>
      <ErrorNotice error={error} />
    </>
  );
}

type ClipState = { status: 'idle' } | { status: 'working' } | { status: 'message'; text: string; error?: boolean };

function PagePanel({ db, tab }: { db: VerbatimDb; tab: TabInfo }) {
  const url = normalizeUrl(tab.url);
  const article = usePageArticle(db, url);
  const notes = usePageNotes(db, url);
  const [clip, setClip] = useState<ClipState>({ status: 'idle' });

  /** Clips the page; whatever fails is said under the button, never thrown out of the click. */
  async function onClip() {
    try {
      await clipPage();
    } catch (e) {
      console.error('Verbatim: clipping failed', e);
      setClip({ status: 'message', error: true, text: describeWriteError(e) });
    }
  }

  async function clipPage() {
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
      setClip({ status: 'message', error: true, text: t('clipOtherPage') });
      return;
    }
    await saveClipWithImages(db, tab.id, reply.value);
    setClip({ status: 'idle' });
  }

  // One Undo for every change made here: a note, the article, a tag everywhere.
  const undoable = useUndo(db);
  // Offered in the bulk bar: the page's selected notes go to a project at once, as in the side panel.
  const projects = useProjects(db);
  const deleteNote = async (id: string) => {
    await undoable.run(() => deleteNotesChange(db, [id]), (c) => plural(c.notes, 'noteDeleted', 'notesDeletedOther'));
  };
  const restoreVersion = async (id: string, version: NoteVersion) => {
    await undoable.run(() => restoreVersionChange(db, id, version), () => t('versionRestored'));
  };
  const deleting = useDeleteArticle(db, undoable);
  const noteErrors = useNoteErrors();
  const tags = useTagCounts(db).value ?? [];
  const found = notes.value?.filter((n) => n.orphanedAt === undefined) ?? [];
  const orphans = notes.value?.filter((n) => n.orphanedAt !== undefined) ?? [];
  const saved = article.value;
  const clipped = saved?.clippedAt !== undefined;
  // A page with notes but no clip: its text, read from the tab after the first paint, for tag
  // suggestions only (nothing is saved).
  const pageText = usePageText(tab.id, url, !!saved && !clipped);
  const copy = (n: Note, format: 'text' | 'markdown', styleId?: string) => copyCitation(db, n, format, styleId);
  // The tags this popup shows: the page's own and its notes'.
  const pageTags = [...new Set([...(saved?.tags ?? []), ...(notes.value ?? []).flatMap((n) => n.tags)])];
  const noteCount = notes.value?.length ?? 0;
  // Notes selected for a bulk change: those of this page still there.
  const selection = useSelection();
  const chosen = (notes.value ?? []).filter((n) => selection.selected.has(n.id));
  const articles = useArticles(db, chosen.length > 0).value;
  const colorNames = useColorNames(db);
  const listProps = { db, tags, onCopy: copy, onDelete: deleteNote, onRestore: restoreVersion, errors: noteErrors, selected: selection.selected, onSelect: selection.select };
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
          {clipped && saved && (
            <a class="link-button reader-link" data-action="read" href={readerUrl(saved.id)} target="_blank" rel="noopener">
              {t('openReader')}
            </a>
          )}
          {saved && (
            <button type="button" class="link-button danger delete-article" data-action="delete-article" onClick={() => deleting.ask(saved)}>
              {t('deleteArticle')}
            </button>
          )}
        </div>
        {saved && <ArticleTags db={db} article={saved} tags={tags} page={pageText} />}
        <DeleteTag db={db} pageTags={pageTags} counts={tags} undo={undoable} />
        {clip.status === 'message' && (
          <p class={clip.error ? 'notice error' : 'notice'} role="status">{clip.text}</p>
        )}
      </section>
      <section class="page-notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading" class="section-title">{t('popupNotesHeading')}</h2>
        {/* A note on the page as a whole; listed first among the notes below. */}
        <PageNoteForm onSave={(text) => savePageNote(db, { url, title: saved?.title ?? tab.title }, text)} />
        {notes.error && <p class="notice error">{t('errorGeneric', notes.error)}</p>}
        {notes.value && found.length === 0 && <p class="muted">{t('popupNoNotes')}</p>}
        {found.length > 0 && <NoteList {...listProps} notes={found} />}
      </section>
      <OtherAddresses db={db} tabId={tab.id} url={url} />
      {orphans.length > 0 && (
        <section class="orphans" aria-labelledby="orphans-heading">
          <h2 id="orphans-heading" class="section-title">
            {t('orphansHeading')} ({orphans.length})
          </h2>
          <p class="muted small">{t('orphansHelp')}</p>
          <NoteList {...listProps} notes={orphans} onOpen={(n) => void openOrphan(tab.id, n, noteErrors)} />
        </section>
      )}
      {deleting.asking && (
        <DeleteArticleDialog
          title={deleting.asking.title || deleting.asking.url}
          noteCount={noteCount}
          error={deleting.error}
          onCancel={deleting.cancel}
          onConfirm={(withNotes) => deleting.confirm(withNotes, noteCount > 0)}
        />
      )}
      {/* The bulk bar and the Undo bar stay in view at the bottom while the list scrolls. */}
      <div class="popup-footer">
        {chosen.length > 0 && (
          <BulkBar
            db={db}
            notes={chosen}
            articles={articles ?? new Map()}
            projects={projects.list}
            colorNames={colorNames}
            undo={undoable}
            onDone={selection.clear}
            selectAll={{ shown: noteCount, select: () => selection.selectAll((notes.value ?? []).map((n) => n.id)) }}
          />
        )}
        {undoable.message && (
          <UndoBar message={undoable.message} failed={undoable.failed} onUndo={undoable.undoable ? () => void undoable.undo() : undefined} onExpire={undoable.dismiss} />
        )}
      </div>
    </main>
  );
}

/**
 * "Open at passage" on a note whose passage is missing: the page is asked to show it, and says
 * there that it is missing and how to attach it again; its row here says so too.
 */
async function openOrphan(tabId: number, note: Note, errors: ReturnType<typeof useNoteErrors>) {
  let revealed = true;
  const asked = await errors.run(
    note.id,
    async () => {
      const reply = await callTab(tabId, 'revealNote', { id: note.id });
      if (!reply.ok) throw new Error(reply.error);
      revealed = reply.value;
    },
    'openPassageFailed',
  );
  if (asked && !revealed) await errors.run(note.id, () => Promise.reject(new Error('passage missing')), 'passageMissingOpened');
}

/** The article's own tags, with tags suggested from its text offered as one-click chips. */
function ArticleTags({ db, article, tags, page }: { db: VerbatimDb; article: Article; tags: TagCount[]; page?: PageText | undefined }) {
  const existing = tags.map((x) => x.tag).join('\n');
  const suggestions = useLiveQuery(
    () => suggestionsFor(db, article.id, existing ? existing.split('\n') : [], page),
    [db, article.id, existing, page],
  );
  // Suggestions are a nicety: when they fail, the popup works on without them.
  if (suggestions.error) console.warn('Verbatim: tag suggestions failed:', suggestions.error);
  const suggested = suggestions.value;
  const { error, run } = useWrite('articleTagsFailed', 'the page’s tags were not saved');
  // Each change is made against the stored tags: two chips clicked in quick succession both hold.
  const change = (tags: { add?: string[]; remove?: string[] }) => void run(() => changeArticleTags(db, article.id, tags));
  return (
    <div class="article-tags">
      <TagEditor
        tags={article.tags}
        suggestions={tags}
        onAdd={(tag) => change({ add: [tag] })}
        onRemove={(tag) => change({ remove: [tag] })}
      />
      {suggested && suggested.length > 0 && (
        <div class="suggestions" data-testid="tag-suggestions">
          <span class="muted">{t('suggestedTags')}</span>
          {suggested.map((tag) => (
            <button key={tag} type="button" class="chip-suggest" aria-label={t('suggestTagLabel', tag)} onClick={() => change({ add: [tag] })}>
              + {tag}
            </button>
          ))}
        </div>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
