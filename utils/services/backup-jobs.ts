/**
 * Backup jobs of the extension pages: exports and imports, run in a worker (./backup-worker.ts)
 * so the page never freezes; an import has the open tabs redraw what it brought.
 */
import { setSetting } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import { download } from '../platform/download';
import type { ExportedFile, ExportKind } from '../export/files';
import type { ExportJobOptions, ImportOutcome } from '../export/jobs';
import type { ImportFormat } from '../export/read-file';
import { t } from '../platform/i18n';
import { redrawPages } from './tabs';

/** Page → backup worker. */
export type WorkerRequest =
  | { op: 'import'; dbName: string; file: File; lock?: string }
  | { op: 'export'; dbName: string; kind: ExportKind; options: ExportJobOptions; lock?: string };

/** Backup worker → page: events while importing, then one final reply. */
export type WorkerReply =
  | { type: 'started' }
  | { type: 'parsed'; format: ImportFormat; total: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'imported'; outcome: ImportOutcome }
  | { type: 'exported'; file: ExportedFile | null }
  | { type: 'failed'; message: string; formatError: boolean; storageFull: boolean };

type Event = Extract<WorkerReply, { type: 'parsed' | 'progress' }>;
type Final = Exclude<WorkerReply, Event | { type: 'failed' }>;

/**
 * Why a job failed: the file (its message names the problem), storage full, the worker stopped
 * before the end (`interrupted`: the page or the worker was closed, the worker crashed), no
 * worker could start (`no-worker`), or anything else (its message keeps the name of a failure
 * the user is told in their words: `writeReason`).
 */
export class JobError extends Error {
  override name = 'JobError';
  constructor(
    message: string,
    readonly reason: 'format' | 'storage-full' | 'interrupted' | 'no-worker' | 'other',
  ) {
    super(message);
  }
}

/**
 * Runs a job in a fresh worker. When workers cannot start here, an export runs on this thread
 * instead (the same code, imported on demand so the page's own bundle stays small); an import
 * never does: the file may be hostile, and reading and parsing up to `MAX_IMPORT_BYTES` would
 * freeze the page (or crash it), so the import fails, saying why.
 */
function run(request: WorkerRequest, onEvent: (e: Event) => void): Promise<Final> {
  const fallBack = (resolve: (f: Final) => void, reject: (e: unknown) => void) => {
    if (request.op === 'import') reject(new JobError('the import worker could not start, so nothing was imported', 'no-worker'));
    else runHere(request).then(resolve, reject);
  };
  const lock = `verbatim-job-${crypto.randomUUID()}`;
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./backup-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      fallBack(resolve, reject);
      return;
    }
    let heard = false;
    let settled = false;
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      heard = true;
      if (data.type === 'started') return watchForDeath();
      if (data.type === 'parsed' || data.type === 'progress') return onEvent(data);
      settled = true;
      worker.terminate();
      if (data.type === 'failed') {
        reject(new JobError(data.message, data.storageFull ? 'storage-full' : data.formatError ? 'format' : 'other'));
      } else resolve(data);
    };
    /**
     * A worker that dies (its process crashed, or it was closed) sends nothing, and the page
     * would wait for ever. It holds a Web Lock for the whole job, which the browser releases when
     * the job ends or the worker dies: granted the same lock without a final reply, the page
     * knows the worker is gone. Its import was one transaction that never committed, so nothing
     * of it is stored. The grace period lets a final reply posted just before the release arrive.
     */
    const watchForDeath = () => {
      if (typeof navigator === 'undefined' || !navigator.locks) return;
      void navigator.locks.request(lock, () => new Promise((r) => setTimeout(r, DEATH_GRACE_MS))).then(() => {
        if (settled) return;
        settled = true;
        worker.terminate();
        reject(new JobError(`the ${request.op} worker stopped before the end`, 'interrupted'));
      });
    };
    worker.onerror = (e) => {
      settled = true;
      worker.terminate();
      e.preventDefault();
      // The worker did not load at all: do the job here instead, if it may run here.
      if (!heard) fallBack(resolve, reject);
      else reject(new JobError(e.message || 'the export worker stopped', 'other'));
    };
    worker.postMessage({ ...request, lock });
  });
}

/** How long after the job's lock is released a final reply may still come (`watchForDeath`). */
const DEATH_GRACE_MS = 1_500;

/** An export on this thread (`run`'s fallback; imports never run here). */
async function runHere(request: Extract<WorkerRequest, { op: 'export' }>): Promise<Final> {
  const [{ VerbatimDb }, jobs, { errorText, isStorageFull }] = await Promise.all([
    import('../db/schema'),
    import('../export/jobs'),
    import('../domain/storage-full'),
  ]);
  const db = new VerbatimDb(request.dbName);
  try {
    return { type: 'exported', file: await jobs.exportToFile(db, request.kind, request.options) };
  } catch (error) {
    throw new JobError(errorText(error), isStorageFull(error) ? 'storage-full' : 'other');
  } finally {
    db.close();
  }
}

export interface ImportEvents {
  /** The file was read and checked. */
  onParsed?(format: ImportFormat, total: number): void;
  onProgress?(done: number, total: number): void;
}

/** Imports a file into `db` (one transaction: on any failure nothing changes). Throws a JobError. */
export async function importInBackground(db: VerbatimDb, file: File, events: ImportEvents = {}): Promise<ImportOutcome> {
  const reply = await run({ op: 'import', dbName: db.name, file }, (e) => {
    if (e.type === 'parsed') events.onParsed?.(e.format, e.total);
    else events.onProgress?.(e.done, e.total);
  });
  if (reply.type !== 'imported') throw new JobError('unexpected reply', 'other');
  const { result } = reply.outcome;
  // Pages open in tabs draw the imported highlights now, not on the next visit. Not waited for:
  // an import may touch every open page, and its summary shows meanwhile.
  if (result.added + result.updated > 0) void redrawPages(db);
  return reply.outcome;
}

/** Makes an export file from `db`; null when there is nothing to export. Throws a JobError. */
export async function exportInBackground(db: VerbatimDb, kind: ExportKind, options: ExportJobOptions = {}): Promise<ExportedFile | null> {
  const reply = await run({ op: 'export', dbName: db.name, kind, options }, () => {});
  if (reply.type !== 'exported') throw new JobError('unexpected reply', 'other');
  return reply.file;
}

/**
 * Exports and hands the file to the browser as a download; a full JSON backup (not a filtered
 * view) also records this device's last backup date. Returns the file's name, or null when
 * there was nothing to export. Throws a JobError.
 */
export async function exportAndDownload(db: VerbatimDb, kind: ExportKind, options: ExportJobOptions = {}): Promise<string | null> {
  const file = await exportInBackground(db, kind, { title: t('exportLibraryTitle'), ...options });
  if (!file) return null;
  download(file.data, file.name, file.mime);
  if (kind === 'backup' && !options.noteIds && options.articleUrl === undefined && options.tag === undefined) await setSetting(db, 'lastBackupAt', Date.now());
  return file.name;
}
