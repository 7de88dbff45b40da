/**
 * Sync tests' setting: a CouchDB-compatible server started for the file (tests/support/couch-server.ts),
 * a fresh database on it for each test, and "devices" (databases of their own, deleted after the
 * test) that sync through it; plus the server's documents read and written raw, past the engine.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import type { SyncConfig } from '../../utils/sync/types';
import { basicHeader, startCouch, type CouchServer } from './couch-server';
import { newTestDb } from './db';

export interface SyncDevices {
  server: CouchServer;
  /** This test's database. */
  config: SyncConfig;
  A: VerbatimDb;
  B: VerbatimDb;
  /** One more device, deleted after the test like A and B. */
  device(): VerbatimDb;
}

/** Registers the hooks; `current()` is this test's setting (read it in a `beforeEach` of the file). */
export function syncDevices(database: string): { current(): SyncDevices } {
  let server: CouchServer;
  let now: SyncDevices;
  const dbs: VerbatimDb[] = [];
  const device = () => {
    const db = newTestDb();
    dbs.push(db);
    return db;
  };
  beforeAll(async () => {
    server = await startCouch({ inMemory: true });
  }, 60_000);
  afterAll(() => server?.stop());
  beforeEach(async () => {
    now = { server, config: server.config(await server.createDb(database)), A: device(), B: device(), device };
  });
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.delete()));
  });
  return { current: () => now };
}

const headers = (config: SyncConfig) => ({ accept: 'application/json', ...basicHeader(config.auth) });

/** The server's documents as stored, raw. */
export async function serverDocs(config: SyncConfig): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${config.url}/${config.database}/_all_docs?include_docs=true`, { headers: headers(config) });
  return ((await res.json()) as { rows: Array<{ doc: Record<string, unknown> }> }).rows.map((r) => r.doc);
}

/** Writes a document on the server as is (what another client, or a hostile one, could store). */
export async function putRaw(config: SyncConfig, doc: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${config.url}/${config.database}/${encodeURIComponent(String(doc._id))}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers(config) },
    body: JSON.stringify(doc),
  });
  if (!res.ok) throw new Error(`PUT ${String(doc._id)}: ${res.status} ${await res.text()}`);
}
