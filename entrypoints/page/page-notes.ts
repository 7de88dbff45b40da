import { describe } from '../../utils/anchoring';
import { dom, elementOf } from '../../utils/dom/pristine';
import { readMetaFields } from '../../utils/extract/meta';
import { normalizeUrl, sameOrigin } from '../../utils/extract/url';
import { Highlighter } from '../../utils/page/highlighter';
import { MAX_DECLARED, MAX_PAGE_TEXT } from '../../utils/messaging/protocol';
import type { Note, Selector } from '../../utils/domain/model';
import { PageHighlights } from '../../utils/page/page-highlights';
import type { callBackground } from '../../utils/messaging/rpc';

/** Page script → background (utils/messaging/rpc.ts `callBackground`; tests give a fake). */
export type BackgroundCall = typeof callBackground;

/**
 * The page's saved notes: fetched from the background for the page's URL, drawn where they
 * anchor (utils/page/page-highlights.ts), and found again under a click or a selection.
 */
export class PageNotes {
  readonly #doc: Document;
  readonly #call: BackgroundCall;
  readonly #highlighter: Highlighter;
  readonly #highlights: PageHighlights;
  /** The page's notes by id, as last fetched or changed. */
  readonly #notes = new Map<string, Note>();
  /** The page's normalised URL: the notes asked for are this page's. */
  #url = normalizeUrl(location.href);

  constructor(doc: Document, call: BackgroundCall) {
    this.#doc = doc;
    this.#call = call;
    this.#highlighter = new Highlighter(doc);
    this.#highlights = new PageHighlights({
      root: () => this.#root(),
      highlighter: this.#highlighter,
      report: (found, orphaned) => void call('reportAnchoring', { url: this.#url, found, orphaned }),
      // Quotes are matched in the background: the page's main thread only reads its text and draws.
      remote: async (text, selectors) => {
        const reply = await call('locateText', { ...text, selectors });
        if (!reply.ok) throw new Error(reply.error);
        return reply.value;
      },
      remoteMaxChars: MAX_PAGE_TEXT,
    });
  }

  /** The element whose text the selectors describe. */
  #root(): Element {
    return this.#doc.body ?? this.#doc.documentElement;
  }

  get url(): string {
    return this.#url;
  }

  /** After a URL change without a reload (a single-page app): whether this is another page now. */
  moved(): boolean {
    const next = normalizeUrl(location.href);
    if (next === this.#url) return false;
    this.#url = next;
    return true;
  }

  /**
   * The other addresses this page declares for itself (canonical, og:url, amphtml) of its own
   * origin: the background shows a page the notes of those, and of no other origin's.
   */
  declared(): string[] {
    const url = this.#url;
    return this.addresses().filter((a) => sameOrigin(a, url));
  }

  /** Every other address this page declares for itself, whatever its origin (for the popup, never the page). */
  addresses(): string[] {
    try {
      return (readMetaFields(this.#doc, location.href).aliases ?? []).slice(0, MAX_DECLARED);
    } catch {
      return [];
    }
  }

  /**
   * Fetches this page's notes, its own and those of its article's other addresses, and draws
   * those that anchor (a note of another address not found here is not an orphan: it may still be
   * on its own page, and only its own page reports it).
   */
  async draw(): Promise<void> {
    const also = this.declared();
    const reply = await this.#call('pageNotes', also.length ? { url: this.#url, also } : { url: this.#url });
    if (!reply.ok) return;
    this.#notes.clear();
    for (const n of reply.value) this.#notes.set(n.id, n);
    const start = performance.now();
    await this.#highlights.show(reply.value);
    // Main-thread time, for the benchmark only: the page's performance timeline is the page's to
    // read, and would tell it that Verbatim is here (and how many notes it has).
    if (import.meta.env.VITE_VERBATIM_BENCH) {
      performance.measure('verbatim:anchor', {
        start,
        duration: this.#highlights.busyMs,
        detail: { notes: reply.value.length, orphans: this.#highlights.orphans.length, elapsedMs: performance.now() - start },
      });
    }
  }

  /** The selectors of a passage of this page, as a note saves them. */
  describe(range: Range): Selector[] {
    return describe(this.#root(), range);
  }

  /** Keeps and draws a note just saved from a live range. */
  add(note: Note, range: Range): void {
    this.#notes.set(note.id, note);
    this.#highlights.add(note, range);
  }

  /**
   * Notes the user may attach to a passage of this page: not drawn here, and either this page's
   * own or an orphan (not found on its own page either). Oldest first.
   */
  missing(): Note[] {
    return this.#highlights.orphans
      .map((id) => this.#notes.get(id))
      .filter((n): n is Note => !!n && (n.url === this.#url || n.orphanedAt !== undefined))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Keeps a changed note; its passage is drawn again when its colour or kind changed. */
  changed(note: Note, redraw: boolean): void {
    this.#notes.set(note.id, note);
    const range = this.#highlighter.rangeOf(note.id);
    if (range && redraw) this.#highlighter.draw(note.id, range, note.color, note.kind);
  }

  /** Forgets a deleted note and removes its drawing; returns where its passage was. */
  remove(id: string): Range | undefined {
    const range = this.#highlighter.rangeOf(id)?.cloneRange();
    this.#highlighter.remove(id);
    this.#notes.delete(id);
    return range;
  }

  /** Where a note's passage is drawn, if it is. */
  rangeOf(id: string): Range | undefined {
    return this.#highlighter.rangeOf(id);
  }

  /** Scrolls a drawn passage into view and flashes it; false when it is not drawn. */
  reveal(id: string): boolean {
    const range = this.#highlighter.rangeOf(id);
    if (!range) return false;
    const target = elementOf(range.startContainer);
    const behavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    if (target) dom(target).scrollIntoView(target, { block: 'center', behavior });
    this.#highlighter.flash(id);
    return true;
  }

  /** The drawn note under a point of the viewport, if any (the innermost when passages overlap). */
  at(x: number, y: number): Note | undefined {
    const caret = this.#doc.caretPositionFromPoint?.(x, y);
    const node = caret?.offsetNode ?? this.#doc.caretRangeFromPoint?.(x, y)?.startContainer;
    const offset = caret?.offset ?? this.#doc.caretRangeFromPoint?.(x, y)?.startOffset ?? 0;
    return node ? this.containing(node, offset) : undefined;
  }

  /** The drawn note holding a point of the page, if any (the innermost when passages overlap). */
  containing(node: Node, offset: number): Note | undefined {
    let best: { note: Note; length: number } | undefined;
    for (const id of this.#highlighter.ids()) {
      const range = this.#highlighter.rangeOf(id);
      const note = this.#notes.get(id);
      if (!range || !note) continue;
      try {
        if (!range.isPointInRange(node, offset)) continue;
      } catch {
        continue;
      }
      const length = range.toString().length;
      if (!best || length < best.length) best = { note, length };
    }
    return best?.note;
  }

  /** Stops watching the page and removes every drawing. */
  destroy(): void {
    this.#highlights.destroy();
  }
}
