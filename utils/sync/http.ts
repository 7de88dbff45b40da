/**
 * One HTTP exchange with the CouchDB server (issue #15): the sign-in (Basic header, or a
 * `POST /_session` cookie renewed once on a 401), a timeout joined to the caller's signal, the
 * server's clock read from `Date`, and every failure turned into a {@link SyncFailure} whose code
 * tells the user what to do. Credentials never enter a failure, a message or a log line: details
 * are built from statuses and the server's `error`/`reason` only.
 */
import * as v from 'valibot';
import type { SyncAuth, SyncErrorCode } from './types';

/** Every failure of a sync: its code selects the message and what to do (i18n `syncError_<code>`). */
export class SyncFailure extends Error {
  readonly code: SyncErrorCode;
  readonly detail?: string;
  /** The HTTP status, when the server answered (409 tells a conflict from other refusals). */
  readonly status?: number;

  constructor(code: SyncErrorCode, detail?: string, status?: number) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'SyncFailure';
    this.code = code;
    if (detail !== undefined) this.detail = detail.slice(0, 300);
    if (status !== undefined) this.status = status;
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface Exchange {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path from the server's base URL, already encoded: `/db/_changes`. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Statuses the caller handles itself (returned, not thrown): 404 for a missing document, 409… */
  accept?: readonly number[];
  /** What a 404 means when not accepted: the database is missing (default), or the server is not CouchDB. */
  notFound?: SyncErrorCode;
}

export interface Answer {
  status: number;
  body: unknown;
}

export interface Transport {
  send(x: Exchange): Promise<Answer>;
  /** Server time minus this device's time (ms) at the last answer with a `Date` header. */
  clockOffset(): number | undefined;
  /** Cookie auth: sign in now (`POST /_session`); nothing for Basic or no auth. */
  login(signal?: AbortSignal): Promise<void>;
}

const ErrorBody = v.looseObject({ error: v.optional(v.string()), reason: v.optional(v.string()) });

/** The server's own words for a refusal (`not_found: missing`), never anything we sent. */
export function reasonOf(body: unknown): string | undefined {
  const parsed = v.safeParse(ErrorBody, body);
  if (!parsed.success) return undefined;
  const { error, reason } = parsed.output;
  return [error, reason].filter(Boolean).join(': ') || undefined;
}

/** Basic credentials, UTF-8 (btoa alone throws on a password with a character past Latin-1). */
function basicHeader(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return 'Basic ' + btoa(binary);
}

export function createTransport(base: string, auth: SyncAuth, fetchFn: typeof fetch, timeoutMs = DEFAULT_TIMEOUT_MS): Transport {
  let offset: number | undefined;
  let signedIn = false;

  async function raw(x: Exchange): Promise<Answer> {
    const url = new URL(base + x.path);
    for (const [k, val] of Object.entries(x.query ?? {})) url.searchParams.set(k, String(val));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (x.body !== undefined) headers['content-type'] = 'application/json';
    if (auth.kind === 'basic') headers.authorization = basicHeader(auth.user, auth.password);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = x.signal ? either(timeout, x.signal) : timeout;
    const init: RequestInit = {
      method: x.method ?? 'GET',
      headers,
      signal,
      // The session cookie goes with cookie auth only; Basic must not ride on a stale cookie.
      credentials: auth.kind === 'cookie' ? 'include' : 'omit',
      cache: 'no-store',
    };
    if (x.body !== undefined) init.body = JSON.stringify(x.body);
    const started = Date.now();
    let res: Response;
    let text: string;
    try {
      res = await fetchFn(url.href, init);
      text = await res.text();
    } catch (error) {
      if (x.signal?.aborted) throw x.signal.reason;
      if (timeout.aborted) throw new SyncFailure('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`);
      throw new SyncFailure('unreachable', networkDetail(error));
    }
    const date = res.headers.get('date');
    const serverTime = date ? Date.parse(date) : NaN;
    // `Date` has whole seconds: +500 ms centres it; the request's midpoint stands for "now".
    if (Number.isFinite(serverTime)) offset = Math.round(serverTime + 500 - (started + Date.now()) / 2);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = NOT_JSON;
    }
    return { status: res.status, body };
  }

  async function login(signal?: AbortSignal): Promise<void> {
    if (auth.kind !== 'cookie') return;
    const answer = await raw({ method: 'POST', path: '/_session', body: { name: auth.user, password: auth.password }, signal });
    if (answer.status === 200 || answer.status === 201) {
      signedIn = true;
      return;
    }
    signedIn = false;
    throw failureOf(answer, 'notCouch');
  }

  return {
    clockOffset: () => offset,
    login,
    async send(x) {
      if (auth.kind === 'cookie' && !signedIn) await login(x.signal);
      let answer = await raw(x);
      // A session cookie expires (CouchDB: 10 minutes unused): sign in again once, then give up.
      if (answer.status === 401 && auth.kind === 'cookie') {
        await login(x.signal);
        answer = await raw(x);
      }
      if (answer.status < 300 || x.accept?.includes(answer.status)) {
        if (answer.body === NOT_JSON) throw new SyncFailure('badResponse', `HTTP ${answer.status}, not JSON`, answer.status);
        return answer;
      }
      throw failureOf(answer, x.notFound ?? 'noDatabase');
    },
  };
}

/**
 * Aborts when either does. `AbortSignal.any` is Chrome 116+ and Firefox 124+; the manifest sets no
 * minimum version, so older browsers get the same by hand.
 */
export function either(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) both.abort(s.reason);
    else s.addEventListener('abort', () => both.abort(s.reason), { once: true });
  }
  return both.signal;
}

/** Marks a body that did not parse as JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

function failureOf(answer: Answer, notFound: SyncErrorCode): SyncFailure {
  const { status } = answer;
  const reason = answer.body === NOT_JSON ? undefined : reasonOf(answer.body);
  const detail = `HTTP ${status}${reason ? ` (${reason})` : ''}`;
  if (status === 401) return new SyncFailure('unauthorized', detail, status);
  if (status === 403) return new SyncFailure('forbidden', detail, status);
  if (status === 404) return new SyncFailure(notFound, detail, status);
  if (status >= 500) return new SyncFailure('server', detail, status);
  if (answer.body === NOT_JSON) return new SyncFailure('badResponse', detail, status);
  return new SyncFailure('server', detail, status);
}

/** Why fetch failed, in Node (`ECONNREFUSED`) or a browser ("Failed to fetch"): never a URL. */
function networkDetail(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error) return error.name === 'TypeError' ? 'network error' : error.name;
  return undefined;
}

/** Checks a parsed answer's shape; a server that answers otherwise is not one we can sync with. */
export function shaped<S extends v.GenericSchema>(schema: S, body: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return parsed.output;
  const path = parsed.issues[0] ? v.getDotPath(parsed.issues[0]) : null;
  throw new SyncFailure('badResponse', `${what}: unexpected shape${path ? ` at ${path}` : ''}`);
}
