// The test server harness itself: what the sync tests rely on it for (a real server that
// restarts keeping its data, real 401s and 404s, cookies, and a proxy that fails on demand).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicHeader, cookieFetch, externalCouch, faultProxy, startCouch, type CouchServer, type FaultProxy } from '../support/couch-server';

describe('startCouch', () => {
  let couch: CouchServer;
  beforeAll(async () => { couch = await startCouch({ admin: true }); }, 60_000);
  afterAll(async () => { await couch?.stop(); });

  it('answers like CouchDB, with a 404 for a missing database', async () => {
    const root = await (await fetch(couch.url + '/')).json();
    expect(root.couchdb === 'Welcome' || 'express-pouchdb' in root).toBe(true);
    const res = await fetch(`${couch.url}/no-such-db`, { headers: basicHeader(couch.auth) });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('refuses wrong credentials with a 401', async () => {
    const res = await fetch(`${couch.url}/_session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: 'wrong' }),
    });
    expect(res.status).toBe(401);
  });

  it('signs in with a cookie that later requests carry', async () => {
    if (couch.auth.kind === 'none') return;
    const { fetch: f, jar } = cookieFetch();
    const login = await f(`${couch.url}/_session`, {
      method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: couch.auth.user, password: couch.auth.password }),
    });
    expect(login.status).toBe(200);
    expect(jar.has('AuthSession')).toBe(true);
    const session = await (await f(`${couch.url}/_session`, { credentials: 'include' })).json();
    expect(session.userCtx.name).toBe(couch.auth.user);
  });

  it.skipIf(externalCouch)('keeps the data across a restart, and while it is down', async () => {
    const db = await couch.createDb();
    const put = await fetch(`${couch.url}/${db}/kept`, {
      method: 'PUT', headers: { ...basicHeader(couch.auth), 'content-type': 'application/json' }, body: '{"n":1}',
    });
    expect(put.status).toBe(201);
    await couch.restart();
    const doc = await (await fetch(`${couch.url}/${db}/kept`, { headers: basicHeader(couch.auth) })).json();
    expect(doc.n).toBe(1);
    await couch.down();
    await expect(fetch(`${couch.url}/${db}/kept`)).rejects.toThrow();
    await couch.restart();
    expect((await fetch(`${couch.url}/${db}/kept`, { headers: basicHeader(couch.auth) })).status).toBe(200);
  }, 60_000);
});

describe('faultProxy', () => {
  let couch: CouchServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    couch = await startCouch({ inMemory: true });
    proxy = await faultProxy(couch.url);
  }, 60_000);
  afterAll(async () => { await proxy?.close(); await couch?.stop(); });

  it('passes requests through and counts them and their bytes', async () => {
    proxy.reset();
    const body = JSON.stringify({ docs: [{ _id: 'a', text: 'x'.repeat(1000) }] });
    const db = await couch.createDb();
    const res = await fetch(`${proxy.url}/${db}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(201);
    const stats = proxy.stats();
    expect(stats.requests).toBe(1);
    expect(stats.sent).toBeGreaterThan(body.length);
    expect(stats.received).toBeGreaterThan(0);
    expect(stats.log[0]).toEqual({ method: 'POST', path: `/${db}/_bulk_docs`, status: 201 });
  });

  it('answers errors and garbage on demand, for the matching requests only, a given number of times', async () => {
    proxy.mode('500', { only: /_changes/, times: 1 });
    expect((await fetch(`${proxy.url}/`)).status).toBe(200);
    expect((await fetch(`${proxy.url}/x/_changes`)).status).toBe(500);
    expect((await fetch(`${proxy.url}/x/_changes`)).status).not.toBe(500);
    proxy.mode('401');
    expect((await fetch(`${proxy.url}/`)).status).toBe(401);
    proxy.mode('403');
    expect((await fetch(`${proxy.url}/`)).status).toBe(403);
    proxy.mode('garbage');
    const garbage = await fetch(`${proxy.url}/`);
    expect(garbage.status).toBe(200);
    await expect(garbage.json()).rejects.toThrow();
    proxy.mode('pass');
  });

  it('hangs, and cuts an answer halfway', async () => {
    proxy.mode('hang');
    await expect(fetch(`${proxy.url}/`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    proxy.mode('cut');
    await expect(fetch(`${proxy.url}/`).then((r) => r.text())).rejects.toThrow();
    proxy.mode('pass');
    expect((await fetch(`${proxy.url}/`)).status).toBe(200);
  });
});
