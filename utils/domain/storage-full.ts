/**
 * Telling why a write failed, wherever it was thrown and after its text crossed a message
 * boundary: storage full, the database closed, a record refused, a note changed or deleted in
 * another window. Pure: no browser APIs (the import worker uses it too).
 */

/** Error names browsers give a write refused for lack of space (the second is Firefox's old one). */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** Why a write failed, as the user is told it (utils/platform/write-error.ts words each). */
export type WriteFailure = 'storage-full' | 'closed' | 'invalid' | 'conflict' | 'gone' | 'version-gone' | 'other';

/**
 * Error names, by failure. `closed`: the database connection is gone (Dexie's
 * DatabaseClosedError once the browser closed it or Verbatim was updated; IndexedDB's
 * InvalidStateError on a closing connection; UnknownError, Chrome's name for a backing store
 * that cannot be read or written). `invalid`: a record refused (valibot's ValiError from the
 * repository's checks; IndexedDB's ConstraintError, DataError, DataCloneError).
 */
const NAMES: ReadonlyArray<[Exclude<WriteFailure, 'storage-full' | 'other'>, readonly string[]]> = [
  ['conflict', ['NoteConflictError']],
  ['gone', ['NoteGoneError']],
  ['version-gone', ['VersionGoneError']],
  ['closed', ['DatabaseClosedError', 'InvalidStateError', 'UnknownError', 'OpenFailedError']],
  ['invalid', ['ValiError', 'ConstraintError', 'DataError', 'DataCloneError']],
];
const NAMED = new Set(NAMES.flatMap(([, names]) => names));

/**
 * A save of a note's text based on a version of the note that another window has changed since
 * (`updateNote`'s `seen`): refused, so neither window's text is silently lost.
 */
export class NoteConflictError extends Error {
  override name = 'NoteConflictError';
  constructor(noteId: string) {
    super(`note ${noteId} was changed elsewhere since this edit began`);
  }
}

/** A change to a note that is not stored (any more): deleted, perhaps in another window. */
export class NoteGoneError extends Error {
  override name = 'NoteGoneError';
  constructor(noteId: string) {
    super(`No note ${noteId}`);
  }
}

/** A version to restore that is no longer in its note's history: a sync or another window changed it meanwhile. */
export class VersionGoneError extends Error {
  override name = 'VersionGoneError';
  constructor(noteId: string) {
    super(`That version is no longer in note ${noteId}'s history`);
  }
}

/** Every name found on an error and what wraps it (Dexie's `inner`, `cause`, `BulkError.failures`), and in its text. */
function names(error: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 5 || error === null || error === undefined) return out;
  if (typeof error === 'string') {
    for (const name of [...QUOTA_NAMES, ...NAMED]) if (new RegExp(`\\b${name}\\b`).test(error)) out.push(name);
    return out;
  }
  if (typeof error !== 'object') return out;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string') out.push(e.name);
  // DOMException.QUOTA_EXCEEDED_ERR, for engines that name it otherwise.
  if (typeof DOMException !== 'undefined' && error instanceof DOMException && e.code === 22) out.push('QuotaExceededError');
  names(e.inner, depth + 1, out);
  names(e.cause, depth + 1, out);
  if (Array.isArray(e.failures)) for (const f of e.failures) names(f, depth + 1, out);
  // BulkError keeps its failures by position in an object too.
  else if (e.failures && typeof e.failures === 'object') for (const f of Object.values(e.failures)) names(f, depth + 1, out);
  if (typeof e.message === 'string') names(e.message, depth + 1, out);
  return out;
}

/**
 * Whether a failed write failed because storage is full. Looks through what wraps the browser's
 * error: Dexie's own errors (`inner`, e.g. the AbortError of a transaction the quota aborted),
 * `BulkError.failures`, `cause`, and error text that crossed a message boundary as a string
 * (`errorMessage` keeps the error's name in it).
 */
export const isStorageFull = (error: unknown): boolean => names(error).some((n) => QUOTA_NAMES.has(n));

/** Why a write failed; storage full first (a quota abort also names an AbortError), `other` when nothing tells. */
export function writeFailure(error: unknown): WriteFailure {
  const found = names(error);
  if (found.some((n) => QUOTA_NAMES.has(n))) return 'storage-full';
  for (const [failure, list] of NAMES) if (found.some((n) => list.includes(n))) return failure;
  return 'other';
}

/**
 * Anything thrown, as text for a person or a log; an error whose failure the user is told in
 * their own words (storage full, closed, refused, conflict, gone) keeps its name in the text, so
 * the other side of a message can still tell.
 */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (writeFailure(error) === writeFailure(message)) return message;
  const name = names(error).find((n) => QUOTA_NAMES.has(n) || NAMED.has(n)) ?? '';
  return `${name}: ${message}`;
}
