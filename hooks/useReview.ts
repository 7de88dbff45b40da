import { useCallback, useEffect, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { NoteGoneError } from '../utils/domain/storage-full';
import type { Note } from '../utils/domain/model';
import { describeWriteError } from '../utils/platform/write-error';
import { openAtPassage } from '../utils/platform/open-passage';
import { t } from '../utils/platform/i18n';
import type { ReviewGrade } from '../utils/review/schedule';
import { answered, dropped, skipped, startSession, type Session } from '../utils/review/session';
import { openSession, saveAnswer } from '../utils/services/review';

export type ReviewView =
  | { phase: 'loading' }
  | { phase: 'failed'; error: string }
  | { phase: 'ready'; session: Session; nextDue?: number; anyReviewable: boolean };

/**
 * The Review view's session (issue #17): read once when the view opens (grading moves notes'
 * due dates, and a live query would reshuffle the cards under the user's hands), then each answer
 * stored as it is given. What fails says so on the card, in the user's language; a note deleted
 * meanwhile leaves the session.
 */
export function useReview(db: VerbatimDb) {
  const [state, setState] = useState<ReviewView>({ phase: 'loading' });
  const [revealed, setRevealed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    setState({ phase: 'loading' });
    openSession(db).then(
      (read) => setState({ phase: 'ready', session: startSession(read.cards), nextDue: read.nextDue, anyReviewable: read.anyReviewable }),
      (e: unknown) => setState({ phase: 'failed', error: t('errorGeneric', e instanceof Error ? e.message : String(e)) }),
    );
  }, [db]);
  useEffect(load, [load]);

  const session = state.phase === 'ready' ? state.session : undefined;
  const card = session?.queue[0];
  const update = (next: (s: Session) => Session) => {
    setState((s) => (s.phase === 'ready' ? { ...s, session: next(s.session) } : s));
    setRevealed(false);
    setError(null);
    setNotice(null);
  };

  const answer = async (grade: ReviewGrade) => {
    if (!card || busy) return;
    setBusy(true);
    try {
      const saved = await saveAnswer(db, card.note.id, grade, Date.now());
      update((s) => answered(s, grade));
      // Every answer puts its note a day away or more: the next review after today may be it.
      setState((s) => (s.phase === 'ready' ? { ...s, nextDue: Math.min(s.nextDue ?? Infinity, saved.due) } : s));
    } catch (e) {
      if (e instanceof NoteGoneError) update((s) => dropped(s, card.note.id));
      else setError(describeWriteError(e, 'noteChangeFailed', 'storageFullChangeNotSaved'));
    } finally {
      setBusy(false);
    }
  };

  const open = async (note: Note) => {
    setError(null);
    setNotice(null);
    try {
      if ((await openAtPassage(note)) === 'orphan') setNotice(t('passageMissingOpened'));
    } catch (e) {
      setError(t('openPassageFailed', e instanceof Error ? e.message : String(e)));
    }
  };

  return {
    state,
    card,
    revealed,
    busy,
    error,
    notice,
    reveal: () => setRevealed(true),
    answer: (grade: ReviewGrade) => void answer(grade),
    skip: () => card && update(skipped),
    open: () => card && void open(card.note),
    restart: load,
  };
}
