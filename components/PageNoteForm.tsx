import { useState } from 'preact/hooks';
import { useWrite } from '../hooks/useWrite';
import { t } from '../utils/platform/i18n';
import { ErrorNotice } from './ErrorNotice';

export type PageNoteFormProps = {
  /** Saves the text as a note on the page as a whole; rejects when it was not saved. */
  onSave: (text: string) => Promise<unknown>;
  /** Starts as an "Add a page note" button that opens the form (side panel, under an article); else open (popup). */
  collapsed?: boolean;
};

/**
 * Writing a note on the page as a whole (no passage: what the reader thinks of the article, why it
 * matters, what to do with it). When the save fails, the text stays and the reason is said here.
 */
export function PageNoteForm({ onSave, collapsed }: PageNoteFormProps) {
  const [open, setOpen] = useState(!collapsed);
  const [text, setText] = useState('');
  const { busy: saving, error, setError, run } = useWrite('pageNoteFailed', 'the page note was not saved');
  if (!open) {
    return (
      <button type="button" class="link-button" data-action="add-page-note" onClick={() => setOpen(true)}>
        {t('addPageNote')}
      </button>
    );
  }
  const close = () => {
    setText('');
    setError(null);
    if (collapsed) setOpen(false);
  };
  const save = async () => {
    if (!text.trim() || saving) return;
    if (await run(() => onSave(text))) close();
  };
  return (
    <form
      class="page-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea
        class="note-editor"
        rows={2}
        value={text}
        aria-label={t('pageNoteLabel')}
        placeholder={t('pageNotePlaceholder')}
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={collapsed}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
          else if (e.key === 'Escape' && collapsed) close();
        }}
      />
      <div class="page-note-actions">
        <button type="submit" class="btn btn-small" data-action="save-page-note" disabled={saving || !text.trim()}>
          {t('savePageNote')}
        </button>
        {collapsed && (
          <button type="button" class="link-button" onClick={close}>
            {t('cancelPageNote')}
          </button>
        )}
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}
