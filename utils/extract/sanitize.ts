/**
 * Article HTML made safe to store and re-render: semantic markup only, absolute links.
 */
import DOMPurify from 'dompurify';
import type { Config, DOMPurify as Purifier } from 'dompurify';
import { baseURI, implementation } from '../dom/pristine';

/** What an article is made of. Everything else (scripts, styles, forms, frames, SVG) goes. */
const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code',
  'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption',
  'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark',
  'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
];

const ALLOWED_ATTR = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'lang', 'dir', 'cite', 'datetime', 'value',
  'colspan', 'rowspan', 'scope', 'headers', 'abbr', 'start', 'reversed', 'type', 'open',
];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Keep the text of dropped wrappers (a <font> or <center> around a paragraph), not their markup.
  KEEP_CONTENT: true,
};

/** Schemes a stored link may keep once resolved; images may also be inline `data:image/*`. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Attributes holding a URL the saved copy may follow or load. */
const URL_ATTRS = ['href', 'src', 'cite'] as const;

/** `href`/`src`/`cite` made absolute against `base`; undefined when the result is not a safe URL. */
function resolveUrl(value: string, base: string, isImage: boolean): string | undefined {
  const trimmed = value.trim();
  if (isImage && /^data:image\/[a-z0-9.+-]+[;,]/i.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed, base);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What DOMPurify takes for a window: `win`'s constructors, and for `document` an empty one of our
 * own. DOMPurify reads `document.createElement`, `.implementation`, `.importNode`... straight off
 * the window's document, where on a page `<img name="createElement">` shadows them (Document has
 * [LegacyOverrideBuiltIns]); the window's constructors are its own properties, which named
 * elements never shadow. The empty document is made through Document's prototype for the same reason.
 */
function purifyWindow(win: Window): Window {
  const inert = implementation(win.document).createHTMLDocument('');
  const { DocumentFragment, HTMLTemplateElement, Node, Element, NodeFilter, NamedNodeMap, HTMLFormElement, DOMParser } = win as Window & typeof globalThis;
  const trustedTypes = (win as { trustedTypes?: unknown }).trustedTypes;
  return { document: inert, DocumentFragment, HTMLTemplateElement, Node, Element, NodeFilter, NamedNodeMap, HTMLFormElement, DOMParser, trustedTypes } as unknown as Window;
}

/**
 * A DOMPurify bound to `win` whose hooks make URLs absolute and links inert toward the opener.
 * One per call: hooks are per-instance state and the base URL differs between calls.
 */
function purifier(win: Window, base: string): Purifier {
  const purify = DOMPurify(purifyWindow(win) as unknown as Parameters<typeof DOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (el) => {
    for (const attr of URL_ATTRS) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      const resolved = resolveUrl(value, base, el.localName === 'img' && attr === 'src');
      if (resolved === undefined) el.removeAttribute(attr);
      else el.setAttribute(attr, resolved);
    }
    if (el.localName === 'a') el.setAttribute('rel', 'noopener noreferrer');
  });
  return purify;
}

const TAG_SET = new Set(ALLOWED_TAGS);
const ATTR_SET = new Set([...ALLOWED_ATTR, 'rel']);

/**
 * Fails closed when DOMPurify silently could not do its job. It returns its input untouched when
 * it finds the DOM unsupported, and under happy-dom 21 it keeps `<script>` and `on*` attributes;
 * a stored article must never depend on that going right.
 */
function assertClean(root: DocumentFragment) {
  for (const el of root.querySelectorAll('*')) {
    const bad =
      !TAG_SET.has(el.localName) ||
      [...el.attributes].some(
        (a) =>
          !ATTR_SET.has(a.name) ||
          ((URL_ATTRS as readonly string[]).includes(a.name) && !/^(?:https?:|mailto:|tel:|data:image\/)/i.test(a.value)),
      );
    if (bad) throw new Error(`Sanitiser failed in this DOM implementation (left <${el.localName}> unsafe); refusing its output`);
  }
}

/** Sanitises into a fragment (owned by a DOMPurify document), for callers that keep walking the result. */
export function sanitizeToFragment(dirty: string, win: Window, baseUrl?: string): DocumentFragment {
  const purify = purifier(win, baseUrl ?? baseURI(win.document));
  if (!purify.isSupported) throw new Error('DOMPurify cannot run in this window; refusing to return unsanitised HTML');
  const fragment = purify.sanitize(dirty, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  assertClean(fragment);
  return fragment;
}

/** Serialises a fragment's children as HTML. */
export function fragmentHtml(fragment: DocumentFragment): string {
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}

/**
 * Article HTML safe to store: scripts, event handlers, styles, forms, frames, embeds, SVG and
 * `javascript:`/`data:` URLs removed (`data:image/*` stays on `<img>`); semantic markup kept;
 * relative `href`/`src`/`cite` resolved against `baseUrl` (default: the document's base URL) so a saved
 * copy's links work away from the page; every link gets `rel="noopener noreferrer"`.
 *
 * `win` is the window whose DOM does the parsing: the page's `window` in a content script,
 * a jsdom window in tests.
 * @throws Error when DOMPurify cannot sanitise in `win` (it would otherwise pass HTML through).
 */
export function sanitizeHtml(html: string, win: Window, baseUrl?: string): string {
  return fragmentHtml(sanitizeToFragment(html, win, baseUrl));
}
