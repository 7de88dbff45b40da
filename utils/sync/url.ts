import type { SyncError } from './types';

/**
 * Whether a server address the user typed may be used: an http(s) URL without credentials (they
 * go in their own fields, never in a string that ends up in a log), query or fragment; plain
 * `http` only when the host is on this machine or the local network, because over the internet
 * it would send the password and every note in clear. A path is kept (CouchDB behind a reverse
 * proxy at `/couchdb/`).
 */
export type ServerUrlCheck =
  | { ok: true; origin: string; /** The base URL to use: no trailing slash, path kept. */ base: string }
  | { ok: false; error: SyncError };

export function checkServerUrl(input: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: { code: 'invalidUrl' } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: { code: 'invalidUrl', detail: 'not an http(s) address' } };
  if (!url.hostname) return { ok: false, error: { code: 'invalidUrl' } };
  if (url.username || url.password) return { ok: false, error: { code: 'invalidUrl', detail: 'user name or password in the address' } };
  if (url.search || url.hash) return { ok: false, error: { code: 'invalidUrl', detail: 'query or fragment in the address' } };
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) return { ok: false, error: { code: 'insecure' } };
  const base = url.origin + url.pathname.replace(/\/+$/, '');
  return { ok: true, origin: url.origin, base };
}

/**
 * This machine or a private network: localhost (and *.localhost, which browsers resolve to the
 * loopback), *.local (mDNS), 127.0.0.0/8, ::1, 10/8, 172.16/12, 192.168/16, and IPv6 unique
 * local addresses fc00::/7 (the IPv6 counterpart of the private ranges). `hostname` as URL
 * gives it: lower case, IPv4 in dotted form, IPv6 in brackets.
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (host.startsWith('[')) {
    const ip = host.slice(1, -1);
    if (ip === '::1') return true;
    if (/^f[cd][0-9a-f]{0,2}:/.test(ip)) return true;
    // IPv4-mapped (::ffff:7f00:1): URL writes the IPv4 part in hex.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
    if (mapped) {
      const hi = parseInt(mapped[1] ?? '0', 16);
      const lo = parseInt(mapped[2] ?? '0', 16);
      return isPrivateV4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
    }
    return false;
  }
  const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!parts) return false;
  return isPrivateV4(parts.slice(1).map(Number));
}

function isPrivateV4([a = -1, b = -1]: number[]): boolean {
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/**
 * CouchDB's rule for a database name: a lower-case letter, then lower-case letters, digits and
 * `_ $ ( ) + - /`, at most 238 characters. Checked before any request so a typo is told as such.
 */
export function isDatabaseName(name: string): boolean {
  return name.length <= 238 && /^[a-z][a-z0-9_$()+/-]*$/.test(name);
}
