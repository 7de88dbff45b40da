import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { QuoteCardDialog } from '../../components/QuoteCardDialog';
import { UndoBar } from '../../components/UndoBar';
import { useKnownSpeakers, usePageNotes, useSavedCopy, useTagCounts } from '../../hooks/queries';
import { useColorNames } from '../../hooks/useColorNames';
import { useNoteErrors } from '../../hooks/useNoteErrors';
import { useUndo } from '../../hooks/useUndo';
import { anchor, describe } from '../../utils/anchoring';
import type { SavedCopy } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note, NoteDraft, NotePatch } from '../../utils/domain/model';
import { isPageNote } from '../../utils/domain/notes';
import { sanitizeToFragment } from '../../utils/extract/sanitize';
import { Highlighter } from '../../utils/page/highlighter';
import { PageHighlights } from '../../utils/page/page-highlights';
import { placeNear } from '../../utils/page/place';
import { speakerOfRange } from '../../utils/quotes/speaker-context';
import { formatDate, plural, t } from '../../utils/platform/i18n';
import { errorText } from '../../utils/platform/write-error';
import { deleteNotesChange } from '../../utils/services/changes';
import { reattachNote, saveNote, saveNoteChange } from '../../utils/services/notes';
import { imagesNotice, showImages } from './images';
import { NoteCard } from './NoteCard';
import { SelectionToolbar } from './SelectionToolbar';

export type AppProps = {
  db: VerbatimDb;
  /** The clipped article to show. */
  articleId: string;
};

/** The reader view: a clipped article from its saved copy, with its highlights and images, readable offline. */
export function App({ db, articleId }: AppProps) {
  // null once looked up and absent; undefined while loading. The body is read with its article,
  // so a re-clip shows its new copy together with its new title.
  const clip = useSavedCopy(db, articleId);
  if (clip.value === undefined && !clip.error) return <main class="reader"><p class="muted">{t('loading')}</p></main>;
  if (!clip.value) return <main class="reader"><p class="notice">{t('readerMissing')}</p></main>;
  document.title = clip.value.article.title;
  return <Reader db={db} copy={clip.value} />;
}

/** The card open on a passage: which note, where, and whether it opens on its note field. */
type OpenCard = { id: string; at: { x: number; y: number }; focusNote: boolean };

const CARD_SIZE = { width: 340, height: 250 };

function Reader({ db, copy }: { db: VerbatimDb; copy: SavedCopy }) {
  const { article } = copy;
  const body = useRef<HTMLDivElement>(null);
  const highlights = useRef<PageHighlights | null>(null);
  const highlighter = useRef<Highlighter | null>(null);
  // Passages only: a page note (on the article as a whole) has no passage to draw or click.
  const stored = usePageNotes(db, article.url).value;
  const notes = useMemo(() => stored?.filter((n) => !isPageNote(n)), [stored]);
  // Notes the page could not find their passage for: the reader's toolbar offers to attach one here.
  const orphans = useMemo(() => notes?.filter((n) => n.orphanedAt !== undefined) ?? [], [notes]);
  const colorNames = useColorNames(db);
  const tags = useTagCounts(db).value ?? [];
  const speakers = useKnownSpeakers(db).value;
  const [error, setError] = useState<string | null>(null);
  const [card, setCard] = useState<OpenCard | null>(null);
  /** The note whose quote card (an image of it, issue #17) is open. */
  const [carded, setCarded] = useState<string | null>(null);
  const noteErrors = useNoteErrors();
  const undoable = useUndo(db);

  // The saved copy, sanitised again here: what was stored came from a page, and pages are hostile.
  // Its images are given their saved bytes (or a placeholder) before it enters the document.
  useEffect(() => {
    const root = body.current;
    if (!root) return;
    let revoke = () => {};
    try {
      const fragment = sanitizeToFragment(copy.html, window, article.url);
      revoke = showImages(fragment, copy.images, copy.imagesLeftOut);
      root.replaceChildren(fragment);
      for (const a of root.querySelectorAll('a[href]')) a.setAttribute('target', '_blank');
    } catch (e) {
      setError(String(e));
    }
    highlighter.current = new Highlighter(document);
    highlights.current = new PageHighlights({ root: () => root, highlighter: highlighter.current, report: () => {}, watchMs: 0 });
    return () => {
      highlights.current?.destroy();
      revoke();
    };
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

  /** Opens the card of a drawn passage, beside it. */
  const openCard = (id: string, focusNote: boolean) => {
    const range = highlighter.current?.rangeOf(id);
    if (!range) return;
    const p = placeNear(range, CARD_SIZE, { width: innerWidth, height: innerHeight });
    setCard({ id, at: { x: p.x + scrollX, y: p.y + scrollY }, focusNote });
  };

  // A click on a drawn passage (not the end of a drag that selects) opens its card.
  const onBodyClick = (e: MouseEvent) => {
    if (!document.getSelection()?.isCollapsed) return;
    const id = highlighter.current && notes ? noteAt(highlighter.current, notes, e.clientX, e.clientY) : undefined;
    if (id) openCard(id, false);
    else setCard(null);
  };

  /** A highlight made a quote: the speaker is proposed from the text around its passage. */
  const withProposal = (note: Note, patch: NotePatch): NotePatch => {
    const root = body.current;
    // Drawn, or found again from its selectors while the passages are being redrawn.
    const range = patch.kind === 'quote' && note.kind !== 'quote' && root ? (highlighter.current?.rangeOf(note.id) ?? anchorSafe(root, note)) : undefined;
    const speaker = range ? speakerOfRange(range, article.byline) : undefined;
    return speaker ? { ...patch, proposedSpeaker: speaker } : patch;
  };

  const open = card && notes?.find((n) => n.id === card.id);
  const meta = [article.byline, article.siteName, formatDate(article.publishedTime, 'long')].filter(Boolean);
  const leftOut = imagesNotice(copy.imagesLeftOut);
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
        {leftOut && <p class="small muted reader-images-notice">{leftOut}</p>}
      </header>
      {error && <p class="notice error">{t('errorGeneric', error)}</p>}
      {drawError && (
        <p class="notice error" role="alert">
          {drawError}
        </p>
      )}
      {/* Clicks open a passage's card; the keyboard reaches the same notes in the side panel. */}
      <div class="reader-body" ref={body} onClick={onBodyClick} />
      <SelectionToolbar
        db={db}
        root={() => body.current}
        onSave={async (kind, color, range, withNote) => {
          const root = body.current;
          if (!root) return;
          // As on the page: tabs showing the article's page draw the passage too.
          const draft: NoteDraft = { kind, color, exact: range.toString().trim(), selectors: describe(root, range) };
          // A quote: who said it, as the text around it says (a proposal the card shows).
          const speaker = kind === 'quote' ? speakerOfRange(range, article.byline) : undefined;
          if (speaker) Object.assign(draft, { speaker, speakerProposed: true });
          const note = await saveNote(db, article, draft);
          highlights.current?.add(note, range);
          openCard(note.id, withNote);
        }}
        orphans={orphans}
        onAttach={async (orphan, range) => {
          const root = body.current;
          if (!root) return;
          const note = await reattachNote(db, orphan.id, { exact: range.toString().trim(), selectors: describe(root, range) });
          highlights.current?.add(note, range);
        }}
      />
      {open && (
        <NoteCard
          note={open}
          at={card.at}
          colorNames={colorNames}
          tagSuggestions={tags}
          speakerSuggestions={speakers}
          focusNote={card.focusNote}
          error={noteErrors.errorOf(open.id)}
          onUpdate={(patch, seen) => noteErrors.run(open.id, () => saveNoteChange(db, open.id, withProposal(open, patch), seen), 'noteChangeFailed', 'storageFullChangeNotSaved')}
          onDelete={() =>
            void noteErrors.run(open.id, () => undoable.run(() => deleteNotesChange(db, [open.id]), (c) => plural(c.notes, 'noteDeleted', 'notesDeletedOther')), 'noteDeleteFailed').then((done) => done && setCard(null))
          }
          onClose={() => setCard(null)}
          onCard={() => {
            setCarded(open.id);
            setCard(null);
          }}
        />
      )}
      {carded && notes?.some((n) => n.id === carded) && <QuoteCardDialog note={notes.find((n) => n.id === carded)!} article={article} onClose={() => setCarded(null)} />}
      {undoable.message && (
        <UndoBar message={undoable.message} failed={undoable.failed} onUndo={undoable.undoable ? () => void undoable.undo() : undefined} onExpire={undoable.dismiss} />
      )}
    </main>
  );
}

/** The drawn note under a point of the viewport (the innermost when passages overlap). */
function noteAt(highlighter: Highlighter, notes: readonly Note[], x: number, y: number): string | undefined {
  const caret = document.caretPositionFromPoint?.(x, y);
  const fallback = caret ? null : document.caretRangeFromPoint?.(x, y);
  const node = caret?.offsetNode ?? fallback?.startContainer;
  const offset = caret?.offset ?? fallback?.startOffset ?? 0;
  if (!node) return undefined;
  let best: { id: string; length: number } | undefined;
  for (const note of notes) {
    const range = highlighter.rangeOf(note.id);
    if (!range) continue;
    try {
      if (!range.isPointInRange(node, offset)) continue;
    } catch {
      continue;
    }
    const length = range.toString().length;
    if (!best || length < best.length) best = { id: note.id, length };
  }
  return best?.id;
}

/** The passage of a note in the reader's copy, or undefined when it cannot be found there. */
function anchorSafe(root: Element, note: Note): Range | undefined {
  try {
    return anchor(root, note.selectors) ?? undefined;
  } catch {
    return undefined;
  }
}
