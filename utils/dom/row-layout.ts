/**
 * Where each row of a virtual list sits: prefix sums of row heights, the measured ones or an
 * estimate. Computed as far as asked, never further: a search that lists 65,000 notes shows the
 * first twenty, and a full pass (a key and a height lookup per row) cost the side panel a few ms
 * per keystroke, twice (once more when the new rows were measured), during a sync (issue #15).
 * The total height counts the rows not laid out yet at their estimate.
 */
export class RowLayout<T> {
  readonly #items: readonly T[];
  readonly #height: (item: T) => number;
  readonly #estimate: (item: T) => number;
  /** `#offsets[i]`: the top of row i, known for i ≤ #done. */
  readonly #offsets: Float64Array;
  #done = 0;
  #tail: { from: number; sum: number } | null = null;

  /** `height`: the row's measured height, or its estimate when not measured. */
  constructor(items: readonly T[], height: (item: T) => number, estimate: (item: T) => number) {
    this.#items = items;
    this.#height = height;
    this.#estimate = estimate;
    this.#offsets = new Float64Array(items.length + 1);
  }

  get length(): number {
    return this.#items.length;
  }

  /** The top of row `i` (0 ≤ i ≤ length; `length` is the bottom of the last row). */
  top(i: number): number {
    this.#extend(Math.min(i, this.#items.length));
    return this.#offsets[i]!;
  }

  /** The first row whose top is below `y` (`length` if none): rows before it start at or above `y`. */
  firstBelow(y: number): number {
    const n = this.#items.length;
    while (this.#done < n && this.#offsets[this.#done]! <= y) this.#extend(Math.min(n, this.#done * 2 + 32));
    let lo = 0;
    let hi = this.#done + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#offsets[mid]! <= y) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, n + 1);
  }

  /** The list's height: rows laid out as measured, the others at their estimate. */
  get total(): number {
    const n = this.#items.length;
    if (this.#tail?.from !== this.#done) {
      let sum = 0;
      for (let i = this.#done; i < n; i++) sum += this.#estimate(this.#items[i]!);
      this.#tail = { from: this.#done, sum };
    }
    return this.#offsets[this.#done]! + this.#tail.sum;
  }

  #extend(to: number): void {
    for (let i = this.#done; i < to; i++) this.#offsets[i + 1] = this.#offsets[i]! + this.#height(this.#items[i]!);
    if (to > this.#done) this.#done = to;
  }
}
