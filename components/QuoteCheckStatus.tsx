import type { QuoteCheck } from '../utils/domain/model';
import { formatDate, t } from '../utils/platform/i18n';
import type { LoadFailure } from '../utils/quotes/check-sources';
import { wordDiff } from '../utils/quotes/word-diff';
import './quote-check.css';

const OUTCOME_KEY = { same: 'checkSame', reworded: 'checkReworded', gone: 'checkGone' } as const;
const NOTE_LINE_KEY = { same: 'noteCheckedSame', reworded: 'noteCheckedReworded', gone: 'noteCheckedGone' } as const;

/** What a check found, in words: "Still there, word for word"… */
export const checkOutcomeText = (check: Pick<QuoteCheck, 'outcome'>): string => t(OUTCOME_KEY[check.outcome]);

/** Why a source could not be loaded, in words. */
export function loadFailureText(failure: LoadFailure): string {
  if (failure.reason === 'timeout') return t('checkUnreachableTimeout', failure.seconds);
  if (failure.reason === 'http') return t('checkUnreachableHttp', failure.status);
  return t('checkUnreachable');
}

export type CheckedOnProps = {
  check: QuoteCheck;
};

/** A note's last check, small, for lists: "✓ Checked on 5 Dec 2026: word for word". */
export function CheckedOn({ check }: CheckedOnProps) {
  return (
    <p class="note-check small" data-check={check.outcome}>
      {t(NOTE_LINE_KEY[check.outcome], formatDate(check.at))}
    </p>
  );
}

export type WordDiffViewProps = {
  /** The passage as saved. */
  before: string;
  /** The words the page has now. */
  after: string;
};

/**
 * The saved passage against the page's words, word by word: removed words struck, added ones
 * marked, each named for screen readers. Text nodes only: both sides come from web pages.
 */
export function WordDiffView({ before, after }: WordDiffViewProps) {
  const parts = wordDiff(before, after);
  return (
    <blockquote class="check-diff">
      {parts.map((part, i) => {
        const space = i > 0 ? ' ' : '';
        if (part.op === 'same') return `${space}${part.text}`;
        const Tag = part.op === 'del' ? 'del' : 'ins';
        return [
          space,
          <Tag key={i}>
            <span class="sr-only">{t(part.op === 'del' ? 'diffRemoved' : 'diffAdded')} </span>
            {part.text}
          </Tag>,
        ];
      })}
    </blockquote>
  );
}
