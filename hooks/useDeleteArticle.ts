import { useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import type { Article } from '../utils/domain/model';
import { plural, t } from '../utils/platform/i18n';
import { describeWriteError } from '../utils/platform/write-error';
import { deleteArticleChange } from '../utils/services/changes';
import type { useUndo } from './useUndo';

/**
 * Deleting an article from a page (side panel, popup): `ask` opens the question (render
 * `DeleteArticleDialog` while `asking` is set), `confirm` deletes it, keeping its notes or not, in
 * one transaction with one Undo. A failure is kept in `error`, for the dialog to say; nothing was
 * deleted then.
 */
export function useDeleteArticle(db: VerbatimDb, undo: ReturnType<typeof useUndo>) {
  const [asking, setAsking] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ask = (article: Article) => {
    setError(null);
    setAsking(article);
  };
  const cancel = () => setAsking(null);
  /** Deletes the article asked about; `hadNotes`: it had notes to keep (the message says they were kept). */
  const confirm = async (withNotes: boolean, hadNotes: boolean) => {
    if (!asking) return;
    setError(null);
    try {
      await undo.run(
        () => deleteArticleChange(db, asking.id, withNotes),
        (c) => (c.notes > 0 ? plural(c.notes, 'articleDeletedWithOne', 'articleDeletedWithOther') : t(hadNotes && !withNotes ? 'articleDeletedKept' : 'articleDeleted')),
      );
      setAsking(null);
    } catch (e) {
      console.error('Verbatim: the article was not deleted', e);
      setError(describeWriteError(e, 'articleDeleteFailed', 'storageFullChangeNotSaved'));
      throw e;
    }
  };
  return { asking, error, ask, cancel, confirm };
}
