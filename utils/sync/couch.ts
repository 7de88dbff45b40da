/**
 * Verbatim's CouchDB client (issue #15): the handful of calls of CouchDB's HTTP API that the
 * sync engine needs, over `fetch`, each answer's shape checked (valibot) before use. Works with
 * Apache CouchDB 2/3, IBM Cloudant and pouchdb-server (the tests' server). Why our own client
 * rather than PouchDB or RxDB: docs/decisions/0001-sync-client.md.
 */
import * as v from 'valibot';
import { createTransport, DEFAULT_TIMEOUT_MS, NOT_JSON, shaped, SyncFailure, type Transport } from './http';
import type { SyncConfig, SyncError } from './types';
import { checkServerUrl, isDatabaseName } from './url';

export { SyncFailure } from './http';

/** A document as CouchDB holds it: its id, its revision, and whatever else. */
export type CouchDoc = { _id: string; _rev?: string } & Record<string, unknown>;

const Seq = v.union([v.string(), v.number()]);
const Doc = v.looseObject({ _id: v.string(), _rev: v.optional(v.string()) });

const InfoSchema = v.looseObject({ db_name: v.string(), doc_count: v.optional(v.number()), update_seq: v.optional(v.unknown()) });
export type DbInfo = v.InferOutput<typeof InfoSchema>;

const ChangesSchema = v.looseObject({
  results: v.array(
    v.looseObject({
      id: v.string(),
      seq: Seq,
      deleted: v.optional(v.boolean()),
      changes: v.optional(v.array(v.looseObject({ rev: v.string() }))),
      doc: v.optional(v.nullable(Doc)),
    }),
  ),
  last_seq: Seq,
});
export interface Change {
  id: string;
  seq: string | number;
  deleted?: boolean;
  doc?: CouchDoc;
}
export interface ChangesPage {
  results: Change[];
  /** Where the next page starts: pass it as `since`, store it as the checkpoint. */
  last_seq: string | number;
}

const BulkDocsSchema = v.array(
  v.looseObject({ id: v.string(), rev: v.optional(v.string()), ok: v.optional(v.boolean()), error: v.optional(v.string()), reason: v.optional(v.string()) }),
);
/** One document's fate in `_bulk_docs`: a new `rev`, or an `error` (`conflict`, `forbidden`…). */
export interface BulkResult {
  id: string;
  rev?: string;
  error?: string;
  reason?: string;
}

const BulkGetSchema = v.looseObject({
  results: v.array(v.looseObject({ id: v.string(), docs: v.array(v.looseObject({ ok: v.optional(Doc) })) })),
});
const AllDocsSchema = v.looseObject({
  rows: v.array(v.looseObject({ key: v.unknown(), doc: v.optional(v.nullable(Doc)), error: v.optional(v.string()) })),
});
const PutSchema = v.looseObject({ id: v.string(), rev: v.string() });
const WelcomeSchema = v.looseObject({
  couchdb: v.optional(v.string()),
  'express-pouchdb': v.optional(v.string()),
  version: v.optional(v.string()),
  vendor: v.optional(v.looseObject({ name: v.optional(v.string()), version: v.optional(v.union([v.string(), v.number()])) })),
});

export interface CouchClient {
  /** The database's info: proves it exists and that we may read it. */
  info(signal?: AbortSignal): Promise<DbInfo>;
  /** One page of the changes feed after `since`, with each document's winning revision. */
  changes(since: string | number, limit: number, signal?: AbortSignal): Promise<ChangesPage>;
  /** Saves documents as normal edits (each with its base `_rev`): results in the same order. */
  bulkDocs(docs: readonly CouchDoc[], signal?: AbortSignal): Promise<BulkResult[]>;
  /** The current version of each id (undefined when there is none), in the same order. */
  bulkGet(ids: readonly string[], signal?: AbortSignal): Promise<Array<CouchDoc | undefined>>;
  /** A `_local/<id>` document (never replicated, no history: checkpoints), or undefined. */
  getLocal(id: string, signal?: AbortSignal): Promise<Record<string, unknown> | undefined>;
  /** Writes `_local/<id>`, over whatever revision it has (the client tracks it). */
  putLocal(id: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<void>;
  get(id: string, signal?: AbortSignal): Promise<CouchDoc | undefined>;
  /** Saves one document; a conflict throws a SyncFailure with `status` 409. Returns the new rev. */
  put(doc: CouchDoc, signal?: AbortSignal): Promise<string>;
  /** Server time minus this device's (ms), from the last answer's `Date` header. */
  clockOffset(): number | undefined;
}

export interface ClientOptions {
  /** Per request (default 30 s): a server that accepts the connection and never answers. */
  timeoutMs?: number;
}

/**
 * `_bulk_docs` results in the order of the documents sent, as CouchDB answers: pouchdb-server
 * on disk sometimes answers out of order under load. Matched by id when every id is sent once;
 * otherwise as the server gave them.
 */
function inSentOrder(docs: readonly CouchDoc[], results: BulkResult[]): BulkResult[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  if (byId.size !== results.length || results.length !== docs.length) return results;
  const ordered = docs.map((d) => byId.get(d._id));
  return ordered.every((r) => r !== undefined) ? (ordered as BulkResult[]) : results;
}

const docPath = (id: string) => '/' + encodeURIComponent(id);

/** A 404 on a document means this document is missing, unless the database itself is. */
function missingDoc(body: unknown): boolean {
  const reason = typeof body === 'object' && body !== null ? (body as { reason?: unknown }).reason : undefined;
  return reason === 'missing' || reason === 'deleted';
}

function open(config: SyncConfig, fetchFn: typeof fetch, options: ClientOptions): { t: Transport; db: string } {
  const checked = checkServerUrl(config.url);
  if (!checked.ok) throw new SyncFailure(checked.error.code, checked.error.detail);
  if (!isDatabaseName(config.database)) throw new SyncFailure('invalidUrl', 'not a CouchDB database name');
  const t = createTransport(checked.base, config.auth, fetchFn, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return { t, db: '/' + encodeURIComponent(config.database) };
}

/**
 * A client for `config`'s database. Throws `invalidUrl`/`insecure` at once for an address that
 * may not be used; every call throws a {@link SyncFailure}, or the caller's abort reason.
 */
export function createClient(config: SyncConfig, fetchFn: typeof fetch = (i, init) => fetch(i, init), options: ClientOptions = {}): CouchClient {
  const { t, db } = open(config, fetchFn, options);
  const localRevs = new Map<string, string>();
  let bulkGetMissing = false;

  async function getDoc(path: string, signal?: AbortSignal): Promise<CouchDoc | undefined> {
    const a = await t.send({ path: db + path, signal, accept: [404] });
    if (a.status === 404) {
      if (missingDoc(a.body)) return undefined;
      throw new SyncFailure('noDatabase', 'HTTP 404', 404);
    }
    return shaped(Doc, a.body, 'document') as CouchDoc;
  }

  async function allDocs(ids: readonly string[], signal?: AbortSignal): Promise<Array<CouchDoc | undefined>> {
    const a = await t.send({ method: 'POST', path: db + '/_all_docs', query: { include_docs: true }, body: { keys: ids }, signal });
    const { rows } = shaped(AllDocsSchema, a.body, '_all_docs');
    const byId = new Map<string, CouchDoc>();
    for (const row of rows) if (row.doc && typeof row.key === 'string') byId.set(row.key, row.doc as CouchDoc);
    return ids.map((id) => byId.get(id));
  }

  async function getLocal(id: string, signal?: AbortSignal): Promise<CouchDoc | undefined> {
    const doc = await getDoc('/_local' + docPath(id), signal);
    if (doc?._rev) localRevs.set(id, doc._rev);
    else localRevs.delete(id);
    return doc;
  }

  return {
    clockOffset: () => t.clockOffset(),

    async info(signal) {
      return shaped(InfoSchema, (await t.send({ path: db, signal })).body, 'database info');
    },

    async changes(since, limit, signal) {
      const a = await t.send({ path: db + '/_changes', query: { since, limit, include_docs: true, style: 'main_only' }, signal });
      const page = shaped(ChangesSchema, a.body, '_changes');
      return {
        last_seq: page.last_seq,
        results: page.results.map(({ id, seq, deleted, doc }) => ({
          id, seq, ...(deleted ? { deleted } : {}), ...(doc ? { doc: doc as CouchDoc } : {}),
        })),
      };
    },

    async bulkDocs(docs, signal) {
      if (!docs.length) return [];
      const a = await t.send({ method: 'POST', path: db + '/_bulk_docs', body: { docs }, signal });
      const results = shaped(BulkDocsSchema, a.body, '_bulk_docs').map(({ id, rev, error, reason }) => ({
        id, ...(rev ? { rev } : {}), ...(error ? { error } : {}), ...(reason ? { reason } : {}),
      }));
      return inSentOrder(docs, results);
    },

    async bulkGet(ids, signal) {
      if (!ids.length) return [];
      if (bulkGetMissing) return allDocs(ids, signal);
      // CouchDB 1.x and some proxies have no `_bulk_get`: `_all_docs` with keys reads the same winners.
      const a = await t.send({ method: 'POST', path: db + '/_bulk_get', query: { revs: false }, body: { docs: ids.map((id) => ({ id })) }, signal, accept: [400, 404, 405] });
      if (a.status >= 400) {
        bulkGetMissing = true;
        return allDocs(ids, signal);
      }
      const byId = new Map<string, CouchDoc>();
      for (const r of shaped(BulkGetSchema, a.body, '_bulk_get').results) {
        const found = r.docs.find((d) => d.ok)?.ok;
        if (found) byId.set(r.id, found as CouchDoc);
      }
      return ids.map((id) => byId.get(id));
    },

    getLocal,

    async putLocal(id, body, signal) {
      const path = db + '/_local' + docPath(id);
      const attempt = async () => {
        const rev = localRevs.get(id);
        return t.send({ method: 'PUT', path, body: { ...body, _id: `_local/${id}`, ...(rev ? { _rev: rev } : {}) }, signal, accept: [409] });
      };
      let a = await attempt();
      // Another run (or device reusing the id) wrote it since: take its revision, write over it once.
      if (a.status === 409) {
        await getLocal(id, signal);
        a = await attempt();
        if (a.status === 409) throw new SyncFailure('server', `_local/${id}: conflict`, 409);
      }
      localRevs.set(id, shaped(PutSchema, a.body, '_local write').rev);
    },

    get: (id, signal) => getDoc(docPath(id), signal),

    async put(doc, signal) {
      const a = await t.send({ method: 'PUT', path: db + docPath(doc._id), body: doc, signal, accept: [409] });
      if (a.status === 409) throw new SyncFailure('server', `${doc._id}: conflict`, 409);
      return shaped(PutSchema, a.body, 'document write').rev;
    },
  };
}

export type ConnectionResult = { ok: true; database: boolean; server: string } | { ok: false; error: SyncError };

/**
 * What the options page's "Test connection" shows: whether the address is a CouchDB we may
 * use, whether the credentials hold, and whether the database exists (`database: false`: the
 * page offers to create it). Never throws.
 */
export async function testConnection(config: SyncConfig, fetchFn: typeof fetch = (i, init) => fetch(i, init), options: ClientOptions = {}): Promise<ConnectionResult> {
  try {
    const { t, db } = open(config, fetchFn, options);
    // Cookie auth signs in first, so wrong credentials say so (not "not CouchDB").
    await t.login();
    const server = await welcome(t);
    const a = await t.send({ path: db, accept: [404] });
    if (a.status === 404) return { ok: true, database: false, server };
    shaped(InfoSchema, a.body, 'database info');
    return { ok: true, database: true, server };
  } catch (error) {
    return { ok: false, error: asSyncError(error) };
  }
}

/** Creates the database (an existing one is fine). Throws a SyncFailure: usually `unauthorized`/`forbidden` (only admins may). */
export async function createDatabase(config: SyncConfig, fetchFn: typeof fetch = (i, init) => fetch(i, init), options: ClientOptions = {}): Promise<void> {
  const { t, db } = open(config, fetchFn, options);
  await t.send({ method: 'PUT', path: db, accept: [412] });
}

/** The server's name and version from its welcome (`GET /`), or `notCouch` when it does not greet like CouchDB. */
async function welcome(t: Transport): Promise<string> {
  let a;
  try {
    a = await t.send({ path: '/', notFound: 'notCouch', accept: [] });
  } catch (error) {
    // A web page, a captive portal, an API that answers 200 with something else: not a CouchDB.
    if (error instanceof SyncFailure && error.code === 'badResponse') throw new SyncFailure('notCouch', error.detail);
    throw error;
  }
  const parsed = v.safeParse(WelcomeSchema, a.body === NOT_JSON ? undefined : a.body);
  if (!parsed.success) throw new SyncFailure('notCouch', 'no CouchDB welcome');
  const w = parsed.output;
  if (w.couchdb === 'Welcome') {
    const vendor = w.vendor?.name && !/apache|couchdb/i.test(w.vendor.name) ? `${w.vendor.name} ` : '';
    return `${vendor}CouchDB ${w.version ?? ''}`.trim();
  }
  if (w['express-pouchdb']) return `PouchDB Server ${w.version ?? ''}`.trim();
  throw new SyncFailure('notCouch', 'no CouchDB welcome');
}

/** Any error as the status shows it: a SyncFailure's code, anything else `unreachable` (no raw message: it could hold anything). */
export function asSyncError(error: unknown): SyncError {
  if (error instanceof SyncFailure) return error.detail === undefined ? { code: error.code } : { code: error.code, detail: error.detail };
  if (error instanceof DOMException && error.name === 'AbortError') return { code: 'timeout', detail: 'cancelled' };
  return { code: 'unreachable' };
}
