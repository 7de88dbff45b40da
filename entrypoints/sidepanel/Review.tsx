import { useEffect, useRef } from 'preact/hooks';
import { useReview } from '../../hooks/useReview';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note } from '../../utils/domain/model';
import { formatDate, plural, t, uiLanguage } from '../../utils/platform/i18n';
import { isFrench } from '../../utils/citation/typography';
import { markedPassage } from '../../utils/text/quote-marks';
import type { ReviewGrade } from '../../utils/review/schedule';
import type { SessionTally } from '../../utils/review/session';
import './review.css';
import { ErrorNotice } from '../../components/ErrorNotice';

export type ReviewProps = {
  db: VerbatimDb;
  /** A note's source as the side panel words it: the article's title, then site and date. */
  sourceOf: (note: Note) => { title: string; detail: string };
};

/** The answer buttons, in the order of their keys (1–4). */
const ANSWERS: ReadonlyArray<{ grade: ReviewGrade; key: string; label: string }> = [
  { grade: 'again', key: '1', label: 'reviewAgain' },
  { grade: 'hard', key: '2', label: 'reviewHard' },
  { grade: 'remember', key: '3', label: 'reviewRemember' },
  { grade: 'easy', key: '4', label: 'reviewEasy' },
];

/**
 * The Review view (issue #17): today's notes one at a time, the passage first, then on Space
 * (or Enter) who said it, where, and the user's note and tags. Keys: 1 again, 2 hard,
 * 3 remember, 4 easy, S skip, O open at the passage; each button shows its key.
 */
export function ReviewView({ db, sourceOf }: ReviewProps) {
  const review = useReview(db);
  const root = useRef<HTMLElement>(null);
  // Keys work as soon as the view opens.
  useEffect(() => root.current?.focus(), []);
  const { state, card } = review;

  const onKeyDown = (e: KeyboardEvent) => {
    if (!card || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    // On a focused button Space and Enter press it.
    if ((e.key === ' ' || e.key === 'Enter') && target.closest('button')) return;
    const answer = ANSWERS.find((a) => a.key === e.key);
    if (e.key === ' ' || e.key === 'Enter') review.reveal();
    else if (answer) review.answer(answer.grade);
    else if (e.key === 's' || e.key === 'S') review.skip();
    else if (e.key === 'o' || e.key === 'O') review.open();
    else return;
    e.preventDefault();
  };

  return (
    <section class="review" ref={root} tabIndex={-1} aria-label={t('viewReview')} onKeyDown={onKeyDown} data-testid="review">
      {state.phase === 'loading' && <p class="muted">{t('loading')}</p>}
      {state.phase === 'failed' && (
        <p class="notice error" role="alert">
          {state.error}
        </p>
      )}
      {state.phase === 'ready' && !card && (
        <div class="review-end" data-testid="review-end">
          {state.session.total > 0 ? <Summary tally={state.session.tally} total={state.session.total} /> : <p class="notice">{t(state.anyReviewable ? 'reviewNothingDue' : 'reviewNothingYet')}</p>}
          {state.nextDue !== undefined && <p class="muted">{t('reviewNextDue', formatDate(state.nextDue, 'long'))}</p>}
        </div>
      )}
      {state.phase === 'ready' && card && (
        <article class="review-card" data-color={card.note.color} data-note-id={card.note.id}>
          <p class="muted small review-progress" data-testid="review-progress">
            {t('reviewProgress', state.session.total - state.session.queue.length + 1, state.session.total)}
            {!card.state && <span class="badge review-new">{t('reviewNew')}</span>}
          </p>
          <blockquote class={`review-text ${card.note.kind === 'quote' ? 'review-quote' : ''}`}>
            {/* A quote's marks are drawn around it (review.css): its own are not doubled. */}
            {card.note.kind === 'quote' ? markedPassage(card.note.exact, isFrench(uiLanguage())) : card.note.exact}
          </blockquote>
          {review.revealed ? <Details note={card.note} source={sourceOf(card.note)} /> : (
            <button type="button" class="btn review-reveal" onClick={review.reveal}>
              {t('reviewReveal')} <kbd>{t('keySpace')}</kbd>
            </button>
          )}
          <div class="review-answers" role="group" aria-label={t('reviewAnswersLabel')}>
            {ANSWERS.map((a) => (
              <button key={a.grade} type="button" class={`btn ${a.grade === 'remember' ? 'btn-primary' : ''}`} data-answer={a.grade} disabled={review.busy} onClick={() => review.answer(a.grade)}>
                {t(a.label)} <kbd>{a.key}</kbd>
              </button>
            ))}
          </div>
          <div class="review-actions">
            <button type="button" class="btn btn-small" data-action="skip" onClick={review.skip}>
              {t('reviewSkip')} <kbd>S</kbd>
            </button>
            <button type="button" class="btn btn-small" data-action="open" onClick={review.open}>
              {t('openAtPassage')} <kbd>O</kbd>
            </button>
          </div>
          <ErrorNotice error={review.error} />
          {review.notice && (
            <p class="notice" role="status">
              {review.notice}
            </p>
          )}
        </article>
      )}
    </section>
  );
}

/** Who said it, the source, the user's note and tags: what the card shows once revealed. */
function Details({ note, source }: { note: Note; source: { title: string; detail: string } }) {
  return (
    <div class="review-details" data-testid="review-details">
      {note.speaker && <p class="review-speaker">— {note.speaker}</p>}
      <p class="review-source">
        {source.title}
        {source.detail && <span class="muted small"> · {source.detail}</span>}
      </p>
      {note.note && <p class="review-note">{note.note}</p>}
      {note.tags.length > 0 && (
        <ul class="tags" aria-label={t('tagsLabel')}>
          {note.tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The end of a session: how many, and what was answered. */
function Summary({ tally, total }: { tally: SessionTally; total: number }) {
  return (
    <div class="notice review-summary" role="status">
      <p>
        <strong>{plural(total, 'reviewDoneOne', 'reviewDoneOther')}</strong>
      </p>
      <p class="small">
        {[...ANSWERS.map((a) => [t(a.label), tally[a.grade]] as const), [t('reviewSkipped'), tally.skipped] as const]
          .filter(([, n]) => n > 0)
          .map(([label, n]) => t('reviewTallyItem', label, n))
          .join(' · ')}
      </p>
    </div>
  );
}
