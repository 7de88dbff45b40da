/**
 * What the speaker detector (speaker.ts) reads around a passage selected in a page or the
 * reader (issue #16): the text before and after it, blocks separated by "\n", and what the markup
 * says of a quotation (a blockquote's footer, `<cite>` or figure caption, a `cite` address). DOM
 * only: no extension API.
 */
import { proposeSpeaker, type SpeakerContext } from './speaker';

/** How much text the detector reads before the passage (a few sentences, a paragraph or two back). */
const BEFORE = 1_200;
/** And after it (the attribution that follows a quotation, the line under a blockquote). */
const AFTER = 300;

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'TEXTAREA', 'SELECT']);

const elementOf = (node: Node): Element | null => (node.nodeType === 1 ? (node as Element) : node.parentElement);

/** The nearest block around a node (where "\n" separates its text from the next block's). */
function blockOf(node: Node, root: Element): Element {
  for (let el = elementOf(node); el && el !== root; el = el.parentElement) if (BLOCK.has(el.tagName)) return el;
  return root;
}

/** The text of `root`, blocks separated by "\n", and where the range starts and ends in it. */
function flatten(root: Element, range: Range): { text: string; start: number; end: number } {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode: (n: Node) => {
      for (let el = n.parentElement; el && el !== root; el = el.parentElement) if (SKIP.has(el.tagName.toUpperCase())) return 2;
      return 1;
    },
  });
  let text = '';
  let start = -1;
  let end = -1;
  let lastBlock: Element | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const block = blockOf(n, root);
    if (lastBlock && block !== lastBlock && !text.endsWith('\n')) text += '\n';
    lastBlock = block;
    // A range that starts or ends on an element (not in a text node): place it by comparing.
    if (start < 0 && range.startContainer.nodeType !== 3 && range.comparePoint(n, 0) >= 0) start = text.length;
    const value = n.nodeValue ?? '';
    text += value;
    if (range.startContainer === n) start = text.length - value.length + range.startOffset;
    if (range.endContainer === n) end = text.length - value.length + range.endOffset;
    if (end < 0 && range.endContainer.nodeType !== 3 && range.comparePoint(n, 0) > 0) end = text.length - value.length;
  }
  if (start < 0) start = 0;
  if (end < 0) end = text.length;
  return { text, start, end };
}

/** The attribution a blockquote's markup carries: its footer (or `<cite>`), or its figure's caption. */
function citeOf(quote: Element | null): string | undefined {
  if (!quote) return undefined;
  const own = quote.querySelector('footer') ?? quote.querySelector('cite');
  const caption = quote.parentElement?.tagName === 'FIGURE' ? quote.parentElement.querySelector(':scope > figcaption') : null;
  const text = (own ?? caption)?.textContent?.trim();
  return text ? text.slice(0, 300) : undefined;
}

/**
 * The context of a selected passage for the speaker detector. `pageAuthor` is the page's byline
 * (the detector proposes it only when the text says the author speaks).
 */
export function speakerContext(range: Range, pageAuthor?: string): SpeakerContext {
  const start = elementOf(range.startContainer);
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  const root = start?.closest('article, main, [role="main"]') ?? doc.body ?? doc.documentElement;
  const { text, start: from, end: to } = flatten(root, range);
  const blockquote = start?.closest('blockquote') ?? null;
  const q = start?.closest('q');
  const citeUrl = q?.getAttribute('cite') ?? blockquote?.getAttribute('cite') ?? undefined;
  const ctx: SpeakerContext = {
    quote: range.toString(),
    before: text.slice(Math.max(0, from - BEFORE), from),
    after: text.slice(to, to + AFTER),
  };
  const cite = citeOf(blockquote);
  if (cite) ctx.cite = cite;
  if (citeUrl) ctx.citeUrl = citeUrl;
  if (pageAuthor) ctx.pageAuthor = pageAuthor;
  return ctx;
}

/**
 * Who said the passage in `range`, as the text around it says: proposed to the user, never
 * decided. A page the detector cannot read gives no proposal, never a failed save.
 */
export function speakerOfRange(range: Range, pageAuthor?: string): string | undefined {
  try {
    return proposeSpeaker(speakerContext(range, pageAuthor));
  } catch {
    return undefined;
  }
}
