/**
 * URL normalisation: one key per page, whatever campaign or anchor the reader arrived from.
 */

/**
 * Longest page URL Verbatim keys notes on: Chrome's own limit (`url::kMaxURLChars`, 2 MiB), past
 * which it will not navigate, so every page the user can open can be highlighted. The URL is the
 * key of the page's notes and cannot be cut; the message schemas (`httpUrl` in utils/messaging/protocol.ts)
 * accept this length. Firefox's limit is lower (1 MiB), so this covers it too.
 */
export const MAX_URL_LENGTH = 2 * 1024 * 1024;

/** Query parameters that only say how the reader got here. Compared lowercase. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'igshid',
  'yclid',
  'ref_src',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  '__s',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
]);

const isTrackingParam = (name: string) => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
};

/** A parameter's name as the page's server would read it (`+` is a space, bad escapes kept raw). */
function paramName(segment: string): string {
  const raw = segment.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The URL a page is stored under: no fragment (except a hash route), no tracking parameters, lowercase scheme and host,
 * no default port, no dangling `?`. The path and the other parameters are kept byte for byte and
 * in order (servers may care about either; a trailing slash can be a different page).
 * @throws Error when `url` is not an absolute URL.
 */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`Not a valid absolute URL: ${JSON.stringify(url)}`);
  }
  // A fragment is usually an anchor within the page, but `#/inbox` and `#!/post/3` are routes
  // of hash-routed single-page apps: there each route is a page of its own.
  if (!/^#!?\//.test(parsed.hash)) parsed.hash = '';
  // Filter the raw segments rather than round-tripping through URLSearchParams, which would
  // re-encode the parameters we keep (`%20` → `+`, `a=b=c` and `flag` without `=` rewritten).
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((segment) => segment !== '' && !isTrackingParam(paramName(segment)));
  parsed.search = kept.join('&');
  return parsed.href;
}

/** True for an absolute `http:` or `https:` URL: the only pages Verbatim extracts or keys notes on. */
export function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Whether two URLs are of one origin (scheme, host and port): the web's own boundary. A page can
 * already open any page of its origin and read it, highlights included, so showing it the notes
 * of another address of its origin tells it nothing it could not see (docs/security.md).
 */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const origin = new URL(a).origin;
    return origin !== 'null' && origin === new URL(b).origin;
  } catch {
    return false;
  }
}
