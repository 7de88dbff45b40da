import { t } from './i18n';
import { errorText, isStorageFull, writeFailure, type WriteFailure } from '../domain/storage-full';

export { errorText, isStorageFull, writeFailure };

/** The reason, in the user's language, for each failure that has words of its own. */
const REASON: Partial<Record<WriteFailure, string>> = {
  closed: 'writeReasonClosed',
  invalid: 'writeReasonInvalid',
  conflict: 'writeReasonConflict',
  gone: 'writeReasonGone',
  'version-gone': 'writeReasonVersionGone',
};

/** Why a write failed, in the user's language where Verbatim knows the failure; else the error's own text. */
export function writeReason(error: unknown): string {
  const key = REASON[writeFailure(error)];
  return key ? t(key) : errorText(error);
}

/**
 * What to tell the user when a write failed: storage full gets its own message (nothing was
 * saved, and what to do: `fullKey`, "this note was not saved" unless the write was a change to
 * something else); anything else `t(otherwiseKey, <why>)`, a message with one placeholder
 * (`saveFailed`, `errorGeneric`…), the reason in the user's language when it is a closed
 * database, a refused record, or a note changed or deleted in another window (`writeReason`).
 * Takes the error itself or, from another context, its text (`errorMessage` keeps the name of
 * those errors in it).
 */
export function describeWriteError(error: unknown, otherwiseKey = 'errorGeneric', fullKey = 'storageFullNotSaved'): string {
  if (isStorageFull(error)) return t(fullKey);
  return t(otherwiseKey, writeReason(error));
}
