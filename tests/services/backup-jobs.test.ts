import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportInBackground, importInBackground, JobError } from '../../utils/services/backup-jobs';
import type { VerbatimDb } from '../../utils/db/schema';
import { toBackup } from '../../utils/export/backup';
import { sampleLibrary } from '../support/library';
import { dbPerTest } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
afterEach(() => vi.unstubAllGlobals());

/** A Worker whose script never loads (a CSP that forbids it, a packaging mistake…). */
class BrokenWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  postMessage() {
    queueMicrotask(() => this.onerror?.({ message: 'failed to load', preventDefault() {} }));
  }
  terminate() {}
}

const backupFile = () => new File([toBackup(sampleLibrary())], 'verbatim-backup.json', { type: 'application/json' });

describe('backup jobs when no worker can run them', () => {
  it.each([
    ['cannot be constructed', undefined],
    ['does not load', BrokenWorker],
  ])('an import whose worker %s fails, and never reads the file on the page', async (_, Worker) => {
    vi.stubGlobal('Worker', Worker);
    const file = backupFile();
    const read = vi.spyOn(file, 'text');
    const error = await importInBackground(db, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).message).toMatch(/import worker could not start/);
    expect(read).not.toHaveBeenCalled();
    expect(await db.notes.count()).toBe(0);
  });

  it('an export still runs on the page (it reads only the user’s own records)', async () => {
    vi.stubGlobal('Worker', BrokenWorker);
    await db.notes.bulkAdd(sampleLibrary().notes);
    const file = await exportInBackground(db, 'backup');
    expect(file?.name).toMatch(/^verbatim-backup-.*\.json$/);
  });
});
