import { COLORS, type Color, type NoteKind } from './model';

/** Colours of drawn passages, readable on light and dark pages alike. */
export const HIGHLIGHT_CSS_COLORS: Record<Color, string> = {
  yellow: 'rgba(255, 213, 0, 0.45)',
  green: 'rgba(64, 200, 110, 0.38)',
  blue: 'rgba(80, 160, 255, 0.38)',
  pink: 'rgba(255, 105, 170, 0.38)',
  purple: 'rgba(160, 110, 255, 0.38)',
};

const STYLE_ID = 'verbatim-highlight-styles';
const highlightName = (color: Color, kind: NoteKind) => `verbatim-${kind}-${color}`;

interface Drawn {
  range: Range;
  name: string;
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

  constructor(doc: Document) {
    this.#doc = doc;
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    this.#registry = view?.CSS && 'highlights' in view.CSS ? view.CSS.highlights : undefined;
  }

  /** Whether this browser can draw (CSS Custom Highlight API). */
  get supported(): boolean {
    return this.#registry !== undefined;
  }

  /** Draws (or redraws) one passage. */
  draw(id: string, range: Range, color: Color, kind: NoteKind): void {
    if (!this.#registry) return;
    this.remove(id);
    this.#ensureStyles();
    const name = highlightName(color, kind);
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
    this.#drawn.delete(id);
  }

  /** Ids currently drawn. */
  ids(): string[] {
    return [...this.#drawn.keys()];
  }

  /** The drawn range of a passage, if any. */
  rangeOf(id: string): Range | undefined {
    return this.#drawn.get(id)?.range;
  }

  /** Removes every drawing and the styles. */
  destroy(): void {
    for (const id of this.ids()) this.remove(id);
    for (const color of COLORS) {
      for (const kind of ['highlight', 'quote'] as const) this.#registry?.delete(highlightName(color, kind));
    }
    this.#doc.getElementById(STYLE_ID)?.remove();
  }

  #ensureStyles(): void {
    if (this.#doc.getElementById(STYLE_ID)) return;
    const style = this.#doc.createElement('style');
    style.id = STYLE_ID;
    // Colours only: a ::highlight() rule cannot change layout, so the page's look is untouched.
    style.textContent = COLORS.map(
      (c) =>
        `::highlight(${highlightName(c, 'highlight')}){background-color:${HIGHLIGHT_CSS_COLORS[c]};}` +
        `::highlight(${highlightName(c, 'quote')}){background-color:${HIGHLIGHT_CSS_COLORS[c]};` +
        `text-decoration:underline 2px ${HIGHLIGHT_CSS_COLORS[c].replace(/[\d.]+\)$/, '0.9)')};}`,
    ).join('\n');
    (this.#doc.head ?? this.#doc.documentElement).append(style);
  }
}
