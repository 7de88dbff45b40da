import { COLORS, type Color, type NoteKind } from '../domain/model';

/** Colours of drawn passages, readable on light and dark pages alike. */
export const HIGHLIGHT_CSS_COLORS: Record<Color, string> = {
  yellow: 'rgba(255, 213, 0, 0.45)',
  green: 'rgba(64, 200, 110, 0.38)',
  blue: 'rgba(80, 160, 255, 0.38)',
  pink: 'rgba(255, 105, 170, 0.38)',
  purple: 'rgba(160, 110, 255, 0.38)',
};

/** The short flash over a passage after "Open at passage". */
export const FLASH_CSS_COLOR = 'rgba(255, 140, 0, 0.55)';

/** A quote's underline: its highlight colour, nearly opaque. */
const underlineColor = (color: Color) => HIGHLIGHT_CSS_COLORS[color].replace(/[\d.]+\)$/, '0.9)');

/**
 * A name no page can predict: a few random lowercase letters. What Verbatim puts in a page (its UI
 * host, highlight names, wrapping elements) is named this way, so no page script can look for a
 * fixed name to learn that Verbatim is installed or which passages the user saved.
 */
export function randomName(letters = 8): string {
  const bytes = crypto.getRandomValues(new Uint8Array(letters));
  return Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join('');
}

/**
 * The document's highlight registry, if this context can really use it: a content script's
 * sandbox (Firefox's Xray wrappers) may see `CSS.highlights` yet fail to build a `Highlight`.
 */
function usableRegistry(doc: Document): HighlightRegistry | undefined {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!view?.CSS || !('highlights' in view.CSS) || typeof Highlight !== 'function') return undefined;
  try {
    const probe = new Highlight();
    const name = randomName();
    view.CSS.highlights.set(name, probe);
    view.CSS.highlights.delete(name);
    return view.CSS.highlights;
  } catch {
    return undefined;
  }
}

interface Drawn {
  range: Range;
  name: string;
  /** Fallback drawing only: the elements wrapping the passage's text. */
  marks?: HTMLElement[];
}


/** Parents where a wrapping element would break the page's structure or layout. */
const NO_WRAP_PARENTS = new Set(['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'UL', 'OL', 'DL', 'SELECT', 'OPTGROUP', 'COLGROUP']);

/** The text nodes a range touches, in document order. */
function textNodesIn(range: Range): Text[] {
  const root = range.commonAncestorContainer;
  if (root.nodeType === 3) return [root as Text];
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (range.intersectsNode(n)) out.push(n as Text);
  }
  return out;
}

/**
 * Draws passages with the CSS Custom Highlight API: one `Highlight` per colour and kind, so the
 * page's DOM is never rewritten and removing a highlight leaves no trace.
 * The registry is per document; `doc` is a parameter so tests and the reader view can pass theirs.
 */
export class Highlighter {
  readonly #doc: Document;
  readonly #drawn = new Map<string, Drawn>();
  readonly #registry: HighlightRegistry | undefined;
  /** This page's random prefix of highlight names (see `randomName`). */
  readonly #prefix = randomName();
  readonly #flash = `${this.#prefix}-f`;
  /** Flashes still to fade, cancelled by destroy(). */
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #style: HTMLStyleElement | null = null;
  /**
   * Tag of the fallback's wrapping elements: a custom element name no page CSS targets, random
   * per page like the highlight names.
   */
  readonly markTag = `${randomName()}-${randomName(4)}`;

  constructor(doc: Document) {
    this.#doc = doc;
    this.#registry = usableRegistry(doc);
  }

  /** The registry name of one colour and kind on this page. */
  #name(color: Color, kind: NoteKind): string {
    return `${this.#prefix}-${kind[0]}${COLORS.indexOf(color)}`;
  }

  /** Whether this browser can draw (CSS Custom Highlight API). */
  get supported(): boolean {
    return this.#registry !== undefined;
  }

  /** Draws (or redraws) one passage. */
  draw(id: string, range: Range, color: Color, kind: NoteKind): void {
    this.remove(id);
    if (!this.#registry) {
      this.#drawn.set(id, { range, name: this.#name(color, kind), marks: this.#wrap(range, color, kind) });
      return;
    }
    this.#ensureStyles();
    const name = this.#name(color, kind);
    let highlight = this.#registry.get(name);
    if (!highlight) {
      highlight = new Highlight();
      this.#registry.set(name, highlight);
    }
    highlight.add(range);
    this.#drawn.set(id, { range, name });
  }

  /** Removes one passage's drawing. */
  remove(id: string): void {
    const drawn = this.#drawn.get(id);
    if (!drawn) return;
    this.#registry?.get(drawn.name)?.delete(drawn.range);
    for (const mark of drawn.marks ?? []) mark.replaceWith(...mark.childNodes);
    this.#drawn.delete(id);
  }

  /** Ids currently drawn. */
  ids(): string[] {
    return [...this.#drawn.keys()];
  }

  /** The drawn range of a passage, if any. */
  rangeOf(id: string): Range | undefined {
    const drawn = this.#drawn.get(id);
    if (!drawn?.marks) return drawn?.range;
    // Wrapping moves text nodes, which collapses live ranges inside them: the wrappers, which
    // stay put, are the truth.
    const first = drawn.marks[0];
    const last = drawn.marks[drawn.marks.length - 1];
    if (!first || !last) return undefined;
    const range = this.#doc.createRange();
    range.setStartBefore(first);
    range.setEndAfter(last);
    return range;
  }

  /**
   * Draws attention to a passage for a moment (after "Open at passage"): a strong outline-like
   * highlight over it that fades out by itself.
   */
  flash(id: string, ms = 1600): void {
    const range = this.rangeOf(id);
    if (!range) return;
    if (this.#registry) {
      this.#ensureStyles();
      const flash = new Highlight(range);
      flash.priority = 1; // above the passage's own colour
      this.#registry.set(this.#flash, flash);
      this.#later(ms, () => this.#registry?.get(this.#flash) === flash && this.#registry.delete(this.#flash));
      return;
    }
    const marks = this.#drawn.get(id)?.marks ?? [];
    for (const mark of marks) mark.style.setProperty('outline', '3px solid rgba(255, 140, 0, 0.9)');
    this.#later(ms, () => marks.forEach((m) => m.style.removeProperty('outline')));
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  /** Removes every drawing and the styles. */
  destroy(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const id of this.ids()) this.remove(id);
    for (const color of COLORS) {
      for (const kind of ['highlight', 'quote'] as const) this.#registry?.delete(this.#name(color, kind));
    }
    this.#registry?.delete(this.#flash);
    this.#style?.remove();
    this.#style = null;
  }

  /**
   * Fallback for browsers without the Custom Highlight API: wraps each text node of the range
   * in an element; `remove()` unwraps and leaves the text as it was. Wrapping moves text nodes,
   * so other live ranges into them collapse: callers holding ranges must re-anchor after a draw.
   */
  #wrap(range: Range, color: Color, kind: NoteKind): HTMLElement[] {
    const marks: HTMLElement[] = [];
    const { startContainer, startOffset, endContainer, endOffset } = range;
    for (const node of textNodesIn(range)) {
      const start = node === startContainer ? startOffset : 0;
      const end = node === endContainer ? endOffset : node.data.length;
      if (start >= end || !node.parentNode || NO_WRAP_PARENTS.has((node.parentNode as Element).tagName)) continue;
      if (end < node.data.length) node.splitText(end);
      const target = start > 0 ? node.splitText(start) : node;
      const mark = this.#doc.createElement(this.markTag);
      const css = HIGHLIGHT_CSS_COLORS[color];
      mark.setAttribute(
        'style',
        `all: unset; display: inline; background-color: ${css}; color: inherit;` +
          (kind === 'quote' ? ` text-decoration: underline 2px ${underlineColor(color)};` : ''),
      );
      target.parentNode!.insertBefore(mark, target);
      mark.append(target);
      marks.push(mark);
    }
    return marks;
  }

  #ensureStyles(): void {
    if (this.#style?.isConnected) return;
    const style = this.#doc.createElement('style');
    this.#style = style;
    // Colours only: a ::highlight() rule cannot change layout, so the page's look is untouched.
    style.textContent = COLORS.map(
      (c) =>
        `::highlight(${this.#name(c, 'highlight')}){background-color:${HIGHLIGHT_CSS_COLORS[c]};}` +
        `::highlight(${this.#name(c, 'quote')}){background-color:${HIGHLIGHT_CSS_COLORS[c]};` +
        `text-decoration:underline 2px ${underlineColor(c)};}`,
    ).join('\n') + `\n::highlight(${this.#flash}){background-color:${FLASH_CSS_COLOR};color:inherit;}`;
    (this.#doc.head ?? this.#doc.documentElement).append(style);
  }
}
