// The CouchDB client against a real server (pouchdb-server, or COUCHDB_URL), and the failures a
// healthy server never gives through the fault proxy.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, createDatabase, SyncFailure, testConnection, type CouchClient } from '../../utils/sync/couch';
import type { SyncConfig } from '../../utils/sync/types';
import { basicHeader, cookieFetch, faultProxy, startCouch, type CouchServer, type FaultProxy } from '../support/couch-server';
import { serveDir } from '../support/static-server.mjs';

let couch: CouchServer;
let proxy: FaultProxy;
let db: string;

beforeAll(async () => {
  couch = await startCouch({ admin: true });
  proxy = await faultProxy(couch.url);
  db = await couch.createDb('couch-client');
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await couch?.stop();
});

const viaProxy = (overrides: Partial<SyncConfig> = {}) => couch.config(db, { url: proxy.url, ...overrides });

/** A database only its members (someone else) may read: the admin passes, an anonymous request gets a 401. */
async function securedDb(): Promise<string> {
  const secured = await couch.createDb('secured');
  const res = await fetch(`${couch.url}/${secured}/_security`, {
    method: 'PUT', headers: { ...basicHeader(couch.auth), 'content-type': 'application/json' },
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: ['someone-else'], roles: [] } }),
  });
  expect(res.ok).toBe(true);
  return secured;
}

/** An address where nothing listens: a port just freed (fetch refuses well-known ports such as 9 itself). */
async function nobodyListening(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return `http://127.0.0.1:${port}`;
}

async function failureOf(p: Promise<unknown>): Promise<SyncFailure> {
  try {
    await p;
  } catch (error) {
    if (error instanceof SyncFailure) return error;
    throw error;
  }
  throw new Error('expected a SyncFailure');
}

describe('testConnection', () => {
  it('names the server and says whether the database exists', async () => {
    const found = await testConnection(couch.config(db));
    expect(found).toMatchObject({ ok: true, database: true });
    if (found.ok) expect(found.server).toMatch(/CouchDB|PouchDB Server/);
    expect(await testConnection(couch.config('not-created-yet'))).toMatchObject({ ok: true, database: false });
  });

  it('tells wrong credentials, Basic or cookie, from everything else', async () => {
    const wrong = { kind: 'basic', user: 'admin', password: 'wrong' } as const;
    expect(await testConnection(couch.config(db, { auth: wrong }))).toEqual({ ok: false, error: expect.objectContaining({ code: 'unauthorized' }) });
    const { fetch: jar } = cookieFetch();
    expect(await testConnection(couch.config(db, { auth: { ...wrong, kind: 'cookie' } }), jar)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('says when the address is not a CouchDB, not reachable, or may not be used', async () => {
    const site = await serveDir(new URL('../fixtures', import.meta.url).pathname);
    try {
      expect(await testConnection(couch.config(db, { url: site.origin }))).toMatchObject({ ok: false, error: { code: 'notCouch' } });
    } finally {
      await site.close();
    }
    proxy.mode('garbage');
    expect(await testConnection(viaProxy())).toMatchObject({ ok: false, error: { code: 'notCouch' } });
    proxy.mode('pass');
    expect(await testConnection(couch.config(db, { url: await nobodyListening() }))).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(await testConnection(couch.config(db, { url: 'http://couch.example.org' }))).toMatchObject({ ok: false, error: { code: 'insecure' } });
    expect(await testConnection(couch.config('Not A Name'))).toMatchObject({ ok: false, error: { code: 'invalidUrl' } });
  });
});

describe('createDatabase', () => {
  it('creates the database, and an existing one is fine', async () => {
    const config = couch.config(`created-${Date.now()}`);
    await createDatabase(config);
    await createDatabase(config);
    expect(await testConnection(config)).toMatchObject({ ok: true, database: true });
  });

  it('needs the rights to', async () => {
    const config = couch.config(`refused-${Date.now()}`, { auth: { kind: 'basic', user: 'admin', password: 'wrong' } });
    expect((await failureOf(createDatabase(config))).code).toBe('unauthorized');
  });
});

describe('the client', () => {
  let client: CouchClient;
  beforeAll(() => { client = createClient(couch.config(db)); });

  it('saves documents, lists them in the changes feed page by page, and reads them back', async () => {
    const results = await client.bulkDocs([
      { _id: 'note:a', type: 'note', text: 'first' },
      { _id: 'note:b', type: 'note', text: 'second' },
      { _id: 'note:c', type: 'note', text: 'third' },
    ]);
    expect(results.map((r) => r.id)).toEqual(['note:a', 'note:b', 'note:c']);
    expect(results.every((r) => r.rev && !r.error)).toBe(true);

    const first = await client.changes(0, 2);
    expect(first.results).toHaveLength(2);
    const second = await client.changes(first.last_seq, 2);
    const seen = [...first.results, ...second.results].filter((c) => c.id.startsWith('note:'));
    expect(seen.map((c) => c.doc?.text).sort()).toEqual(['first', 'second', 'third']);
    expect(seen.every((c) => c.doc?._rev)).toBe(true);
    expect((await client.changes(second.last_seq, 2)).results).toEqual([]);

    const [a, missing, c] = await client.bulkGet(['note:a', 'note:none', 'note:c']);
    expect([a?.text, missing, c?.text]).toEqual(['first', undefined, 'third']);
    expect((await client.get('note:b'))?.text).toBe('second');
    expect(await client.get('note:none')).toBeUndefined();
  });

  it('refuses an edit based on an old revision as a conflict, document by document', async () => {
    const [created] = await client.bulkDocs([{ _id: 'note:x', text: 'v1' }]);
    const [edited] = await client.bulkDocs([{ _id: 'note:x', _rev: created!.rev!, text: 'v2' }]);
    const [stale, fresh] = await client.bulkDocs([
      { _id: 'note:x', _rev: created!.rev!, text: 'v2 elsewhere' },
      { _id: 'note:y', text: 'new' },
    ]);
    expect(stale).toMatchObject({ id: 'note:x', error: 'conflict' });
    expect(fresh?.rev).toBeTruthy();
    const put = await failureOf(client.put({ _id: 'note:x', _rev: created!.rev!, text: 'v3' }));
    expect(put.status).toBe(409);
    expect(await client.put({ _id: 'note:x', _rev: edited!.rev!, text: 'v3' })).toMatch(/^3-/);
  });

  it('keeps _local documents, writing over their revision, out of the changes feed', async () => {
    expect(await client.getLocal('verbatim-dev1')).toBeUndefined();
    await client.putLocal('verbatim-dev1', { seq: 1 });
    await client.putLocal('verbatim-dev1', { seq: 2 });
    // Another client (a second run) that never read it writes over it too.
    await createClient(couch.config(db)).putLocal('verbatim-dev1', { seq: 3 });
    await client.putLocal('verbatim-dev1', { seq: 4 });
    expect((await client.getLocal('verbatim-dev1'))?.seq).toBe(4);
    const all = await client.changes(0, 1000);
    expect(all.results.some((c) => c.id.includes('verbatim-dev1'))).toBe(false);
  });

  it('reads through _all_docs where _bulk_get is missing', async () => {
    const proxied = createClient(viaProxy());
    proxy.reset();
    proxy.mode('404', { only: /_bulk_get/ });
    const docs = await proxied.bulkGet(['note:a', 'note:none']);
    proxy.mode('pass');
    expect([docs[0]?.text, docs[1]]).toEqual(['first', undefined]);
    expect(proxy.stats().log.map((l) => l.path.split('?')[0])).toEqual([`/${db}/_bulk_get`, `/${db}/_all_docs`]);
  });

  it('reads the server clock from its Date header', async () => {
    await client.info();
    expect(Math.abs(client.clockOffset()!)).toBeLessThan(2_000);
    // The same server seen by a device whose clock is an hour behind.
    const hourBehind: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const headers = new Headers(res.headers);
      headers.set('date', new Date(Date.parse(res.headers.get('date')!) + 3_600_000).toUTCString());
      return new Response(await res.arrayBuffer(), { status: res.status, headers });
    };
    const behind = createClient(couch.config(db), hourBehind);
    await behind.info();
    expect(behind.clockOffset()! / 1000).toBeCloseTo(3600, -1);
  });
});

describe('failures', () => {
  it('a missing database', async () => {
    const client = createClient(couch.config('never-created'));
    expect((await failureOf(client.changes(0, 10))).code).toBe('noDatabase');
    expect((await failureOf(client.info())).code).toBe('noDatabase');
    expect((await failureOf(client.getLocal('verbatim-x'))).code).toBe('noDatabase');
  });

  it('wrong credentials, and a database only its members may read', async () => {
    const wrong = createClient(couch.config(db, { auth: { kind: 'basic', user: 'admin', password: 'nope' } }));
    expect((await failureOf(wrong.changes(0, 10))).code).toBe('unauthorized');
    const secured = await securedDb();
    const anonymous = createClient(couch.config(secured, { auth: { kind: 'none' } }));
    expect((await failureOf(anonymous.changes(0, 10))).code).toBe('unauthorized');
  });

  it.each([
    ['403', 'forbidden'],
    ['500', 'server'],
    ['garbage', 'badResponse'],
    ['cut', 'unreachable'],
  ] as const)('the server answering %s → %s', async (mode, code) => {
    proxy.mode(mode);
    try {
      expect((await failureOf(createClient(viaProxy()).changes(0, 10))).code).toBe(code);
    } finally {
      proxy.mode('pass');
    }
  });

  it('an answer of the wrong shape', async () => {
    // JSON, but not a changes feed: a web server that happens to serve JSON at that path.
    const dir = await mkdtemp(join(tmpdir(), 'not-couch-'));
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'db', '_changes'), JSON.stringify({ results: 'none', last_seq: 0 }));
    const site = await serveDir(dir);
    try {
      const failure = await failureOf(createClient(couch.config('db', { url: site.origin })).changes(0, 10));
      expect(failure.code).toBe('badResponse');
      expect(failure.detail).toContain('results');
    } finally {
      await site.close();
      await rm(dir, { recursive: true });
    }
  });

  it('a server that never answers: timeout; the caller cancelling: its abort', async () => {
    proxy.mode('hang');
    try {
      const client = createClient(viaProxy(), undefined, { timeoutMs: 300 });
      expect((await failureOf(client.changes(0, 10))).code).toBe('timeout');
      const controller = new AbortController();
      const pending = createClient(viaProxy()).changes(0, 10, controller.signal);
      setTimeout(() => controller.abort(), 100);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      proxy.mode('pass');
    }
  });

  it('timeout and cancelling in a browser without AbortSignal.any', async () => {
    const any = AbortSignal.any;
    Reflect.deleteProperty(AbortSignal, 'any');
    proxy.mode('hang');
    try {
      const controller = new AbortController();
      const client = createClient(viaProxy(), undefined, { timeoutMs: 300 });
      expect((await failureOf(client.changes(0, 10, controller.signal))).code).toBe('timeout');
      const pending = createClient(viaProxy()).changes(0, 10, controller.signal);
      setTimeout(() => controller.abort(), 100);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      AbortSignal.any = any;
      proxy.mode('pass');
    }
  });

  it('a server that went away', async () => {
    const client = createClient(couch.config(db, { url: await nobodyListening() }));
    expect((await failureOf(client.changes(0, 10))).code).toBe('unreachable');
  });
});

describe('cookie auth', () => {
  it('signs in once, then rides on the cookie; signs in again when the session has expired', async () => {
    if (couch.auth.kind === 'none') return;
    const { fetch: browserLike } = cookieFetch();
    const client = createClient(viaProxy({ auth: { ...couch.auth, kind: 'cookie' } }), browserLike);
    proxy.reset();
    await client.info();
    await client.changes(0, 1);
    const paths = () => proxy.stats().log.map((l) => `${l.method} ${l.path.split('?')[0]}`);
    expect(paths()).toEqual(['POST /_session', `GET /${db}`, `GET /${db}/_changes`]);
    expect(proxy.stats().log.every((l) => l.status < 400)).toBe(true);

    proxy.reset();
    proxy.mode('401', { only: /_changes/, times: 1 });
    await client.changes(0, 1);
    expect(paths()).toEqual([`GET /${db}/_changes`, 'POST /_session', `GET /${db}/_changes`]);
  });

  it('without a cookie store, it fails as unauthorized after one retry', async () => {
    if (couch.auth.kind === 'none') return;
    const secured = await securedDb();
    proxy.reset();
    const client = createClient(couch.config(secured, { url: proxy.url, auth: { ...couch.auth, kind: 'cookie' } }), (i, init) => fetch(i, init));
    expect((await failureOf(client.info())).code).toBe('unauthorized');
    expect(proxy.stats().log.map((l) => l.method + ' ' + l.path)).toEqual(['POST /_session', `GET /${secured}`, 'POST /_session', `GET /${secured}`]);
  });
});

describe('credentials', () => {
  it('never appear in a failure or a log line', async () => {
    const password = 'Sésame-0uvre-t0i-9f3b';
    const user = 'verbatim-user-7c1e';
    const logs: unknown[][] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => { logs.push(args); }),
    );
    const seen: unknown[] = [];
    const record = async (p: Promise<unknown>) => { try { seen.push(await p); } catch (error) { seen.push(error); } };
    try {
      for (const kind of ['basic', 'cookie'] as const) {
        const config = viaProxy({ auth: { kind, user, password } });
        await record(testConnection(config));
        await record(createDatabase(config));
        for (const mode of ['pass', '401', '403', '500', 'garbage', 'cut'] as const) {
          proxy.mode(mode);
          await record(createClient(config).changes(0, 1));
          await record(createClient(config).bulkDocs([{ _id: 'note:z' }]));
        }
        proxy.mode('pass');
        await record(createClient({ ...config, url: await nobodyListening() }).info());
      }
    } finally {
      proxy.mode('pass');
      for (const spy of spies) spy.mockRestore();
    }
    expect(seen.length).toBeGreaterThan(20);
    const text = JSON.stringify(seen.map((s) => (s instanceof Error ? { ...s, message: s.message, stack: s.stack } : s))) + JSON.stringify(logs);
    const encoded = Buffer.from(`${user}:${password}`).toString('base64');
    for (const secret of [password, encoded, encodeURIComponent(password)]) expect(text).not.toContain(secret);
  });
});
