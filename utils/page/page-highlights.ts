import { anchor, indexText, locate, nodeUnchanged, pageText, rangeFromOffsets, type PageText, type TextIndex } from '../anchoring';
import type { Highlighter } from './highlighter';
import type { Note, Selector } from '../domain/model';
import { isPageNote } from '../domain/notes';

/**
 * Matches selectors against a page's text somewhere else (the content script asks the
 * background): offsets in that text, or null per orphan, in the order given.
 */
export type RemoteLocate = (text: PageText, selectors: Selector[][]) => Promise<Array<{ start: number; end: number } | null>>;

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
  /**
   * Where to match quotes away from the main thread. Without it (or when it fails, or with the
   * wrapping highlighter) matching runs here, in slices.
   */
  remote?: RemoteLocate;
  /** Longest text sent to `remote`, in characters. */
  remoteMaxChars?: number;
}

/** Gives the main thread back to the page (input, rendering) before continuing. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A measure on the page's performance timeline, in benchmark builds only (VITE_VERBATIM_BENCH=1,
 * see bench/chromium.ts): the timeline is the page's to read, and would tell it Verbatim
 * is installed.
 */
function measure(name: string, start: number): void {
  if (import.meta.env.VITE_VERBATIM_BENCH) performance.measure(name, { start, duration: performance.now() - start });
}

/**
 * Draws a page's saved notes and keeps them honest: each is anchored once; those not found are
 * looked for again while the page is still changing (single-page apps, lazy content), for a
 * bounded time, then reported as orphans. Anchoring runs in slices so a page with hundreds of
 * highlights never blocks its main thread for long.
 */
export class PageHighlights {
  readonly #o: Required<Omit<PageHighlightsOptions, 'remote'>> & Pick<PageHighlightsOptions, 'remote'>;
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
    this.#o = { watchMs: 10_000, debounceMs: 250, settleMs: 1_500, sliceMs: 8, remoteMaxChars: Infinity, ...options };
  }

  /** Ids of the notes not found (so far) on the page. */
  get orphans(): string[] {
    return [...this.#orphans];
  }

  /** Replaces what is drawn with these notes. Resolves when the first pass is drawn. */
  async show(all: Note[]): Promise<void> {
    // A note on the page as a whole has no passage: nothing to anchor, never an orphan.
    const notes = all.filter((n) => !isPageNote(n));
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
   * Anchors notes against one reading of the page's text, then draws them all. Matching runs in
   * the background when it can (the page's main thread only reads its text and draws), else
   * here in slices. The fallback highlighter moves text nodes when it draws, which invalidates
   * the index and every other range: there, each note is anchored on a fresh index and drawn
   * at once.
   */
  async #anchorAll(notes: Note[], generation: number): Promise<string[]> {
    const start = performance.now();
    const index = indexText(this.#o.root());
    // Reading the page's text is the fixed cost of a pass; the benchmark reports it apart.
    measure('verbatim:index', start);
    const wraps = !this.#o.highlighter.supported;
    let places: Array<{ start: number; end: number } | null> | null = null;
    if (this.#o.remote && !wraps && notes.length > 0 && index.text.length <= this.#o.remoteMaxChars) {
      // Sending serialises the text here; the matching itself costs this thread nothing.
      const sending = performance.now();
      const request = this.#o.remote(pageText(index), notes.map((n) => n.selectors));
      measure('verbatim:send', sending);
      this.busyMs += performance.now() - start;
      places = await request.then(
        (found) => (Array.isArray(found) && found.length === notes.length ? found : null),
        () => null,
      );
      if (generation !== this.#generation) return [];
    } else this.busyMs += performance.now() - start;
    if (!places) {
      if (wraps) return this.#wrapEach(notes, generation, index);
      places = await this.#locateHere(index, notes, generation);
      if (!places) return [];
    }
    const drawing = performance.now();
    const found: string[] = [];
    notes.forEach((note, i) => {
      const place = places[i];
      const range = place ? rangeFromOffsets(index, place.start, place.end) : null;
      // The page may have changed while the text was matched: a range whose end nodes were
      // removed or rewritten since is not trusted (the watch looks for it again).
      if (!range || !nodeUnchanged(index, range.startContainer) || !nodeUnchanged(index, range.endContainer)) {
        this.#orphans.add(note.id);
        return;
      }
      this.#o.highlighter.draw(note.id, range, note.color, note.kind);
      this.#orphans.delete(note.id);
      found.push(note.id);
    });
    measure('verbatim:draw', drawing);
    this.busyMs += performance.now() - drawing;
    return found;
  }

  /** Matches here, yielding to the page between slices; null if a newer pass started. */
  async #locateHere(index: TextIndex, notes: Note[], generation: number): Promise<Array<{ start: number; end: number } | null> | null> {
    const places: Array<{ start: number; end: number } | null> = [];
    let sliceStart = performance.now();
    for (const note of notes) {
      if (performance.now() - sliceStart > this.#o.sliceMs) {
        this.busyMs += performance.now() - sliceStart;
        await yieldToPage();
        if (generation !== this.#generation) return null;
        sliceStart = performance.now();
      }
      let found: { start: number; end: number } | null = null;
      try {
        found = locate(index, note.selectors);
      } catch {
        found = null; // a malformed selector is an orphan, never a broken page
      }
      places.push(found);
    }
    this.busyMs += performance.now() - sliceStart;
    return places;
  }

  /** The wrapping highlighter: anchor one note, draw it, read the changed page again. */
  async #wrapEach(notes: Note[], generation: number, first: TextIndex): Promise<string[]> {
    const found: string[] = [];
    let index = first;
    let sliceStart = performance.now();
    for (const note of notes) {
      if (performance.now() - sliceStart > this.#o.sliceMs) {
        this.busyMs += performance.now() - sliceStart;
        await yieldToPage();
        if (generation !== this.#generation) return [];
        sliceStart = performance.now();
        index = indexText(this.#o.root());
      }
      let range: Range | null = null;
      try {
        range = anchor(this.#o.root(), note.selectors, index);
      } catch {
        range = null;
      }
      if (!range) {
        this.#orphans.add(note.id);
        continue;
      }
      this.#o.highlighter.draw(note.id, range, note.color, note.kind);
      this.#orphans.delete(note.id);
      found.push(note.id);
      index = indexText(this.#o.root());
    }
    this.busyMs += performance.now() - sliceStart;
    return found;
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
