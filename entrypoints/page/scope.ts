export type Timer = ReturnType<typeof setTimeout>;

/**
 * The listeners and timers one piece of the page script holds, all ended by `destroy()`. An
 * updated, reloaded or removed extension leaves the page script orphaned in the page: `alive` is
 * asked before each event is handled, and once it says no (the caller then destroys every
 * piece) nothing is handled, scheduled or left listening.
 */
export class Scope {
  readonly #life = new AbortController();
  readonly #timers = new Set<Timer>();
  readonly #frames = new Set<number>();
  readonly #alive: () => boolean;

  constructor(alive: () => boolean = () => true) {
    this.#alive = alive;
  }

  /** Listens until destroyed; the handler runs only while `alive()` says so. */
  listen<E extends Event>(
    target: EventTarget,
    type: string,
    handler: (e: E) => void,
    options: AddEventListenerOptions = {},
  ): void {
    if (this.#life.signal.aborted) return;
    target.addEventListener(
      type,
      (e) => {
        if (this.#alive()) handler(e as E);
      },
      { ...options, signal: this.#life.signal },
    );
  }

  /** Runs `fn` in `ms` unless cancelled or destroyed first. */
  later(fn: () => void, ms: number): Timer | undefined {
    if (this.#life.signal.aborted) return undefined;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  cancel(timer: Timer | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(timer);
  }

  /** Runs `fn` before the next paint, once layout is done, unless destroyed first. */
  frame(fn: () => void): void {
    if (this.#life.signal.aborted) return;
    const id = requestAnimationFrame(() => {
      this.#frames.delete(id);
      fn();
    });
    this.#frames.add(id);
  }

  destroy(): void {
    this.#life.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    for (const id of this.#frames) cancelAnimationFrame(id);
    this.#timers.clear();
    this.#frames.clear();
  }
}
