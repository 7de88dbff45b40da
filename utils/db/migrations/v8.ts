import type { Transaction } from 'dexie';

/** Query parameters that only say how the reader got here, as v8 drops them. Compared lowercase. */
const TRACKING = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', '_ga', '_gl', 'igshid', 'yclid', 'ref_src', 'mkt_tok',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid', '__s', '_hsenc', '_hsmi', 'hsctatracking',
]);

const paramName = (segment: string) => {
  const raw = segment.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
};

/**
 * The URL rule of v8, frozen (utils/extract/url.ts `normalizeUrl` when v8 shipped): no fragment
 * but a `#/` or `#!/` route, no `utm_*` or other tracking parameter, scheme and host lowercase, no
 * default port, the path and other parameters byte for byte. Undefined for what is not an
 * absolute http(s) URL.
 */
export function urlRuleV8(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!/^#!?\//.test(url.hash)) url.hash = '';
  url.search = url.search
    .slice(1)
    .split('&')
    .filter((s) => s !== '' && !paramName(s).startsWith('utm_') && !TRACKING.has(paramName(s)))
    .join('&');
  return url.href;
}

interface ArticleV8 {
  url: string;
  canonicalUrl?: string;
  aliases?: string[];
}

/**
 * v8 lets notes follow their article: articles get `aliases`, the other addresses of the same
 * article, in a multiEntry index. A stored article's one other address is the canonical URL its
 * page declared, when it is not the article's own URL once both follow v8's URL rule (records
 * stored before canonical URLs were normalised may carry tracking parameters or a fragment).
 * Only those articles are rewritten, nothing else of them (`updatedAt` included); an article
 * without one gets no `aliases` field, which means none.
 */
export async function upgradeV8(tx: Transaction): Promise<void> {
  await tx
    .table<ArticleV8, string>('articles')
    .toCollection()
    // `false` tells modify() to leave the record unwritten.
    .modify((article) => {
      if (article.aliases !== undefined || !article.canonicalUrl) return false;
      const canonical = urlRuleV8(article.canonicalUrl);
      if (canonical === undefined || canonical === urlRuleV8(article.url)) return false;
      article.aliases = [canonical];
      return true;
    });
}
