import { useId, useRef, useState } from 'preact/hooks';
import { useNoteCount } from '../hooks/queries';
import type { VerbatimDb } from '../utils/db/schema';
import type { ExportKind } from '../utils/export/files';
import type { MergeCounts } from '../utils/export/import';
import type { ImportOutcome } from '../utils/export/jobs';
import type { ImportFormat } from '../utils/export/read-file';
import { plural, t, uiLanguage } from '../utils/platform/i18n';
import { isStorageFull, writeReason } from '../utils/platform/write-error';
import { exportAndDownload, importInBackground, JobError } from '../utils/services/backup-jobs';
import './backup.css';

export type ExportImportProps = {
  db: VerbatimDb;
  /** The notes the side panel shows under its search and filters; undefined when it shows all. */
  filtered?: readonly { id: string }[];
  /** The ids of the notes selected in the side panel; undefined or empty when none is. */
  selected?: readonly string[];
  /** The side panel's menu: no descriptions, tighter. */
  compact?: boolean;
  /**
   * How many notes there are, when the caller knows (the side panel holds the library): else
   * counted here. Counting walks every key of the notes store, a fifth of a second on 50,000.
   */
  total?: number | 'unknown';
};

const KINDS: readonly ExportKind[] = ['markdown', 'markdown-single', 'backup', 'readwise', 'w3c', 'csl-json', 'bibtex', 'ris', 'anki'];

type Busy = { label: string; done?: number; total?: number };
type Status =
  | { type: 'message'; text: string; error?: boolean }
  | { type: 'imported'; fileName: string; outcome: ImportOutcome };

/** An export button's label and description. */
const labelOf = (kind: ExportKind) => {
  switch (kind) {
    case 'markdown':
      return [t('exportMarkdown'), t('exportMarkdownHelp')];
    case 'markdown-single':
      return [t('exportMarkdownSingle'), t('exportMarkdownSingleHelp')];
    case 'backup':
      return [t('exportBackup'), t('exportBackupHelp')];
    case 'readwise':
      return [t('exportReadwise'), t('exportReadwiseHelp')];
    case 'w3c':
      return [t('exportW3c'), t('exportW3cHelp')];
    case 'csl-json':
      return [t('exportCslJson'), t('exportCslJsonHelp')];
    case 'bibtex':
      return [t('exportBibtex'), t('exportBibtexHelp')];
    case 'ris':
      return [t('exportRis'), t('exportRisHelp')];
    case 'anki':
      return [t('exportAnki'), t('exportAnkiHelp')];
  }
};

const formatName = (format: ImportFormat) =>
  format === 'backup' ? t('importFormatBackup') : format === 'w3c' ? t('importFormatW3c') : t('importFormatReadwise');

/**
 * Export (Markdown, JSON backup, Readwise CSV, W3C annotations, CSL-JSON, BibTeX, RIS, Anki; all notes,
 * the current view or the selected notes)
 * and import (any of Verbatim's import formats, detected), with progress and a summary. The
 * work runs in a worker; imported text is only ever rendered as text.
 */
export function ExportImport({ db, filtered, selected, compact, total: known }: ExportImportProps) {
  const counted = useNoteCount(db, known === undefined).value;
  const total = typeof known === 'number' ? known : counted;
  const picked = selected?.length ? selected : undefined;
  // Selecting notes makes them the natural scope, else searching or filtering the current view;
  // clearing them, all notes. Set while rendering when what is offered changes (not from an effect
  // after mount, which would undo a scope picked before the first frame).
  const natural = picked ? 'selected' : filtered ? 'filtered' : 'all';
  const [scope, setScope] = useState<'all' | 'filtered' | 'selected'>(natural);
  const [offered, setOffered] = useState(natural);
  if (offered !== natural) {
    setOffered(natural);
    setScope(natural);
  }
  const [busy, setBusy] = useState<Busy | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const useFilter = scope === 'filtered' && filtered !== undefined;
  const useSelection = scope === 'selected' && picked !== undefined;
  const number = (n: number) => new Intl.NumberFormat(uiLanguage()).format(n);

  async function onExport(kind: ExportKind) {
    setBusy({ label: t('exportWorking') });
    setStatus(null);
    try {
      const noteIds = useSelection ? picked : useFilter ? filtered!.map((n) => n.id) : undefined;
      const name = await exportAndDownload(db, kind, noteIds ? { noteIds } : {});
      setStatus({ type: 'message', text: name ? t('exportDone', name) : t('exportNothing') });
    } catch (e) {
      setStatus({ type: 'message', error: true, text: t('exportFailed', writeReason(e instanceof Error ? e.message : e)) });
    } finally {
      setBusy(null);
    }
  }

  async function onImport(file: File) {
    setBusy({ label: t('importReading') });
    setStatus(null);
    try {
      const outcome = await importInBackground(db, file, {
        onParsed: (_format, n) => setBusy({ label: t('importProgress', number(0), number(n)), done: 0, total: n }),
        onProgress: (done, n) => setBusy({ label: t('importProgress', number(done), number(n)), done, total: n }),
      });
      setStatus({ type: 'imported', fileName: file.name, outcome });
    } catch (e) {
      setStatus({ type: 'message', error: true, text: importFailure(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class={compact ? 'backup compact' : 'backup'}>
      <div class="backup-part" role="group" aria-labelledby={`${id}-export`}>
        <h3 id={`${id}-export`}>{t('exportHeading')}</h3>
        {(filtered || picked) && (
          <fieldset class="backup-scope">
            <legend class="small muted">{t('exportScopeLabel')}</legend>
            <label>
              <input type="radio" name={`${id}-scope`} checked={!useFilter && !useSelection} onChange={() => setScope('all')} />{' '}
              {total === undefined ? t('exportScopeAllUnknown') : t('exportScopeAll', plural(total, 'notesCountOne', 'notesCountOther'))}
            </label>
            {filtered && (
              <label>
                <input type="radio" name={`${id}-scope`} checked={useFilter} onChange={() => setScope('filtered')} />{' '}
                {t('exportScopeFiltered', plural(filtered.length, 'notesCountOne', 'notesCountOther'))}
              </label>
            )}
            {picked && (
              <label>
                <input type="radio" name={`${id}-scope`} checked={useSelection} onChange={() => setScope('selected')} />{' '}
                {t('exportScopeSelected', plural(picked.length, 'notesCountOne', 'notesCountOther'))}
              </label>
            )}
          </fieldset>
        )}
        <ul class="export-list">
          {KINDS.map((kind) => {
            const [label, help] = labelOf(kind);
            return (
              <li key={kind}>
                <button type="button" class="btn btn-small" data-export={kind} disabled={busy !== null} onClick={() => void onExport(kind)}>
                  {label}
                </button>
                {!compact && <span class="muted small">{help}</span>}
              </li>
            );
          })}
        </ul>
      </div>
      <div class="backup-part" role="group" aria-labelledby={`${id}-import`}>
        <h3 id={`${id}-import`}>{t('importHeading')}</h3>
        {!compact && <p class="muted small">{t('importHelp')}</p>}
        <button type="button" class="btn btn-small" data-action="import" disabled={busy !== null} onClick={() => fileInput.current?.click()}>
          {t('importChoose')}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label={t('importChoose')}
          accept=".json,.jsonld,.csv,application/json,application/ld+json,text/csv"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // Cleared, so choosing the same file again imports it again.
            e.currentTarget.value = '';
            if (file) void onImport(file);
          }}
        />
      </div>
      {busy && (
        <div class="backup-progress">
          <span class="small">{busy.label}</span>
          <progress value={busy.total ? busy.done : undefined} max={busy.total || undefined} aria-label={busy.label} />
        </div>
      )}
      {status?.type === 'message' && (
        <p class={status.error ? 'notice error' : 'notice'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {status?.type === 'imported' && <ImportSummary fileName={status.fileName} outcome={status.outcome} number={number} />}
    </div>
  );
}

/**
 * Why an import failed, in the user's language, always saying the library is unchanged (an
 * import is one transaction): storage full and what to do; the worker stopped before the end;
 * a closed database or a refused record in the user's words; a file's problem as its reader
 * names it (row, field).
 */
function importFailure(e: unknown): string {
  const reason = e instanceof JobError ? e.reason : 'other';
  const message = e instanceof Error ? e.message : String(e);
  if (reason === 'storage-full' || isStorageFull(message)) return t('importStorageFull');
  if (reason === 'interrupted') return t('importInterrupted');
  if (reason === 'no-worker') return t('importWorkerMissing');
  return t('importFailed', reason === 'format' ? message : writeReason(message));
}

const sumOf = (c: MergeCounts) => c.added + c.updated + c.skipped;

/** What an import did: added, updated, already up to date, per kind of record; what was left out. */
function ImportSummary({ fileName, outcome, number }: { fileName: string; outcome: ImportOutcome; number: (n: number) => string }) {
  const { byKind } = outcome.result;
  const rows: Array<[string, MergeCounts]> = [
    [t('importRowNotes'), byKind.notes],
    [t('importRowArticles'), byKind.articles],
  ];
  if (outcome.format === 'backup') rows.push([t('importRowSettings'), byKind.settings]);
  // Only a backup holds projects and review schedules; shown when the file had some.
  if (byKind.projects && sumOf(byKind.projects)) rows.push([t('importRowProjects'), byKind.projects]);
  if (byKind.reviews && sumOf(byKind.reviews)) rows.push([t('importRowReviews'), byKind.reviews]);
  const left = outcome.rejected;
  return (
    <div class="notice import-summary" role="status" data-testid="import-summary">
      <p>{t('importDone', fileName, formatName(outcome.format))}</p>
      <table>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('importColAdded')}</th>
            <th scope="col">{t('importColUpdated')}</th>
            <th scope="col">{t('importColSkipped')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, c]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{number(c.added)}</td>
              <td>{number(c.updated)}</td>
              <td>{number(c.skipped)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {left.length > 0 && (
        <details>
          <summary>{t('importRejected', number(left.length))}</summary>
          <ul class="small">
            {left.slice(0, 100).map((r, i) => (
              <li key={i}>
                {r.where}: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
