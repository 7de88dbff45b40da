type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `condition` every 100 ms until it returns something truthy, and returns that; throws
 * `timed out waiting for <what>` after `timeoutMs`. The one polling helper of the e2e tests, the
 * corpus checks and the benchmarks, always called as `waitFor(condition, timeoutMs, what)`.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, timeoutMs: number, what: string): Promise<Truthy<T>> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await condition();
    if (value) return value as Truthy<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
