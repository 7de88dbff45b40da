type TypedArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * `a` if it holds `need` elements, else a copy at least that long (grown by half at least, so
 * appends cost amortised constant time), the new elements set to `fill`.
 */
export function ensureCapacity<T extends TypedArray>(a: T, need: number, fill = 0): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, Math.ceil(a.length * 1.5), 64));
  b.set(a);
  if (fill) b.fill(fill, a.length);
  return b;
}
