import { useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import type { ExportKind } from '../utils/export/files';
import { t } from '../utils/platform/i18n';
import { writeReason } from '../utils/platform/write-error';
import { exportAndDownload } from '../utils/services/backup-jobs';

export type ReferenceExportProps = {
  db: VerbatimDb;
  /** What to export: one article (its page's URL) with its notes, or what carries one tag. */
  scope: { articleUrl: string } | { tag: string };
  /** What is exported, in the button's accessible name: an article's title, `#tag`. */
  name: string;
};

const KINDS = [
  ['csl-json', 'exportCslJson'],
  ['bibtex', 'exportBibtex'],
  ['ris', 'exportRis'],
] as const satisfies ReadonlyArray<readonly [ExportKind, string]>;

/**
 * "References" on an article's row or a tag's: a disclosure with the exports for reference
 * managers (CSL-JSON, BibTeX, RIS) of that article or that tag, each a download.
 */
export function ReferenceExport({ db, scope, name }: ReferenceExportProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  async function run(kind: ExportKind) {
    setBusy(true);
    setStatus(null);
    try {
      const file = await exportAndDownload(db, kind, scope);
      setStatus({ text: file ? t('exportDone', file) : t('exportNothing') });
    } catch (e) {
      setStatus({ error: true, text: t('exportFailed', writeReason(e instanceof Error ? e.message : e)) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <details class="reference-export">
      <summary class="link-button" aria-label={t('exportReferencesOf', name)}>
        {t('exportReferences')}
      </summary>
      <span class="reference-export-formats" role="group" aria-label={t('exportReferencesOf', name)}>
        {KINDS.map(([kind, label]) => (
          <button key={kind} type="button" class="btn btn-small" data-export={kind} disabled={busy} onClick={() => void run(kind)}>
            {t(label)}
          </button>
        ))}
      </span>
      {status && (
        <span class={status.error ? 'small error' : 'small muted'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </span>
      )}
    </details>
  );
}
