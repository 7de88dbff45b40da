/** Telling a storage-full failure from others, wherever it was thrown. Pure: no browser APIs. */

/** Error names browsers give a write refused for lack of space (the second is Firefox's old one). */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Whether a failed write failed because storage is full. Looks through what wraps the browser's
 * error: Dexie's own errors (`inner`, e.g. the AbortError of a transaction the quota aborted),
 * `BulkError.failures`, `cause`, and error text that crossed a message boundary as a string
 * (`errorMessage` keeps the error's name in it).
 */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || error === undefined) return false;
  if (typeof error === 'string') return /QuotaExceededError|NS_ERROR_DOM_QUOTA_REACHED/.test(error);
  if (typeof error !== 'object') return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  // DOMException.QUOTA_EXCEEDED_ERR, for engines that name it otherwise.
  if (typeof DOMException !== 'undefined' && error instanceof DOMException && e.code === 22) return true;
  if (isStorageFull(e.inner, depth + 1) || isStorageFull(e.cause, depth + 1)) return true;
  if (Array.isArray(e.failures) && e.failures.some((f) => isStorageFull(f, depth + 1))) return true;
  return typeof e.message === 'string' && isStorageFull(e.message, depth + 1);
}

/** Anything thrown, as text for a person or a log; a quota error keeps its name in the text. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return isStorageFull(error) && !isStorageFull(message) ? `QuotaExceededError: ${message}` : message;
}
