/**
 * Page metadata read straight from the DOM: cheap enough to run on the first highlight of a page,
 * without Readability. Never throws on odd markup; a field the page does not declare is undefined.
 *
 * Each field takes the first source that has a value, most explicit first: meta tags, JSON-LD,
 * then visible markup. Sources are read lazily, each with one `querySelectorAll` (a static list):
 * iterating jsdom's live `getElementsBy*` collections is quadratic (7 s for 12k elements).
 */
import type { PageMeta } from '../model';
import { normalizeUrl } from './url';

/** Collapses whitespace runs (NBSP included: metadata is not typeset) and trims. */
export const collapseSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A cleaned value, or undefined when nothing is left. */
const clean = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const out = collapseSpace(s);
  return out === '' ? undefined : out;
};

/** The first source that yields a value; later sources are never evaluated. */
function first(...sources: (() => string | undefined)[]): string | undefined {
  for (const source of sources) {
    const value = source();
    if (value !== undefined) return value;
  }
  return undefined;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Drops undefined-valued keys so results compare and serialise cleanly. */
export function withoutUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------- <meta> tags

/**
 * `<meta>` contents by lowercase key, whether the key sits in `property`, `name`, `itemprop` or
 * `http-equiv` (sites mix `property="og:title"` and `name="og:title"`). First non-empty wins.
 */
function metaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta[content]')) {
    const content = clean(el.getAttribute('content'));
    if (content === undefined) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      // `property` may hold several space-separated RDFa terms.
      for (const key of el.getAttribute(attr)?.toLowerCase().split(/\s+/) ?? []) {
        if (key && !tags.has(key)) tags.set(key, content);
      }
    }
  }
  return tags;
}

// ---------------------------------------------------------------- JSON-LD

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** schema.org types whose `headline`/`author`/`datePublished` describe the page's article. */
const ARTICLE_TYPE = /(?:Article|BlogPosting|Posting|Report|Review)$/;

/** Some CMSs wrap their JSON-LD in an HTML comment or a CDATA section. */
const JSON_WRAPPER = /^\s*(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/)|(?:-->|\/\*\s*\]\]>\s*\*\/)\s*$/g;

/** Every node of every JSON-LD block, arrays and `@graph`s flattened; malformed blocks skipped. */
function jsonLdNodes(doc: Document): JsonObject[] {
  const nodes: JsonObject[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(value)) for (const v of value) visit(v, depth + 1);
    else if (isObject(value)) {
      nodes.push(value);
      if (value['@graph'] !== undefined) visit(value['@graph'], depth + 1);
    }
  };
  for (const script of doc.querySelectorAll('script[type]')) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      visit(JSON.parse((script.textContent ?? '').replace(JSON_WRAPPER, '')), 0);
    } catch {
      // Malformed JSON-LD is common and never fatal: the other sources still apply.
    }
  }
  return nodes;
}

const typesOf = (node: JsonObject): string[] => {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
};

interface JsonLdMeta {
  headline?: string;
  authors?: string;
  datePublished?: string;
  publisher?: string;
}

/** The article node's headline, authors, date and publisher, following `@id` references. */
function readJsonLd(doc: Document): JsonLdMeta {
  const nodes = jsonLdNodes(doc);
  const article =
    nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPE.test(t))) ?? nodes.find((n) => typeof n['headline'] === 'string');
  if (!article) return {};

  const byId = new Map<string, JsonObject>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  const nameOf = (value: unknown): string | undefined => {
    // A bare `{"@id": …}` points at a node defined elsewhere in the graph.
    const node = isObject(value) && value['name'] === undefined && typeof value['@id'] === 'string' ? byId.get(value['@id']) : value;
    if (typeof node === 'string') return isUrl(node) ? undefined : clean(node);
    return isObject(node) ? clean(node['name']) : undefined;
  };
  const authors = [...new Set((Array.isArray(article['author']) ? article['author'] : [article['author']]).map(nameOf))].filter(
    (n): n is string => n !== undefined,
  );
  return {
    headline: clean(article['headline']) ?? clean(article['name']),
    authors: authors.length ? authors.join(', ') : undefined,
    datePublished: clean(article['datePublished']),
    publisher: nameOf(article['publisher']) ?? nameOf(nodes.find((n) => typesOf(n).includes('WebSite'))),
  };
}

// ---------------------------------------------------------------- visible markup

/** Ids and classes of the parts of a page that carry other people's names and dates. */
const CHROME_TOKEN = /^(?:comments?|commentaires?|respond|comment-.+|comments-.+|sidebar|widget.*|related.*)$/i;

/** True inside comments, sidebars and navigation, whose authors and dates are not the article's. */
function inPageChrome(el: Element): boolean {
  for (let node: Element | null = el; node && node.localName !== 'body'; node = node.parentElement) {
    if (node.localName === 'aside' || node.localName === 'nav') return true;
    const role = node.getAttribute('role');
    if (role === 'complementary' || role === 'navigation') return true;
    if (CHROME_TOKEN.test(node.id)) return true;
    for (const token of node.classList) if (CHROME_TOKEN.test(token)) return true;
  }
  return false;
}

/** The first of `elements` outside page chrome whose `read` gives a value. */
function firstIn(elements: Iterable<Element>, read: (el: Element) => string | undefined): string | undefined {
  for (const el of elements) {
    if (inPageChrome(el)) continue;
    const value = read(el);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Authors a page shows in its markup: `rel=author` links, microdata, byline/author classes. */
function bylineFromDom(doc: Document): string | undefined {
  return first(
    () => firstIn(doc.querySelectorAll('a[rel~="author" i], link[rel~="author" i]'), (el) => cleanByline(el.textContent)),
    () =>
      firstIn(doc.querySelectorAll('[itemprop~="author"]'), (el) =>
        cleanByline(el.querySelector('[itemprop~="name"]')?.getAttribute('content') ?? el.querySelector('[itemprop~="name"]')?.textContent ?? el.textContent),
      ),
    () => firstIn(doc.querySelectorAll('.byline, .author, .post-author, .entry-author'), (el) => cleanByline(el.textContent)),
  );
}

/** A publication date the page shows: `itemprop=datePublished`, else a `<time datetime>` in the article. */
function publishedFromDom(doc: Document): string | undefined {
  return first(
    () => firstIn(doc.querySelectorAll('[itemprop~="datePublished"]'), (el) => clean(el.getAttribute('content') ?? el.getAttribute('datetime'))),
    () =>
      firstIn(doc.querySelectorAll('time[datetime]'), (el) =>
        el.closest('article, header, main') || el.hasAttribute('pubdate') ? clean(el.getAttribute('datetime')) : undefined,
      ),
  );
}

// ---------------------------------------------------------------- cleaning

const BYLINE_PREFIX =
  /^(?:(?:written|posted|published|publié|publiée|écrit|écrite|rédigé|rédigée)\s+)?(?:by|par)\s*:?\s+|^(?:author|auteur|autrice|auteure)\s*:\s*/i;
/** "De Léa Martin" is a byline, "De Gaulle" a name: only strip "de" before two or more words. */
const BYLINE_DE = /^de\s+(?=\S+\s+\S)/i;
/** What follows the name once a separator leads to a digit: "· 3 mars 2020", ", le 12/03", " on May 1, 2024". */
const BYLINE_DATE_TAIL = /(?:\s+[·•|–—-]\s*|\s*[·•|]\s*|\s*,\s*|\s+(?:on|le|am|el|the)\s+).*\d.*$/i;

/**
 * An author as people write it in a byline: "By Jane Doe", "Par Léa Martin · 3 mars 2020",
 * "Publié par X le 12/03/2020" all give the name. Undefined when what is left is not a name
 * (empty, a URL, or longer than a line).
 */
export function cleanByline(raw: string | null | undefined): string | undefined {
  const s = clean(raw)
    ?.replace(BYLINE_PREFIX, '')
    .replace(BYLINE_DE, '')
    .replace(BYLINE_DATE_TAIL, '')
    .replace(/[\s,·•|–—-]+$/, '')
    .trim();
  if (!s || s.length > 100 || !/\p{L}/u.test(s) || isUrl(s) || /^(?:by|par|de)$/i.test(s)) return undefined;
  return s;
}

const LANG_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** `fr_FR` → `fr-FR`; undefined unless it looks like a BCP 47 tag. */
export function cleanLang(raw: string | null | undefined): string | undefined {
  const s = clean(raw)?.split(',')[0]?.trim().replace(/_/g, '-');
  return s && LANG_TAG.test(s) ? s : undefined;
}

/** An absolute http(s) URL for `href`, resolved like the page would: against `<base href>`, else the page URL. */
function absolute(doc: Document, href: string | undefined, pageUrl: string): string | undefined {
  if (!href) return undefined;
  try {
    const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
    const base = baseHref ? new URL(baseHref, pageUrl).href : pageUrl;
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const TITLE_SEPARATOR = /\s+[|–—:·•»-]\s+/g;

/** Drops " – Site" / " | Site" (or "Site | ") from a title when that part is exactly the site name. */
function stripSiteName(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const site = siteName.toLowerCase();
  for (const m of title.matchAll(TITLE_SEPARATOR)) {
    const before = title.slice(0, m.index).trim();
    const after = title.slice(m.index + m[0].length).trim();
    if (before && after.toLowerCase() === site) return before;
    if (after && before.toLowerCase() === site) return after;
  }
  return title;
}

// ---------------------------------------------------------------- the fields

/** The page's metadata with the title left undefined when the page has none (callers pick a fallback). */
export function readMetaFields(doc: Document, url: string): Omit<PageMeta, 'title'> & { title?: string } {
  const normalized = normalizeUrl(url);
  const meta = metaTags(doc);
  const tag = (...keys: string[]) => () => keys.map((k) => meta.get(k)).find((v) => v !== undefined);
  let ldCache: JsonLdMeta | undefined;
  const ld = () => (ldCache ??= readJsonLd(doc));

  const siteName = first(tag('og:site_name'), tag('application-name'), () => ld().publisher);

  const title = first(
    tag('og:title'),
    tag('twitter:title'),
    () => ld().headline,
    () => {
      const h1s = [...doc.querySelectorAll('h1')].filter((h) => !inPageChrome(h));
      // Longer than a headline means the page's markup swallowed the body into its <h1>.
      const text = h1s.length === 1 ? clean(h1s[0]!.textContent) : undefined;
      return text && text.length <= 200 ? text : undefined;
    },
    () => clean(doc.querySelector('title')?.textContent),
  );

  const byline = first(
    () => cleanByline(tag('author', 'dc.creator', 'parsely-author', 'sailthru.author')()),
    () => {
      const author = meta.get('article:author');
      return author && !isUrl(author) ? cleanByline(author) : undefined;
    },
    () => cleanByline(ld().authors),
    () => bylineFromDom(doc),
  );

  const publishedTime = first(
    tag('article:published_time'),
    () => ld().datePublished,
    tag('date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'pubdate', 'publishdate', 'sailthru.date', 'parsely-pub-date'),
    () => publishedFromDom(doc),
  );

  const lang = first(
    () => cleanLang(doc.documentElement?.getAttribute('lang')),
    () => cleanLang(doc.documentElement?.getAttribute('xml:lang')),
    () => cleanLang(meta.get('content-language')),
    () => cleanLang(meta.get('og:locale')),
  );

  const canonicalUrl = first(
    () => {
      for (const link of doc.querySelectorAll('link[rel][href]')) {
        if (/(?:^|\s)canonical(?:\s|$)/i.test(link.getAttribute('rel') ?? '')) {
          return absolute(doc, clean(link.getAttribute('href')), url);
        }
      }
      return undefined;
    },
    () => absolute(doc, meta.get('og:url'), url),
  );
  // Pages sometimes declare a canonical that carries their own campaign parameters.
  const cleanCanonical = canonicalUrl === undefined ? undefined : normalizeUrl(canonicalUrl);

  return {
    url: normalized,
    canonicalUrl: cleanCanonical,
    title: title === undefined ? undefined : stripSiteName(title, siteName),
    byline,
    siteName,
    publishedTime,
    lang,
  };
}

/**
 * Light metadata for any page: title, byline, site, date, language, canonical URL, from meta tags,
 * JSON-LD and markup, without Readability. The title falls back to the URL's host; other missing
 * fields are left out (undefined), never empty strings.
 * @throws Error when `url` is not a valid absolute URL (see `normalizeUrl`).
 */
export function readPageMeta(doc: Document, url: string): PageMeta {
  const { title, ...rest } = readMetaFields(doc, url);
  return { ...withoutUndefined(rest), title: title ?? new URL(url).hostname };
}
