import type { useUndo } from '../hooks/useUndo';
import { useWrite } from '../hooks/useWrite';
import type { VerbatimDb } from '../utils/db/schema';
import { plural, t } from '../utils/platform/i18n';
import { deleteTagChange } from '../utils/services/changes';
import { ErrorNotice } from './ErrorNotice';

export type TagDeleteQuestionProps = {
  db: VerbatimDb;
  tag: string;
  /** How many notes and articles carry the tag, said in the question. */
  count: number;
  /** The page's one undo: the deletion is offered back through it. */
  undo: ReturnType<typeof useUndo>;
  /** The tag was deleted. */
  onDone: () => void;
  /** The user kept the tag. */
  onCancel: () => void;
};

/**
 * The question before a tag is deleted from every note and article, saying how many carry it:
 * Delete (one transaction, with Undo after) or Cancel. A failure is said under it.
 */
export function TagDeleteQuestion({ db, tag, count, undo, onDone, onCancel }: TagDeleteQuestionProps) {
  const write = useWrite('tagChangeFailed', 'the tag was not deleted');
  const remove = async () => {
    const done = await write.run(() => undo.run(() => deleteTagChange(db, tag), (c) => plural(c.notes + c.articles, 'tagDeletedOne', 'tagDeletedOther', tag)));
    if (done) onDone();
  };
  return (
    <>
      <div role="group" aria-label={t('tagDelete')}>
        <p class="small">{t('tagDeleteConfirm', tag, count)}</p>
        <button type="button" class="btn btn-small btn-danger" disabled={write.busy} onClick={() => void remove()}>
          {t('tagDeleteButton')}
        </button>{' '}
        <button type="button" class="link-button" onClick={onCancel}>
          {t('cancelAction')}
        </button>
      </div>
      <ErrorNotice error={write.error} />
    </>
  );
}
