/**
 * Article extraction: Readability for the body, page metadata for the facts, DOMPurify for safety.
 * Pure DOM, no extension APIs: runs in a content script and under jsdom in tests. (Under
 * happy-dom, `readPageMeta` works but `extractArticle` returns null: DOMPurify cannot sanitise there.)
 */
import { Readability } from '@mozilla/readability';
import type { ArticleDraft } from '../model';
import { isHttpUrl } from './url';
import { cleanByline, cleanLang, collapseSpace, readMetaFields, withoutUndefined } from './meta';
import { fragmentHtml, sanitizeToFragment } from './sanitize';

export { normalizeUrl, isHttpUrl } from './url';
export { readPageMeta, cleanByline } from './meta';
export { sanitizeHtml } from './sanitize';

/** Below this many words an "article" is a login box, an app shell or an error page. */
export const MIN_ARTICLE_WORDS = 80;

/** Above this share of its text in links, an "article" is an index, a sitemap or a link list. */
const MAX_LINK_DENSITY = 0.5;

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
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 /* TEXT_NODE */) {
        append((child as Text).data);
        continue;
      }
      if (child.nodeType !== 1 /* ELEMENT_NODE */) continue;
      const tag = (child as Element).localName;
      if (tag === 'br') {
        lines.push('');
      } else if (tag === 'pre') {
        flush();
        const code = (child.textContent ?? '').replace(/^\n+|\s+$/g, '');
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
function linkDensity(root: DocumentFragment): number {
  const length = (s: string | null) => (s ?? '').replace(/\s+/g, '').length;
  const total = length(root.textContent);
  if (total === 0) return 0;
  let linked = 0;
  for (const a of root.querySelectorAll('a')) linked += length(a.textContent);
  return linked / total;
}

/** Removes wrappers left empty by sanitising (the `<p>` that held a video frame, say). */
function dropEmptyBlocks(root: DocumentFragment) {
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
function dropLeadingTitle(root: DocumentFragment, title: string) {
  const normal = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let node = walker.nextNode();
  while (node && normal(node.textContent) === '') node = walker.nextNode();
  const heading = node?.parentElement?.closest('h1, h2, h3');
  if (heading && normal(heading.textContent) === normal(title)) heading.remove();
}

/** The window whose DOM builds the sanitised copy: the page's, else the global one (tests). */
function windowFor(doc: Document): Window | undefined {
  if (doc.defaultView) return doc.defaultView;
  const global = globalThis as { window?: Window };
  return global.window?.document ? global.window : undefined;
}

/**
 * The page's article, ready to clip: sanitised HTML, plain text, word count and metadata; null
 * when the page has no article (under {@link MIN_ARTICLE_WORDS} words) or cannot be parsed.
 * Never throws and never touches `doc`: Readability works on a clone, since it rewrites the tree.
 *
 * Facts the page declares (og:/article: meta tags, JSON-LD, canonical link) win over Readability's
 * guesses; Readability fills the gaps and supplies the body and the excerpt.
 */
export function extractArticle(doc: Document, url: string): ArticleDraft | null {
  try {
    const win = windowFor(doc);
    if (!win) return null;
    const meta = readMetaFields(doc, url);
    const clone = doc.cloneNode(true) as Document;
    const parsed = new Readability(clone, { maxElemsToParse: MAX_ELEMS_TO_PARSE }).parse();
    if (!parsed?.content) return null;

    const clean = (s: string | null | undefined) => (s ? collapseSpace(s) || undefined : undefined);
    const title = meta.title ?? clean(parsed.title) ?? new URL(url).hostname;
    const fragment = sanitizeToFragment(parsed.content, win, isHttpUrl(doc.baseURI) ? doc.baseURI : url);
    dropEmptyBlocks(fragment);
    dropLeadingTitle(fragment, title);
    const text = articleText(fragment);
    const wordCount = countWords(text);
    if (wordCount < MIN_ARTICLE_WORDS || linkDensity(fragment) > MAX_LINK_DENSITY) return null;

    return {
      ...withoutUndefined({
        url: meta.url,
        canonicalUrl: meta.canonicalUrl,
        byline: meta.byline ?? cleanByline(parsed.byline),
        siteName: meta.siteName ?? clean(parsed.siteName),
        publishedTime: meta.publishedTime ?? clean(parsed.publishedTime),
        lang: meta.lang ?? cleanLang(parsed.lang),
        excerpt: clean(parsed.excerpt),
      }),
      title,
      html: fragmentHtml(fragment),
      text,
      wordCount,
      readingMinutes: Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE)),
    };
  } catch {
    // Malformed pages, Readability's element cap, an invalid URL: the popup shows "no article".
    return null;
  }
}
