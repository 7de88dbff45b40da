import { useMemo } from 'preact/hooks';
import { useQuoteCheck } from '../hooks/useQuoteCheck';
import type { VerbatimDb } from '../utils/db/schema';
import type { Note } from '../utils/domain/model';
import { formatDate, plural, t } from '../utils/platform/i18n';
import type { LoadFailure } from '../utils/quotes/check-sources';
import { passagesBySource } from '../utils/quotes/check-sources';
import { siteOf } from '../utils/search/records';
import { checkOutcomeText, loadFailureText, WordDiffView } from './QuoteCheckStatus';
import { ErrorNotice } from './ErrorNotice';

export type QuoteCheckProps = {
  /** A database handle, passed on to the check (which stores each result on its note). */
  db: VerbatimDb;
  /** The notes to check, as the library has them now (a note's stored check shows as it changes); notes on a page as a whole are left out. */
  notes: readonly Note[];
  /** Heading level of the section's title; default 3. */
  level?: 2 | 3 | 4;
};

/**
 * "Check quotes" (issue #17): reloads each source of the notes' passages in a background tab and
 * says, per passage, whether the page still has it word for word, has reworded it (the words
 * changed shown), or no longer has it; or that the page could not be loaded. Each result is kept
 * on its note with its date ("checked on …"), so a draft can say when its sources were verified.
 */
export function QuoteCheck({ db, notes, level = 3 }: QuoteCheckProps) {
  const check = useQuoteCheck(db);
  const bySource = useMemo(() => passagesBySource(notes), [notes]);
  const passages = [...bySource.values()].flat();
  const Heading = `h${level}` as 'h3';
  const counts = { same: 0, reworded: 0, gone: 0, failed: 0 };
  for (const n of passages) {
    if (check.failures.has(n.id)) counts.failed++;
    else if (n.check) counts[n.check.outcome]++;
  }
  return (
    <section class="quote-check" aria-labelledby="quote-check-title" aria-busy={check.running}>
      <Heading id="quote-check-title" class="quote-check-title">
        {t('checkQuotes')}
      </Heading>
      <p class="muted small">{t('checkQuotesHelp')}</p>
      <div class="quote-check-bar">
        <span class="small">
          {plural(passages.length, 'checkPassagesOne', 'checkPassagesOther')} · {plural(bySource.size, 'checkSourcesOne', 'checkSourcesOther')}
        </span>
        {check.running ? (
          <button type="button" class="btn btn-small" data-action="cancel-check" onClick={check.cancel}>
            {t('checkCancel')}
          </button>
        ) : (
          <button type="button" class="btn btn-small btn-primary" data-action="check" disabled={!passages.length} onClick={() => void check.start(passages)}>
            {t(passages.some((n) => n.check) ? 'checkAgain' : 'checkNow')}
          </button>
        )}
      </div>
      {(check.running || check.done > 0) && (
        <p class="quote-check-progress small" role="status">
          <progress value={check.done} max={check.total || 1} />
          {t(check.running ? 'checkProgress' : 'checkProgressDone', check.done, check.total)}
        </p>
      )}
      {check.cancelled && <p class="notice small">{t('checkCancelled')}</p>}
      <ErrorNotice error={check.error} class="small" />
      {passages.some((n) => n.check) && (
        <p class="quote-check-summary small muted">{t('checkSummary', counts.same, counts.reworded, counts.gone, counts.failed)}</p>
      )}
      <ul class="quote-check-list">
        {passages.map((note) => (
          <CheckRow key={note.id} note={note} failure={check.failures.get(note.id)} pending={check.running && !check.finished.has(note.url)} />
        ))}
      </ul>
    </section>
  );
}

type CheckRowProps = {
  note: Note;
  failure: LoadFailure | undefined;
  /** Its source is still to be read in the run going on. */
  pending: boolean;
};

/** One passage and what its last check found. */
function CheckRow({ note, failure, pending }: CheckRowProps) {
  const c = note.check;
  const state = pending ? 'pending' : failure ? 'unreachable' : (c?.outcome ?? 'unchecked');
  return (
    <li class="quote-check-item" data-note-id={note.id} data-outcome={state}>
      {c?.outcome === 'reworded' && c.found && !pending ? <WordDiffView before={note.exact} after={c.found} /> : <blockquote class="check-quote">{note.exact}</blockquote>}
      <p class="quote-check-source small muted">{note.attribution?.title || siteOf(note.url)}</p>
      <p class="quote-check-outcome small">
        <span class="check-icon" aria-hidden="true">
          {ICON[state]}
        </span>
        {pending ? t('checkPending') : failure ? loadFailureText(failure) : c ? checkOutcomeText(c) : t('checkNotYet')}
        {c && !pending && <span class="muted"> · {t(failure ? 'checkLastCheckedOn' : 'checkedOn', formatDate(c.at))}</span>}
      </p>
    </li>
  );
}

const ICON: Record<string, string> = { same: '✓', reworded: '≠', gone: '✗', unreachable: '!', pending: '…', unchecked: '·' };
