import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '../utils/platform/i18n';
import { Modal } from './Modal';
import { ErrorNotice } from './ErrorNotice';

export type DeleteArticleDialogProps = {
  /** The article's title (or address), named in the question. */
  title: string;
  /** How many notes the article has: the choice to keep or delete them is offered when it has any. */
  noteCount: number;
  /** Deletes the article (with its notes when `withNotes`); rejects when nothing was deleted, said in the dialog. */
  onConfirm: (withNotes: boolean) => Promise<void>;
  /** Closes the dialog without deleting anything. */
  onCancel: () => void;
  /** Says why the last attempt failed (the caller's message, in the user's language). */
  error?: string | null;
};

/**
 * Asks how to delete an article, plainly: its record and saved copy go; its notes stay (the
 * default, the choice that loses nothing) or go too. Modal: Escape or Cancel closes it.
 */
export function DeleteArticleDialog({ title, noteCount, onConfirm, onCancel, error }: DeleteArticleDialogProps) {
  const [withNotes, setWithNotes] = useState(false);
  const [working, setWorking] = useState(false);
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const confirm = async () => {
    setWorking(true);
    try {
      await onConfirm(noteCount > 0 && withNotes);
    } catch {
      // Said by the caller through `error`; the dialog stays for another try or Cancel.
    } finally {
      setWorking(false);
    }
  };
  return (
    <Modal class="delete-article-dialog" labelledBy="delete-article-title" onClose={onCancel}>
      <h2 id="delete-article-title" class="dialog-title">
        {t('deleteArticleTitle', title)}
      </h2>
      <p class="muted small">{t('deleteArticleRecord')}</p>
      {noteCount === 0 ? (
        <p class="small">{t('deleteArticleNoNotes')}</p>
      ) : (
        <fieldset class="dialog-choices">
          <label>
            <input ref={first} type="radio" name="notes" value="keep" checked={!withNotes} onChange={() => setWithNotes(false)} />{' '}
            {plural(noteCount, 'deleteArticleKeepOne', 'deleteArticleKeepOther')}
          </label>
          <label>
            <input type="radio" name="notes" value="delete" checked={withNotes} onChange={() => setWithNotes(true)} />{' '}
            {plural(noteCount, 'deleteArticleWithOne', 'deleteArticleWithOther')}
          </label>
        </fieldset>
      )}
      <ErrorNotice error={error} />
      <div class="dialog-buttons">
        <button type="button" class="btn" onClick={onCancel} ref={noteCount === 0 ? first : undefined}>
          {t('cancelAction')}
        </button>
        <button type="button" class="btn btn-danger" data-action="delete-article" disabled={working} onClick={() => void confirm()}>
          {t('deleteArticleButton')}
        </button>
      </div>
    </Modal>
  );
}
