/**
 * Article extraction: Readability for the body, page metadata for the facts, DOMPurify for safety.
 * Pure DOM, no extension APIs: runs in a content script and under jsdom in tests. (Under
 * happy-dom, `readPageMeta` works but `extractArticle` returns null: DOMPurify cannot sanitise there.)
 */
import { Readability } from '@mozilla/readability';
import type { ArticleDraft } from '../domain/model';
import { isHttpUrl } from './url';
import { cleanByline, cleanDate, cleanLang, collapseSpace, MAX_META_TEXT, truncateText, withoutUndefined } from './clean';
import { imageUrls } from './images';
import { hostTitle, readMetaFields } from './meta';
import { sanitizeToFragment } from './sanitize';
import {
  baseURI, cloneNode, defaultView, disarmNamedProperties, firstChild, localName, nextSibling, nodeType, textContent, textData,
} from '../dom/pristine';

export { normalizeUrl, isHttpUrl } from './url';
export { readPageMeta } from './meta';
export { cleanByline } from './clean';
export { sanitizeHtml } from './sanitize';

/** Below this many words an "article" is a login box, an app shell or an error page. */
export const MIN_ARTICLE_WORDS = 80;

/** Above this share of its text in links, an "article" is an index, a sitemap or a link list. */
const MAX_LINK_DENSITY = 0.5;

/**
 * Longest article HTML and text the message schemas accept (`MAX_HTML` in utils/messaging/protocol.ts).
 * A longer article is cut to fit, never refused: see {@link cutToLength}.
 */
export const MAX_ARTICLE_CHARS = 10_000_000;

/** Longest excerpt kept: a summary is a few sentences (the schemas allow 10,000 characters). */
export const MAX_EXCERPT = 1_000;

/** Adult silent reading speed for non-fiction, words per minute. */
export const WORDS_PER_MINUTE = 230;

/**
 * Readability refuses documents with more elements than this (it throws rather than truncate).
 * Measured: a 5 MB page of ~100k elements extracts in ~0.35 s in Chromium (~10 s in jsdom);
 * pages past this are feeds or data dumps, where extraction would freeze the tab for seconds.
 */
const MAX_ELEMS_TO_PARSE = 250_000;

/**
 * A word is a run of letters, marks and digits, joined across an inner apostrophe or hyphen:
 * `l’expérience`, `aujourd'hui`, `Est-ce` and `prêt·e` each count once, like a typesetter's count
 * and like `split(/\s+/)` on prose. CJK scripts are not space-separated, so each ideograph or kana
 * counts as one word. Punctuation alone (`?`, `—`, `«`) is not a word.
 */
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const LETTER = String.raw`(?:(?![${CJK}])[\p{L}\p{M}\p{N}])`;
const JOINER = String.raw`['’ʼ·\-‐‑]`;
const WORD = new RegExp(String.raw`[${CJK}]|${LETTER}+(?:${JOINER}${LETTER}+)*`, 'gu');

/** Words in `text` (see {@link WORD} for what counts). */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Elements that start a new paragraph of plain text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'ol', 'p', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);

/**
 * Collapses whitespace like CSS `white-space: normal`: ASCII runs become one space; NBSP and
 * narrow NBSP (French `mot ?`, `10 000`) are text, not layout, and stay.
 */
const collapseLine = (s: string) => s.replace(/[ \t\n\r\f]+/g, ' ').trim();

/**
 * The plain text of article markup: one paragraph per block, separated by a blank line;
 * `<br>` becomes a single newline inside its paragraph; `<pre>` keeps its own whitespace;
 * table cells are separated by a space.
 */
export function articleText(root: Node): string {
  // Pristine reads (utils/dom/pristine.ts): the root is sanitised markup today, but a caller may give a
  // subtree of a page, where a form's controls shadow `firstChild` or `localName`.
  const paragraphs: string[] = [];
  let lines: string[] = [''];
  const flush = () => {
    const text = lines.map(collapseLine).filter((l) => l !== '').join('\n');
    if (text !== '') paragraphs.push(text);
    lines = [''];
  };
  const append = (s: string) => {
    lines[lines.length - 1] += s;
  };
  const walk = (node: Node) => {
    for (let child = firstChild(node); child; child = nextSibling(child)) {
      const type = nodeType(child);
      if (type === 3 /* TEXT_NODE */) {
        append(textData(child as Text));
        continue;
      }
      if (type !== 1 /* ELEMENT_NODE */) continue;
      const tag = localName(child as Element);
      if (tag === 'br') {
        lines.push('');
      } else if (tag === 'pre') {
        flush();
        const code = textContent(child).replace(/^\n+|\s+$/g, '');
        if (code.trim() !== '') paragraphs.push(code);
      } else if (tag === 'td' || tag === 'th') {
        append(' ');
        walk(child);
        append(' ');
      } else if (BLOCK.has(tag)) {
        flush();
        walk(child);
        flush();
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/** Share of the text that sits inside links. */
function linkDensity(root: Element): number {
  const length = (s: string | null) => (s ?? '').replace(/\s+/g, '').length;
  const total = length(root.textContent);
  if (total === 0) return 0;
  let linked = 0;
  for (const a of root.querySelectorAll('a')) linked += length(a.textContent);
  return linked / total;
}

/** Removes wrappers left empty by sanitising (the `<p>` that held a video frame, say). */
function dropEmptyBlocks(root: Element) {
  const candidates = [...root.querySelectorAll('p, div, section, figure, article, main')];
  // Innermost first, so a wrapper holding only empty wrappers goes too.
  for (const el of candidates.reverse()) {
    if ((el.textContent ?? '').trim() === '' && !el.querySelector('img, hr, table')) el.remove();
  }
}

/**
 * Removes the headline when the content opens with it: Readability only drops a heading that
 * matches its own title guess, and the reader already sees the title above the clipped text.
 */
function dropLeadingTitle(root: Element, title: string) {
  const normal = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let node = walker.nextNode();
  while (node && normal(node.textContent) === '') node = walker.nextNode();
  const heading = node?.parentElement?.closest('h1, h2, h3');
  if (heading && normal(heading.textContent) === normal(title)) heading.remove();
}

/** Characters a text node takes once serialised: `&`, `<`, `>` and NBSP are written as entities. */
function escapedLength(text: string): number {
  let length = text.length;
  for (const m of text.matchAll(/[&<>\u00a0]/g)) length += m[0] === '&' ? 4 : m[0] === '\u00a0' ? 5 : 3;
  return length;
}

/** Characters `node` takes in its parent's `innerHTML` (sanitised markup holds only elements and text). */
const markupLength = (node: Node): number =>
  node.nodeType === 3 ? escapedLength((node as Text).data) : node.nodeType === 1 ? (node as Element).outerHTML.length : 0;

/** What ends an article cut to fit: the editorial mark of an omission. */
const CUT_MARK = '[…]';

/**
 * Cuts `root`'s content to at most `budget` characters of HTML, keeping its beginning: whole
 * blocks while they fit, then the first block that does not fit is cut the same way inside, down to
 * its text, which ends at a space. What is left is a faithful, shorter copy: the start of the article.
 * Serialises each node once per level it is entered at, so a cut costs a few serialisations of the article.
 */
export function cutToLength(root: Element, budget: number): void {
  let child = root.firstChild;
  for (; child; child = child.nextSibling) {
    const size = markupLength(child);
    if (size > budget) break;
    budget -= size;
  }
  if (!child) return;
  while (child.nextSibling) child.nextSibling.remove();
  if (child.nodeType === 3) {
    const text = child as Text;
    const data = text.data;
    let end = 0;
    for (let used = 0; end < data.length; end++) {
      const c = data.charAt(end);
      used += c === '&' ? 5 : c === '\u00a0' ? 6 : c === '<' || c === '>' ? 4 : 1;
      if (used > budget) break;
    }
    let kept = data.slice(0, end);
    if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
    if (/\s/.test(kept)) kept = kept.replace(/\s+\S*$/, '');
    if (kept === '') text.remove();
    else text.data = kept;
  } else if (child.nodeType === 1) {
    const el = child as Element;
    const shell = el.outerHTML.length - el.innerHTML.length;
    if (budget > shell) cutToLength(el, budget - shell);
    if ((el.textContent ?? '').trim() === '' && !el.querySelector('img, hr, table')) el.remove();
  } else {
    child.remove();
  }
}

/**
 * `root`'s HTML and text, cut to {@link MAX_ARTICLE_CHARS} each when the article is longer, with
 * {@link CUT_MARK} as its last paragraph. The text is never longer than the HTML (every character
 * of text comes from a text node at least as long once serialised; paragraph breaks are shorter
 * than tags), so cutting the HTML cuts both. `text` is `root`'s text when the caller has it; `max` is a test seam.
 */
export function articleBody(root: Element, text = articleText(root), max = MAX_ARTICLE_CHARS): { html: string; text: string } {
  const html = root.innerHTML;
  if (html.length <= max) return { html, text };
  const mark = root.ownerDocument.createElement('p');
  mark.textContent = CUT_MARK;
  cutToLength(root, max - mark.outerHTML.length);
  root.append(mark);
  return { html: root.innerHTML, text: articleText(root) };
}

/**
 * The window whose DOM builds the sanitised copy: the page's, else the global one (tests).
 * `defaultView` is read from Document's prototype: `<img name="defaultView">` shadows it on the page.
 */
function windowFor(doc: Document): Window | undefined {
  const view = defaultView(doc);
  if (view) return view;
  const global = globalThis as { window?: Window };
  return global.window?.document ? global.window : undefined;
}

/**
 * The page's article, ready to clip: sanitised HTML, plain text, word count and metadata; null
 * when the page has no article (under {@link MIN_ARTICLE_WORDS} words) or cannot be parsed.
 * Never throws and never touches `doc`: Readability works on a clone, since it rewrites the tree.
 *
 * Facts the page declares (og:/article: meta tags, JSON-LD, canonical link) win over Readability's
 * guesses; Readability fills the gaps and supplies the body and the excerpt. Every value fits the
 * message schemas (utils/messaging/protocol.ts `ArticleDraftSchema`): what is too long is cut, here or in
 * `readMetaFields`, and an over-long article is cut by {@link articleBody}.
 *
 * Hostile pages: the page's DOM is read through its prototypes (utils/dom/pristine.ts), and Readability gets a
 * clone in which no element is a named property of the document or of a form, so its
 * `doc.getElementsByTagName`, `doc.body` and `node.getAttribute` are the real ones.
 */
export function extractArticle(doc: Document, url: string): ArticleDraft | null {
  try {
    const win = windowFor(doc);
    if (!win) return null;
    const meta = readMetaFields(doc, url);
    const clone = cloneNode(doc, true);
    disarmNamedProperties(clone);
    const parsed = new Readability(clone, { maxElemsToParse: MAX_ELEMS_TO_PARSE }).parse();
    if (!parsed?.content) return null;

    const clean = (s: string | null | undefined, max: number) => {
      const out = s ? collapseSpace(s) : '';
      return out ? truncateText(out, max) : undefined;
    };
    const title = meta.title ?? clean(parsed.title, MAX_META_TEXT) ?? hostTitle(url);
    const base = baseURI(doc);
    const fragment = sanitizeToFragment(parsed.content, win, isHttpUrl(base) ? base : url);
    const root = fragment.ownerDocument.createElement('div');
    root.append(fragment);
    dropEmptyBlocks(root);
    dropLeadingTitle(root, title);
    const fullText = articleText(root);
    if (countWords(fullText) < MIN_ARTICLE_WORDS || linkDensity(root) > MAX_LINK_DENSITY) return null;
    const { html, text } = articleBody(root, fullText);
    const wordCount = countWords(text);
    const images = imageUrls(root);

    return {
      ...withoutUndefined({
        url: meta.url,
        canonicalUrl: meta.canonicalUrl,
        aliases: meta.aliases,
        byline: meta.byline ?? cleanByline(parsed.byline),
        siteName: meta.siteName ?? clean(parsed.siteName, MAX_META_TEXT),
        publishedTime: meta.publishedTime ?? cleanDate(parsed.publishedTime),
        lang: meta.lang ?? cleanLang(parsed.lang),
        excerpt: clean(parsed.excerpt, MAX_EXCERPT),
      }),
      title,
      html,
      text,
      wordCount,
      readingMinutes: Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE)),
      ...(images.length ? { imageUrls: images } : {}),
    };
  } catch {
    // Malformed pages, Readability's element cap, an invalid URL: the popup shows "no article".
    return null;
  }
}
