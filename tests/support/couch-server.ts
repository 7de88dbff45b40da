/**
 * A CouchDB for the sync tests (issue #15): pouchdb-server started on 127.0.0.1 on a free port,
 * or the Apache CouchDB named by `COUCHDB_URL` (with `COUCHDB_USER`/`COUCHDB_PASSWORD`), so the
 * same tests run against the real thing wherever it is installed. Plus `faultProxy`, an HTTP
 * proxy in front of it for the failures a healthy server never gives (a 500, garbage, a hang, a
 * connection cut mid-answer) and to count what the client sends.
 *
 * What pouchdb-server 4.2.0 does and does not do (tried by hand, December 2026):
 * - Data survives `down()` and `restart()`: leveldown ships a prebuilt linux-x64 binary, so the on-disk store
 *   works although its install script stays off. `{ inMemory: true }` starts with `--in-memory`
 *   instead: then a restart loses every database (and the admin stays, its config is a file).
 * - Real 401s: with an admin configured (`{ admin: true }`), wrong Basic credentials and a wrong
 *   `POST /_session` answer 401; a database whose `_security` lists members answers 401 to
 *   anyone else. It never answers 403 (an authenticated non-member gets 401, CouchDB gives 403):
 *   the proxy's '403' mode stands in for that.
 * - Real 404 `{"error":"not_found","reason":"no_db_file"}` for a missing database.
 * - Cookie auth: `POST /_session` sets `AuthSession`, later requests with it pass (see `cookieFetch`).
 * - It crashes (TypeError in express-pouchdb's db route) on an anonymous `PUT /<db>` once an
 *   admin exists: with `{ admin: true }`, create databases with the admin's credentials.
 * - JSON comes back as `text/plain` unless the request accepts `application/json` (as CouchDB).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncAuth, SyncConfig } from '../../utils/sync/types';

const SERVER_BIN = fileURLToPath(new URL('../../node_modules/pouchdb-server/bin/pouchdb-server', import.meta.url));

/** The tests run against an existing server (Apache CouchDB) rather than one they start. */
export const externalCouch = Boolean(process.env.COUCHDB_URL);

export interface CouchServer {
  /** Base URL, no trailing slash, no credentials: `http://127.0.0.1:PORT`. */
  url: string;
  /** The credentials that may create databases: the admin, or `none` on an admin-party pouchdb-server. */
  auth: SyncAuth;
  /** `COUCHDB_URL` was set: stop() does nothing, down() and restart() throw (skip those tests with `externalCouch`). */
  external: boolean;
  /** Kills the server (its whole process group), waits for it to exit and deletes its files: the end. */
  stop(): Promise<void>;
  /** Kills the server but keeps its files: the server is gone (clients see `unreachable`) until restart(). */
  down(): Promise<void>;
  /** Kills it if running and starts it again on the same port; the data stays unless `inMemory`. */
  restart(): Promise<void>;
  /** Creates a database with a unique name (prefix + random) and returns the name. */
  createDb(prefix?: string): Promise<string>;
  /** A SyncConfig for `database` on this server with its admin credentials (override any field). */
  config(database: string, overrides?: Partial<SyncConfig>): SyncConfig;
}

export interface StartOptions {
  /** `--in-memory`: faster to throw away, and a restart loses the data. Default: on disk in a temp dir. */
  inMemory?: boolean;
  /** Configure an admin (`PUT /_config/admins/admin`), ending the admin party: needed for real 401s. */
  admin?: boolean;
}

/**
 * Runs the server as its child and ends it once the test process is gone, however it went (Vitest
 * kills a worker that overruns; an 'exit' handler never runs then). Same process group as the
 * server, so stop() ends both at once.
 */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const [parent, ...args] = process.argv.slice(1);
const server = spawn(process.execPath, args, { stdio: 'ignore' });
server.on('exit', (code) => process.exit(code ?? 1));
setInterval(() => {
  try { process.kill(Number(parent), 0); } catch { server.kill('SIGKILL'); process.exit(0); }
}, 500);
`;

/**
 * Servers still running when the test process exits (a failed beforeAll, a timeout before
 * afterAll): detached, they would outlive it and keep a port and a core busy on a shared machine.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of running) {
    try { process.kill(-proc.pid!, 'SIGKILL'); } catch { /* gone */ }
  }
});

/** Basic credentials as an Authorization header value. */
export function basicHeader(auth: SyncAuth): Record<string, string> {
  if (auth.kind === 'none') return {};
  return { authorization: 'Basic ' + Buffer.from(`${auth.user}:${auth.password}`).toString('base64') };
}

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((ok, fail) => srv.once('error', fail).listen(0, '127.0.0.1', ok));
  const port = (srv.address() as { port: number }).port;
  await new Promise((ok) => srv.close(ok));
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url + '/', { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function makeHelpers(url: string, auth: SyncAuth) {
  return {
    async createDb(prefix = 'verbatim-test'): Promise<string> {
      const name = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
      const res = await fetch(`${url}/${name}`, { method: 'PUT', headers: basicHeader(auth) });
      if (res.status !== 201 && res.status !== 202) throw new Error(`creating ${name}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer().catch(() => undefined);
      return name;
    },
    config(database: string, overrides: Partial<SyncConfig> = {}): SyncConfig {
      return { enabled: true, url, database, auth, encrypted: false, ...overrides };
    },
  };
}

/**
 * Starts pouchdb-server on a free port of 127.0.0.1 (about 4 s), or uses `COUCHDB_URL`.
 * Call `stop()` in `afterAll`.
 */
export async function startCouch(options: StartOptions = {}): Promise<CouchServer> {
  const external = process.env.COUCHDB_URL;
  if (external) {
    const url = external.replace(/\/+$/, '');
    const user = process.env.COUCHDB_USER;
    const auth: SyncAuth = user ? { kind: 'basic', user, password: process.env.COUCHDB_PASSWORD ?? '' } : { kind: 'none' };
    if (!(await answers(url))) throw new Error(`COUCHDB_URL ${url} does not answer`);
    return {
      url, auth, external: true,
      stop: async () => undefined,
      down: async () => { throw new Error('cannot stop an external CouchDB (COUCHDB_URL): skip with externalCouch'); },
      restart: async () => { throw new Error('cannot restart an external CouchDB (COUCHDB_URL): skip with externalCouch'); },
      ...makeHelpers(url, auth),
    };
  }

  const dir = await mkdtemp(join(tmpdir(), 'verbatim-couch-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let stopped = false;
  let exited: Promise<void> = Promise.resolve();

  async function launch(): Promise<void> {
    const args = [SERVER_BIN, '-p', String(port), '-o', '127.0.0.1', '-c', join(dir, 'config.json'), '-n', '--no-color'];
    args.push(...(options.inMemory ? ['--in-memory'] : ['-d', join(dir, 'data')]));
    // Its own process group (detached), so stop() ends it and anything it started; cwd in the temp
    // dir because it writes log.txt (and config.json by default) into its working directory.
    const proc = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), ...args], { cwd: dir, detached: true, stdio: 'ignore' });
    child = proc;
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    let gone = false;
    exited = new Promise<void>((ok) => proc.once('exit', () => { gone = true; ok(); }));
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      if (gone) break;
      if (await answers(url)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    const log = await readFile(join(dir, 'log.txt'), 'utf8').catch(() => '');
    await kill();
    throw new Error(`pouchdb-server did not start on ${url}${gone ? ' (it exited)' : ''}\n${log.slice(-2000)}`);
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { return; }
    const timer = setTimeout(() => { try { process.kill(-proc.pid!, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    await exited;
    clearTimeout(timer);
  }

  await launch();
  let auth: SyncAuth = { kind: 'none' };
  if (options.admin) {
    const password = 'pw-' + Math.random().toString(36).slice(2);
    const res = await fetch(`${url}/_config/admins/admin`, { method: 'PUT', body: JSON.stringify(password), headers: { 'content-type': 'application/json' } });
    if (!res.ok) throw new Error(`configuring the admin: HTTP ${res.status}`);
    await res.arrayBuffer();
    auth = { kind: 'basic', user: 'admin', password };
  }
  return {
    url, auth, external: false,
    async stop() {
      stopped = true;
      await kill();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
    down: kill,
    async restart() {
      if (stopped) throw new Error('restart() after stop(): its files are gone; use down() to stop it for a while');
      await kill();
      await launch();
    },
    ...makeHelpers(url, auth),
  };
}

/**
 * A fetch with a cookie jar, as a browser does for `credentials: 'include'` (Node's fetch keeps
 * no cookies): for cookie-auth tests. `jar` shows what it holds.
 */
export function cookieFetch(): { fetch: typeof fetch; jar: Map<string, string> } {
  const jar = new Map<string, string>();
  const wrapped: typeof fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.credentials === 'include' && jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) {
        const value = pair.slice(eq + 1).trim();
        if (value) jar.set(pair.slice(0, eq).trim(), value);
        else jar.delete(pair.slice(0, eq).trim());
      }
    }
    return res;
  };
  return { fetch: wrapped, jar };
}

export type FaultMode = 'pass' | '401' | '403' | '404' | '500' | 'garbage' | 'hang' | 'cut';

export interface ProxyStats {
  requests: number;
  /** Bytes the client sent: request lines, headers and bodies. */
  sent: number;
  /** Bytes the client received: status lines, headers and bodies. */
  received: number;
  /** Each request as `METHOD /path?query` → status (0: hung or cut), in order. */
  log: { method: string; path: string; status: number }[];
}

export interface FaultProxy {
  url: string;
  /**
   * Sets how the proxy answers from now on. `only`: fault only the requests whose path matches
   * (others pass); `times`: fault that many matching requests, then pass again.
   */
  mode(m: FaultMode, opts?: { only?: RegExp; times?: number }): void;
  stats(): ProxyStats;
  /** Zeroes the counters and the log. */
  reset(): void;
  close(): Promise<void>;
}

function headerBytes(rawHeaders: string[]): number {
  let n = 2; // the blank line
  for (let i = 0; i < rawHeaders.length; i += 2) n += Buffer.byteLength(`${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`);
  return n;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of `target` (a server's base URL). In 'pass' mode it
 * forwards everything, counting requests and bytes (the benchmark's bytes per change).
 * '401'/'403'/'404'/'500' answer CouchDB-shaped JSON errors (the 404 a server without an endpoint gives); 'garbage' a 200 that is not JSON;
 * 'hang' never answers (until close); 'cut' forwards, then closes the socket halfway through the body.
 */
export async function faultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let current: FaultMode = 'pass';
  let only: RegExp | undefined;
  let remaining = Infinity;
  let stats: ProxyStats = { requests: 0, sent: 0, received: 0, log: [] };
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const entry = { method: req.method ?? 'GET', path, status: 0 };
    stats.requests += 1;
    stats.log.push(entry);
    stats.sent += Buffer.byteLength(`${entry.method} ${path} HTTP/1.1\r\n`) + headerBytes(req.rawHeaders);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => { stats.sent += c.length; chunks.push(c); });
    req.on('end', () => {
      let m: FaultMode = 'pass';
      if (current !== 'pass' && (!only || only.test(path)) && remaining > 0) {
        m = current;
        remaining -= 1;
      }
      const reply = (status: number, body: string, type = 'application/json') => {
        entry.status = status;
        const headers = { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), date: new Date().toUTCString() };
        stats.received += Buffer.byteLength(`HTTP/1.1 ${status} x\r\n`) + headerBytes(Object.entries(headers).flat()) + Buffer.byteLength(body);
        res.writeHead(status, headers).end(body);
      };
      if (m === '401') return reply(401, '{"error":"unauthorized","reason":"Name or password is incorrect."}');
      if (m === '403') return reply(403, '{"error":"forbidden","reason":"You are not allowed to access this db."}');
      if (m === '404') return reply(404, '{"error":"not_found","reason":"missing"}');
      if (m === '500') return reply(500, '{"error":"unknown_error","reason":"function_clause"}');
      if (m === 'garbage') return reply(200, '<html><body>Welcome to our captive portal</body></html>', 'text/html');
      if (m === 'hang') return; // the socket stays open until the client gives up or close()
      const headers = { ...req.headers, host: upstream.host };
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers }, (ures) => {
        entry.status = ures.statusCode ?? 0;
        const body: Buffer[] = [];
        ures.on('data', (c: Buffer) => body.push(c));
        ures.on('end', () => {
          const all = Buffer.concat(body);
          // The body is re-sent whole with its length: hop-by-hop headers stay behind.
          const withLength: [string, string][] = [];
          for (let i = 0; i + 1 < ures.rawHeaders.length; i += 2) {
            const [k, v] = [ures.rawHeaders[i] ?? '', ures.rawHeaders[i + 1] ?? ''];
            if (!/^(transfer-encoding|connection|keep-alive|content-length)$/i.test(k)) withLength.push([k, v]);
          }
          withLength.push(['content-length', String(all.length)]);
          res.writeHead(entry.status, withLength.flat());
          stats.received += Buffer.byteLength(`HTTP/1.1 ${entry.status} x\r\n`) + headerBytes(withLength.flat());
          if (m === 'cut') {
            entry.status = 0;
            const half = all.subarray(0, Math.floor(all.length / 2));
            stats.received += half.length;
            res.write(half, () => res.socket?.destroy());
            return;
          }
          stats.received += all.length;
          res.end(all);
        });
      });
      up.on('error', () => {
        entry.status = 502;
        res.socket?.destroy(); // as if the server were gone: the client sees a network error
      });
      up.end(Buffer.concat(chunks));
    });
  };

  const server = createHttpServer(handle);
  server.on('connection', (s) => { sockets.add(s); s.once('close', () => sockets.delete(s)); });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    mode(m, opts = {}) {
      current = m;
      only = opts.only;
      remaining = opts.times ?? Infinity;
    },
    stats: () => ({ ...stats, log: [...stats.log] }),
    reset() { stats = { requests: 0, sent: 0, received: 0, log: [] }; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}
