import { anchor, indexText } from './anchoring';
import type { Highlighter } from './highlighter';
import type { Note } from './model';

export interface PageHighlightsOptions {
  /** The element whose text the selectors describe (document.body). */
  root: () => Element;
  highlighter: Highlighter;
  /** Told which notes were found and which were given up on; called once per settled pass. */
  report: (found: string[], orphaned: string[]) => void;
  /** How long to keep watching a page that renders late for orphans to appear. */
  watchMs?: number;
  /** Quiet time after the last DOM change before orphans are looked for again. */
  debounceMs?: number;
  /** Once the page has been quiet this long, remaining orphans are reported (test seam). */
  settleMs?: number;
  /** Longest run of anchoring before yielding the main thread back to the page. */
  sliceMs?: number;
}

/** Gives the main thread back to the page (input, rendering) before continuing. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Draws a page's saved notes and keeps them honest: each is anchored once; those not found are
 * looked for again while the page is still changing (single-page apps, lazy content), for a
 * bounded time, then reported as orphans. Anchoring runs in slices so a page with hundreds of
 * highlights never blocks its main thread for long.
 */
export class PageHighlights {
  readonly #o: Required<PageHighlightsOptions>;
  #notes = new Map<string, Note>();
  #orphans = new Set<string>();
  #observer: MutationObserver | undefined;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #settle: ReturnType<typeof setTimeout> | undefined;
  #deadline = 0;
  #generation = 0;
  /** Main-thread time spent anchoring and drawing in the last `show()`, in ms. */
  busyMs = 0;

  constructor(options: PageHighlightsOptions) {
    this.#o = { watchMs: 10_000, debounceMs: 250, settleMs: 1_500, sliceMs: 8, ...options };
  }

  /** Ids of the notes not found (so far) on the page. */
  get orphans(): string[] {
    return [...this.#orphans];
  }

  /** Replaces what is drawn with these notes. Resolves when the first pass is drawn. */
  async show(notes: Note[]): Promise<void> {
    const generation = ++this.#generation;
    this.#stopWatching();
    const keep = new Set(notes.map((n) => n.id));
    for (const id of this.#o.highlighter.ids()) if (!keep.has(id)) this.#o.highlighter.remove(id);
    this.#notes = new Map(notes.map((n) => [n.id, n]));
    this.#orphans = new Set();
    this.busyMs = 0;
    const found = await this.#anchorAll(notes, generation);
    if (generation !== this.#generation) return;
    this.#o.report(found, []);
    if (this.#orphans.size > 0) this.#watch(generation);
  }

  /** Draws a note just made from a live range (no anchoring needed). */
  add(note: Note, range: Range): void {
    this.#notes.set(note.id, note);
    this.#orphans.delete(note.id);
    this.#o.highlighter.draw(note.id, range, note.color, note.kind);
  }

  /** Stops watching and removes every drawing. */
  destroy(): void {
    this.#generation++;
    this.#stopWatching();
    this.#o.highlighter.destroy();
  }

  /**
   * Anchors notes against one text index, in slices, then draws them all. The fallback
   * highlighter moves text nodes when it draws, which invalidates the index and every other
   * range: there, each note is anchored on a fresh index and drawn at once.
   */
  async #anchorAll(notes: Note[], generation: number): Promise<string[]> {
    const ranges: Array<[Note, Range]> = [];
    let sliceStart = performance.now();
    const wraps = !this.#o.highlighter.supported;
    const indexStart = performance.now();
    let index = indexText(this.#o.root());
    // Reading the page's text is the fixed cost of a pass; the benchmark reports it apart.
    performance.measure('verbatim:index', { start: indexStart, duration: performance.now() - indexStart });
    for (const note of notes) {
      if (performance.now() - sliceStart > this.#o.sliceMs) {
        this.busyMs += performance.now() - sliceStart;
        await yieldToPage();
        if (generation !== this.#generation) return [];
        sliceStart = performance.now();
      }
      let range: Range | null = null;
      try {
        range = anchor(this.#o.root(), note.selectors, index);
      } catch {
        range = null; // a malformed selector is an orphan, never a broken page
      }
      if (!range) this.#orphans.add(note.id);
      else if (!wraps) ranges.push([note, range]);
      else {
        this.#o.highlighter.draw(note.id, range, note.color, note.kind);
        this.#orphans.delete(note.id);
        ranges.push([note, range]);
        index = indexText(this.#o.root());
      }
    }
    if (wraps) {
      this.busyMs += performance.now() - sliceStart;
      return ranges.filter(([n]) => !this.#orphans.has(n.id)).map(([n]) => n.id);
    }
    // The page may have changed while we yielded: a range into removed nodes is dropped.
    const root = this.#o.root();
    for (const [note, range] of ranges) {
      if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) {
        this.#orphans.add(note.id);
        continue;
      }
      this.#o.highlighter.draw(note.id, range, note.color, note.kind);
      this.#orphans.delete(note.id);
    }
    this.busyMs += performance.now() - sliceStart;
    return ranges.filter(([n]) => !this.#orphans.has(n.id)).map(([n]) => n.id);
  }

  #watch(generation: number): void {
    const root = this.#o.root();
    this.#deadline = performance.now() + this.#o.watchMs;
    this.#observer = new MutationObserver(() => {
      // The page is still changing: not quiet yet, so nothing is given up on before the retry.
      clearTimeout(this.#settle);
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => void this.#retry(generation), this.#o.debounceMs);
    });
    this.#observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.#armSettle(generation);
  }

  /** A quiet page, or the deadline, ends the watch: what is still missing is an orphan. */
  #armSettle(generation: number): void {
    clearTimeout(this.#settle);
    const wait = Math.min(this.#o.settleMs, Math.max(0, this.#deadline - performance.now()));
    this.#settle = setTimeout(() => {
      if (generation !== this.#generation) return;
      this.#stopWatching();
      this.#o.report([], this.orphans);
    }, wait);
  }

  async #retry(generation: number): Promise<void> {
    if (generation !== this.#generation) return;
    const pending = [...this.#orphans].map((id) => this.#notes.get(id)).filter((n): n is Note => !!n);
    const found = await this.#anchorAll(pending, generation);
    if (generation !== this.#generation) return;
    if (found.length) this.#o.report(found, []);
    if (this.#orphans.size === 0) this.#stopWatching();
    else if (performance.now() < this.#deadline) this.#armSettle(generation);
  }

  #stopWatching(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    clearTimeout(this.#debounce);
    clearTimeout(this.#settle);
  }
}
