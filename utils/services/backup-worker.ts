/**
 * Runs exports and imports off the page's main thread: reading and checking a 40 MB file, or
 * zipping 2,000 Markdown files, takes seconds that the page must not freeze for. The worker
 * opens the extension's IndexedDB itself (same origin), so records never cross to the page.
 * Nothing here may import `wxt/browser`: extension APIs do not exist in a worker.
 */
import { VerbatimDb } from '../db/schema';
import { FormatError } from '../export/format-error';
import { exportToFile, importFile } from '../export/jobs';
import { errorText, isStorageFull } from '../domain/storage-full';
import type { WorkerReply, WorkerRequest } from './backup-jobs';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

/**
 * Holds the job's Web Lock (`request.lock`) while it runs: the browser releases it when the job
 * ends or this worker dies, which is how the page learns of a death (backup-jobs.ts).
 */
scope.onmessage = ({ data: request }) => {
  const locks = (self as unknown as { navigator?: Navigator }).navigator?.locks;
  if (!request.lock || !locks) return void runJob(request);
  void locks.request(request.lock, () => {
    scope.postMessage({ type: 'started' });
    return runJob(request);
  });
};

async function runJob(request: WorkerRequest): Promise<void> {
  const db = new VerbatimDb(request.dbName);
  try {
    if (request.op === 'import') {
      const outcome = await importFile(db, request.file, {
        onParsed: (info) => scope.postMessage({ type: 'parsed', ...info }),
        onProgress: (done, total) => scope.postMessage({ type: 'progress', done, total }),
      });
      scope.postMessage({ type: 'imported', outcome });
    } else {
      const file = await exportToFile(db, request.kind, request.options);
      // Bytes move to the page without a copy.
      const transfer = file && typeof file.data !== 'string' ? [file.data.buffer as ArrayBuffer] : [];
      scope.postMessage({ type: 'exported', file }, transfer);
    }
  } catch (error) {
    scope.postMessage({
      type: 'failed',
      message: errorText(error),
      formatError: error instanceof FormatError,
      storageFull: isStorageFull(error),
    });
  } finally {
    db.close();
  }
}
