import { useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import type { OfferedStyle } from '../utils/citation/catalog';
import { t } from '../utils/platform/i18n';
import { errorText } from '../utils/platform/write-error';
import { copyProjectRichText, downloadProject, ProjectGoneError, type ProjectFileKind } from '../utils/services/project-export';
import { CitationStylePicker } from './CitationStylePicker';

export type ProjectExportProps = {
  db: VerbatimDb;
  projectId: string;
  /** The project's name, in the group's accessible name. */
  name: string;
  /** The citation styles offered, and the user's default (`useCitationStyles`). */
  citationStyles: { styles: OfferedStyle[]; default: string };
};

type Action = ProjectFileKind | 'rich-text';

const ACTIONS = [
  ['markdown', 'projectExportMarkdown', 'projectExportMarkdownTitle'],
  ['rich-text', 'projectExportRichText', 'projectExportRichTextTitle'],
  ['docx', 'projectExportDocx', 'projectExportDocxTitle'],
] as const satisfies ReadonlyArray<readonly [Action, string, string]>;

/**
 * A project's draft exports (issue #17), behind an "Export draft" disclosure in the board's
 * header: a citation style (the user's default until they pick another here), then Markdown (a
 * download), Copy as rich text (HTML and plain text on the clipboard) and Word (a download). What
 * happened, or why not, is said under the buttons.
 */
export function ProjectExport({ db, projectId, name, citationStyles }: ProjectExportProps) {
  const [styleId, setStyleId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<Action | null>(null);
  const [status, setStatus] = useState<{ action: Action; text: string; error?: boolean } | null>(null);
  const style = styleId ?? citationStyles.default;

  async function run(action: Action) {
    setBusy(action);
    setStatus({ action, text: t('projectExportWorking') });
    try {
      if (action === 'rich-text') {
        await copyProjectRichText(db, projectId, style);
        setStatus({ action, text: t('projectExportCopied') });
      } else {
        setStatus({ action, text: t('exportDone', await downloadProject(db, projectId, action, style)) });
      }
    } catch (e) {
      const why = e instanceof ProjectGoneError ? t('projectExportGone') : e instanceof DOMException && e.name === 'NotAllowedError' ? t('projectExportClipboardRefused') : errorText(e);
      setStatus({ action, error: true, text: t(action === 'rich-text' ? 'projectExportCopyFailed' : 'exportFailed', why) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <details class="project-export" data-project-export={projectId}>
      <summary class="btn btn-small">{t('projectExport')}</summary>
      <div class="project-export-row" role="group" aria-label={t('projectExportOf', name)}>
        <CitationStylePicker offered={citationStyles} value={style} onPick={setStyleId} />
        {ACTIONS.map(([action, label, title]) => (
          <button key={action} type="button" class="btn btn-small" data-export={action} title={t(title)} disabled={busy !== null} aria-busy={busy === action} onClick={() => void run(action)}>
            {t(label)}
          </button>
        ))}
      </div>
      {status && (
        <p class={status.error ? 'small error' : 'small muted'} role={status.error ? 'alert' : 'status'} data-export-status={status.action}>
          {status.text}
        </p>
      )}
    </details>
  );
}
