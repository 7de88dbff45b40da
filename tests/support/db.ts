/**
 * Databases for unit tests (fake-indexeddb): each under a name of its own, so no test sees
 * another's records.
 */
import { afterEach, beforeEach } from 'vitest';
import { VerbatimDb } from '../../utils/db/schema';

/** A database no other test uses. */
export const newTestDb = () => new VerbatimDb(`test-${crypto.randomUUID()}`);

/**
 * A new database for each test of the file (or of the `describe` it is called in), deleted after
 * the test: `let db: VerbatimDb; dbPerTest((fresh) => (db = fresh));`. The caller's own hooks,
 * registered after this call, run once the database exists and before it is deleted.
 */
export function dbPerTest(use: (db: VerbatimDb) => void): void {
  let db: VerbatimDb;
  beforeEach(() => {
    db = newTestDb();
    use(db);
  });
  afterEach(() => db.delete());
}
