/**
 * Page metadata read straight from the DOM: cheap enough to run on the first highlight of a page,
 * without Readability. Never throws on odd markup; a field the page does not declare is undefined.
 *
 * Each field takes the first source that has a value, most explicit first: meta tags, JSON-LD,
 * then visible markup. Sources are read lazily, each with one `querySelectorAll` (a static list):
 * iterating jsdom's live `getElementsBy*` collections is quadratic (7 s for 12k elements).
 * What a source gives is cleaned (whitespace, length, byline, language tag, date) in clean.ts.
 */
import type { PageMeta } from '../domain/model';
import { MAX_URL_LENGTH, normalizeUrl } from './url';
import {
  classNames, closest, documentElement, elementId, getAttr, hasAttr, localName, parentElement, query, queryAll, textContent,
} from '../dom/pristine';
import { clean, cleanByline, cleanDate, cleanLang, isUrl, MAX_META_TEXT, pageTitle, truncateText, withoutUndefined } from './clean';

/**
 * Longest canonical URL kept. The page's own URL is the notes' key and is kept whole (up to
 * {@link MAX_URL_LENGTH}); a canonical URL is only a fact the page declares, and one this long is
 * noise or hostile: it is dropped rather than carried in every message and record.
 */
export const MAX_CANONICAL_URL = 8_192;

/** The first source that yields a value; later sources are never evaluated. */
function first(...sources: (() => string | undefined)[]): string | undefined {
  for (const source of sources) {
    const value = source();
    if (value !== undefined) return value;
  }
  return undefined;
}

// ---------------------------------------------------------------- <meta> tags

/**
 * `<meta>` contents by lowercase key, whether the key sits in `property`, `name`, `itemprop` or
 * `http-equiv` (sites mix `property="og:title"` and `name="og:title"`). First non-empty wins.
 */
function metaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of queryAll(doc, 'meta[content]')) {
    const content = clean(getAttr(el, 'content'));
    if (content === undefined) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      // `property` may hold several space-separated RDFa terms.
      for (const key of getAttr(el, attr)?.toLowerCase().split(/\s+/) ?? []) {
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
  for (const script of queryAll(doc, 'script[type]')) {
    if (getAttr(script, 'type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      visit(JSON.parse(textContent(script).replace(JSON_WRAPPER, '')), 0);
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
  for (let node: Element | null = el; node && localName(node) !== 'body'; node = parentElement(node)) {
    const tag = localName(node);
    if (tag === 'aside' || tag === 'nav') return true;
    const role = getAttr(node, 'role');
    if (role === 'complementary' || role === 'navigation') return true;
    if (CHROME_TOKEN.test(elementId(node))) return true;
    for (const token of classNames(node)) if (CHROME_TOKEN.test(token)) return true;
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
    () => firstIn(queryAll(doc, 'a[rel~="author" i], link[rel~="author" i]'), (el) => cleanByline(textContent(el))),
    () =>
      firstIn(queryAll(doc, '[itemprop~="author"]'), (el) => {
        const name = query(el, '[itemprop~="name"]');
        return cleanByline(name ? (getAttr(name, 'content') ?? textContent(name)) : textContent(el));
      }),
    () => firstIn(queryAll(doc, '.byline, .author, .post-author, .entry-author'), (el) => cleanByline(textContent(el))),
  );
}

/** A publication date the page shows: `itemprop=datePublished`, else a `<time datetime>` in the article. */
function publishedFromDom(doc: Document): string | undefined {
  return first(
    () => firstIn(queryAll(doc, '[itemprop~="datePublished"]'), (el) => cleanDate(getAttr(el, 'content') ?? getAttr(el, 'datetime'))),
    () =>
      firstIn(queryAll(doc, 'time[datetime]'), (el) =>
        closest(el, 'article, header, main') || hasAttr(el, 'pubdate') ? cleanDate(getAttr(el, 'datetime')) : undefined,
      ),
  );
}

/** An absolute http(s) URL for `href`, resolved like the page would: against `<base href>`, else the page URL. */
function absolute(doc: Document, href: string | undefined, pageUrl: string): string | undefined {
  if (!href) return undefined;
  try {
    const baseElement = query(doc, 'base[href]');
    const baseHref = baseElement ? getAttr(baseElement, 'href') : null;
    const base = baseHref ? new URL(baseHref, pageUrl).href : pageUrl;
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- the fields

/** The page's metadata with the title left undefined when the page has none (callers pick a fallback). */
export function readMetaFields(doc: Document, url: string): Omit<PageMeta, 'title'> & { title?: string } {
  const normalized = normalizeUrl(url);
  // Browsers refuse to navigate to longer URLs, so no page has one; say so rather than let the schemas refuse it.
  if (normalized.length > MAX_URL_LENGTH) throw new Error(`URL longer than ${MAX_URL_LENGTH} characters`);
  const meta = metaTags(doc);
  const tag = (...keys: string[]) => () => keys.map((k) => meta.get(k)).find((v) => v !== undefined);
  let ldCache: JsonLdMeta | undefined;
  const ld = () => (ldCache ??= readJsonLd(doc));

  const rawSiteName = first(tag('og:site_name'), tag('application-name'), () => ld().publisher);
  const siteName = rawSiteName === undefined ? undefined : truncateText(rawSiteName, MAX_META_TEXT);

  const title = first(
    tag('og:title'),
    tag('twitter:title'),
    () => ld().headline,
    () => {
      const h1s = queryAll(doc, 'h1').filter((h) => !inPageChrome(h));
      // Longer than a headline means the page's markup swallowed the body into its <h1>.
      const text = h1s.length === 1 ? clean(textContent(h1s[0]!)) : undefined;
      return text && text.length <= 200 ? text : undefined;
    },
    () => {
      const element = query(doc, 'title');
      return element ? clean(textContent(element)) : undefined;
    },
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

  // A source whose value is not a date gives way to the next one.
  const publishedTime = first(
    () => cleanDate(tag('article:published_time')()),
    () => cleanDate(ld().datePublished),
    () => cleanDate(tag('date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'pubdate', 'publishdate', 'sailthru.date', 'parsely-pub-date')()),
    () => publishedFromDom(doc),
  );

  const root = documentElement(doc);
  const lang = first(
    () => (root ? cleanLang(getAttr(root, 'lang')) : undefined),
    () => (root ? cleanLang(getAttr(root, 'xml:lang')) : undefined),
    () => cleanLang(meta.get('content-language')),
    () => cleanLang(meta.get('og:locale')),
  );

  // Pages sometimes declare a canonical that carries their own campaign parameters.
  const canonical = (href: string | undefined) => {
    const absoluteUrl = absolute(doc, href, url);
    const normal = absoluteUrl === undefined ? undefined : normalizeUrl(absoluteUrl);
    return normal !== undefined && normal.length <= MAX_CANONICAL_URL ? normal : undefined;
  };
  const linked = (rel: RegExp) => {
    for (const link of queryAll(doc, 'link[rel][href]')) {
      if (rel.test(getAttr(link, 'rel') ?? '')) return canonical(clean(getAttr(link, 'href')));
    }
    return undefined;
  };
  const linkCanonical = linked(/(?:^|\s)canonical(?:\s|$)/i);
  const ogUrl = canonical(meta.get('og:url'));
  const canonicalUrl = linkCanonical ?? ogUrl;
  // The same article's other addresses, as the page declares them: notes follow the article there.
  const aliases = [...new Set([linkCanonical, ogUrl, linked(/(?:^|\s)amphtml(?:\s|$)/i)])].filter(
    (a): a is string => a !== undefined && a !== normalized,
  );

  return {
    url: normalized,
    canonicalUrl,
    aliases: aliases.length ? aliases : undefined,
    title: title === undefined ? undefined : pageTitle(title, siteName),
    byline,
    siteName,
    publishedTime,
    lang,
  };
}

/**
 * Light metadata for any page: title, byline, site, date, language, canonical URL and the other
 * addresses it declares (canonical, `og:url`, AMP), from meta tags,
 * JSON-LD and markup, without Readability. The title falls back to the URL's host; other missing
 * fields are left out (undefined), never empty strings.
 * @throws Error when `url` is not a valid absolute URL (see `normalizeUrl`).
 */
export function readPageMeta(doc: Document, url: string): PageMeta {
  const { title, ...rest } = readMetaFields(doc, url);
  return { ...withoutUndefined(rest), title: title ?? hostTitle(url) };
}

/** The title of a page that declares none: its host (cut, like any title: URL hosts have no length limit). */
export const hostTitle = (url: string) => truncateText(new URL(url).hostname, MAX_META_TEXT);
