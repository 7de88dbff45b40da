import { useEffect, useRef, useState } from 'preact/hooks';
import { ColorPicker } from '../../components/ColorPicker';
import { usePageNotes, useSavedCopy } from '../../hooks/queries';
import { useColorNames } from '../../hooks/useColorNames';
import { describe } from '../../utils/anchoring';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Color, NoteKind } from '../../utils/domain/model';
import { sanitizeToFragment } from '../../utils/extract/sanitize';
import { Highlighter } from '../../utils/page/highlighter';
import { PageHighlights } from '../../utils/page/page-highlights';
import { placeNear, type Point } from '../../utils/page/place';
import { formatDate, t } from '../../utils/platform/i18n';
import { describeWriteError, errorText } from '../../utils/platform/write-error';
import { saveNote } from '../../utils/services/notes';

export type AppProps = {
  db: VerbatimDb;
  /** The clipped article to show. */
  articleId: string;
};

/** The reader view: a clipped article from its saved copy, with its highlights, readable offline. */
export function App({ db, articleId }: AppProps) {
  // null once looked up and absent; undefined while loading. The body is read with its article,
  // so a re-clip shows its new copy together with its new title.
  const clip = useSavedCopy(db, articleId);
  if (clip.value === undefined && !clip.error) return <main class="reader"><p class="muted">{t('loading')}</p></main>;
  if (!clip.value) return <main class="reader"><p class="notice">{t('readerMissing')}</p></main>;
  document.title = clip.value.article.title;
  return <Reader db={db} article={clip.value.article} html={clip.value.html} />;
}

type ReaderProps = {
  db: VerbatimDb;
  article: Article;
  /** The article's saved copy (sanitised when clipped; sanitised again here before it is shown). */
  html: string;
};

function Reader({ db, article, html }: ReaderProps) {
  const body = useRef<HTMLDivElement>(null);
  const highlights = useRef<PageHighlights | null>(null);
  const notes = usePageNotes(db, article.url).value;
  const [error, setError] = useState<string | null>(null);

  // The saved copy, sanitised again here: what was stored came from a page, and pages are hostile.
  useEffect(() => {
    const root = body.current;
    if (!root) return;
    try {
      root.replaceChildren(sanitizeToFragment(html, window, article.url));
      for (const a of root.querySelectorAll('a[href]')) a.setAttribute('target', '_blank');
    } catch (e) {
      setError(String(e));
    }
    highlights.current = new PageHighlights({ root: () => root, highlighter: new Highlighter(document), report: () => {}, watchMs: 0 });
    return () => highlights.current?.destroy();
  }, [article.id, article.clippedAt]);

  // The first draw, and each after a change: a failure says so above the article (the text
  // itself is still there to read).
  const [drawError, setDrawError] = useState<string | null>(null);
  useEffect(() => {
    if (!notes || !highlights.current) return;
    highlights.current.show(notes).then(
      () => setDrawError(null),
      (e: unknown) => {
        console.error('Verbatim: highlights not drawn', e);
        setDrawError(t('highlightsNotShown', errorText(e)));
      },
    );
  }, [notes]);

  const meta = [article.byline, article.siteName, formatDate(article.publishedTime, 'long')].filter(Boolean);
  return (
    <main class="reader" lang={article.lang}>
      <header class="reader-header">
        <h1>{article.title}</h1>
        {meta.length > 0 && <p class="muted">{meta.join(' · ')}</p>}
        <p class="small">
          <a href={article.url} target="_blank" rel="noopener noreferrer">
            {t('readerOriginal')}
          </a>
          {article.readingMinutes && <span class="muted"> · {t('wordsReading', article.wordCount ?? 0, article.readingMinutes)}</span>}
        </p>
      </header>
      {error && <p class="notice error">{t('errorGeneric', error)}</p>}
      {drawError && (
        <p class="notice error" role="alert">
          {drawError}
        </p>
      )}
      <div class="reader-body" ref={body} />
      <SelectionToolbar
        db={db}
        root={() => body.current}
        onSave={async (kind, color, range) => {
          const root = body.current;
          if (!root) return;
          // As on the page: tabs showing the article's page draw the passage too.
          await saveNote(db, article, { kind, color, exact: range.toString().trim(), selectors: describe(root, range) });
        }}
      />
    </main>
  );
}

type ToolbarProps = {
  db: VerbatimDb;
  root: () => HTMLElement | null;
  /** Saves the selection; rejects when it was not saved (the toolbar says so and stays). */
  onSave: (kind: NoteKind, color: Color, range: Range) => Promise<void>;
};

/** Highlight and quote in the reader, as on the page. */
function SelectionToolbar({ db, root, onSave }: ToolbarProps) {
  const names = useColorNames(db);
  const [at, setAt] = useState<Point | null>(null);
  const [error, setError] = useState<string | null>(null);
  const range = useRef<Range | null>(null);
  useEffect(() => {
    const update = () => {
      const sel = document.getSelection();
      const r = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
      const inside = r && root()?.contains(r.commonAncestorContainer);
      if (!r || !inside || !r.toString().trim()) {
        range.current = null;
        setAt(null);
        setError(null);
        return;
      }
      // A failed save's message stays while the same passage is selected (the click on the
      // toolbar ends with a mouseup too); another selection starts afresh.
      const prev = range.current;
      const same = prev && prev.compareBoundaryPoints(Range.START_TO_START, r) === 0 && prev.compareBoundaryPoints(Range.END_TO_END, r) === 0;
      if (!same) setError(null);
      range.current = r.cloneRange();
      setAt(placeNear(r, { width: 330, height: 40 }, { width: innerWidth, height: innerHeight }));
    };
    const onUp = () => setTimeout(update, 0);
    document.addEventListener('mouseup', onUp);
    document.addEventListener('keyup', onUp);
    return () => {
      document.removeEventListener('mouseup', onUp);
      document.removeEventListener('keyup', onUp);
    };
  }, [root]);
  if (!at) return null;
  const save = (kind: NoteKind, color: Color) => {
    const r = range.current;
    if (!r) return;
    setError(null);
    onSave(kind, color, r).then(
      () => {
        document.getSelection()?.removeAllRanges();
        setAt(null);
      },
      // Not saved: the selection and the toolbar stay, with why, so the user can try again.
      (e: unknown) => {
        console.error('Verbatim: passage not saved', e);
        setError(describeWriteError(e, 'saveFailed'));
      },
    );
  };
  return (
    <div class="reader-toolbar" role="toolbar" aria-label={t('toolbarLabel')} style={{ left: `${at.x}px`, top: `${at.y}px` }} onMouseDown={(e) => e.preventDefault()}>
      <ColorPicker names={names} label={t('colorsLabel')} onPick={(c) => save('highlight', c)} />
      <button type="button" class="btn btn-small" data-action="highlight" onClick={() => save('highlight', 'yellow')}>
        {t('actionHighlight')}
      </button>
      <button type="button" class="btn btn-small" data-action="quote" onClick={() => save('quote', 'blue')}>
        {t('actionQuote')}
      </button>
      {error && (
        <p class="reader-toolbar-error error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
